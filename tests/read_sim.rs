//! Read rate and speed on simulated camera frames (`crate::sim`), by difficulty bucket.
//!
//! The quick test runs in the normal suite; the full survey is ignored by default:
//! `cargo test --release --test read_sim -- --ignored --nocapture`.

use ecc200::decode;
use ecc200::read::{ReadOptions, Reader};
use ecc200::sim::{random_matrix, random_scene, Difficulty};
use ecc200::{Point, SymbolSize};
use std::time::Instant;

/// (symbols in the frames, symbols read, wrong reads, reader CPU time per frame in ms).
fn survey(
    d: Difficulty,
    frames: u64,
    seed0: u64,
    opts: &ReadOptions,
) -> (usize, usize, usize, Vec<f64>) {
    let sizes: Vec<SymbolSize> = SymbolSize::all().collect();
    let mut reader = Reader::new(opts.clone());
    let (mut total, mut read, mut wrong) = (0, 0, 0);
    let mut times = Vec::new();
    for f in 0..frames {
        let seed = seed0 + f * 7919;
        let n = 1 + (seed % 3) as usize;
        let mats: Vec<_> = (0..n)
            .map(|k| {
                // mostly the sizes pharma uses (up to 26x26 and the rectangles), some big
                let i = ((seed >> 3) as usize + 5 * k) % sizes.len();
                let size = if sizes[i].rows() > 52 {
                    sizes[i % 9]
                } else {
                    sizes[i]
                };
                random_matrix(seed + k as u64, size)
            })
            .collect();
        let scene = random_scene(seed, d, &mats);
        let Ok(sim) = scene.render() else {
            continue;
        };
        let frame = sim.image.as_frame().unwrap();
        let (t, c0) = (Instant::now(), thread_cpu_ns());
        let res = reader.read(&frame);
        times.push(match (c0, thread_cpu_ns()) {
            // CPU time of this thread where Linux tells it (the machine may be shared)
            (Some(a), Some(b)) => (b - a) as f64 / 1e6,
            _ => t.elapsed().as_secs_f64() * 1000.0,
        });
        let truths: Vec<_> = sim
            .truth
            .iter()
            .map(|t| (decode::from_matrix(&t.matrix).unwrap().data_codewords, t))
            .collect();
        total += truths.len();
        for (cw, t) in &truths {
            if let Some(r) = res.iter().find(|r| &r.decoded.data_codewords == cw) {
                read += 1;
                let want = t.module_to_pixel.map(Point::new(0.5, 0.5));
                let got = r.module_to_pixel.map(Point::new(0.5, 0.5));
                assert!(
                    want.dist(got) < 0.6 * t.module_px,
                    "{d:?} seed {seed}: module (0,0) at {got:?}, truth {want:?}, module {} px, mirrored {}, size {:?}", t.module_px, t.mirrored, r.size
                );
                assert_eq!(r.mirrored, t.mirrored, "{d:?} seed {seed}: mirrored flag");
            } else if std::env::var("MISSES").is_ok() {
                println!(
                    "miss {d:?} seed {seed} size {}x{} module {:.1} px",
                    t.matrix.rows(),
                    t.matrix.cols(),
                    t.module_px
                );
            }
        }
        for r in &res {
            if !truths.iter().any(|(cw, _)| cw == &r.decoded.data_codewords) {
                wrong += 1;
            }
        }
    }
    (total, read, wrong, times)
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), if available.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

#[test]
fn easy_frames_are_read() {
    let (total, read, wrong, _) = survey(Difficulty::Easy, 4, 11, &ReadOptions::default());
    assert_eq!(wrong, 0);
    assert!(total > 0);
    assert!(read * 4 >= total * 3, "read {read} of {total}");
}

#[test]
#[ignore = "survey; run in release with --nocapture"]
fn survey_all_buckets() {
    let frames = std::env::var("FRAMES").map_or(20, |v| v.parse().unwrap());
    let opts = ReadOptions::default();
    let (mut t_all, mut r_all, mut w_all) = (0, 0, 0);
    let mut all_times = Vec::new();
    for d in Difficulty::ALL {
        if d == Difficulty::Jpeg && !cfg!(feature = "image") {
            continue;
        }
        // BUCKET=easy (say) surveys one bucket only
        if std::env::var("BUCKET").is_ok_and(|b| b != d.name()) {
            continue;
        }
        let (total, read, wrong, mut times) = survey(d, frames, 1000, &opts);
        println!(
            "{:14} {read:4}/{total:4} = {:5.1}%  wrong {wrong}  mean {:.2} ms  median {:.2} ms  max {:.2} ms",
            d.name(),
            100.0 * read as f64 / total.max(1) as f64,
            times.iter().sum::<f64>() / times.len().max(1) as f64,
            median(&mut times),
            times.iter().copied().fold(0.0, f64::max)
        );
        t_all += total;
        r_all += read;
        w_all += wrong;
        all_times.extend(times);
    }
    println!(
        "all            {r_all:4}/{t_all:4} = {:5.1}%  wrong {w_all}  mean {:.2} ms  median {:.2} ms",
        100.0 * r_all as f64 / t_all.max(1) as f64,
        all_times.iter().sum::<f64>() / all_times.len().max(1) as f64,
        median(&mut all_times)
    );
    assert_eq!(w_all, 0, "wrong reads");
}
