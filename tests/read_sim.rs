//! Read rate and speed on simulated camera frames (`crate::sim`), by difficulty bucket.
//!
//! The quick test runs in the normal suite; the full survey is ignored by default:
//! `cargo test --release --test read_sim -- --ignored --nocapture`.

use ecc200::decode;
use ecc200::read::{ReadOptions, Reader};
use ecc200::sim::{random_matrix, random_scene, Difficulty};
use ecc200::{Point, SymbolSize};
use std::time::Instant;

/// (symbols in the frames, symbols read, wrong reads, reader time per frame in ms).
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
        let t = Instant::now();
        let res = reader.read(&frame);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
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
                    "{d:?} seed {seed}: module (0,0) at {got:?}, truth {want:?}"
                );
                assert_eq!(r.mirrored, t.mirrored, "{d:?} seed {seed}: mirrored flag");
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
        let (total, read, wrong, mut times) = survey(d, frames, 1000, &opts);
        println!(
            "{:14} {read:4}/{total:4} = {:5.1}%  wrong {wrong}  median {:.2} ms  max {:.2} ms",
            d.name(),
            100.0 * read as f64 / total.max(1) as f64,
            median(&mut times),
            times.iter().copied().fold(0.0, f64::max)
        );
        t_all += total;
        r_all += read;
        w_all += wrong;
        all_times.extend(times);
    }
    println!(
        "all            {r_all:4}/{t_all:4} = {:5.1}%  wrong {w_all}  median {:.2} ms",
        100.0 * r_all as f64 / t_all.max(1) as f64,
        median(&mut all_times)
    );
    assert_eq!(w_all, 0, "wrong reads");
}

#[test]
#[ignore = "diagnostics; run in release with --nocapture"]
fn stage_times() {
    use ecc200::binarize::Binarizer;
    use ecc200::cpu::CpuLevel;
    for d in [
        Difficulty::Easy,
        Difficulty::Clutter,
        Difficulty::LowContrast,
    ] {
        for seed in 0..3u64 {
            let mats = vec![random_matrix(seed, SymbolSize::from_dims(16, 16).unwrap())];
            let sim = random_scene(seed * 31 + 5, d, &mats).render().unwrap();
            let frame = sim.image.as_frame().unwrap();
            let mut b = Binarizer::new(CpuLevel::detect());
            b.run(&frame);
            let t = Instant::now();
            for _ in 0..5 {
                b.run(&frame);
            }
            let tb = t.elapsed().as_secs_f64() * 200.0;
            let bin = b.binary();
            let dark: u32 = (0..bin.height())
                .map(|y| bin.row(y).iter().map(|w| w.count_ones()).sum::<u32>())
                .sum();
            let mut reader = Reader::new(ReadOptions::default());
            reader.read(&frame);
            let t = Instant::now();
            let n = reader.read(&frame).len();
            let tr = t.elapsed().as_secs_f64() * 1000.0;
            println!(
                "{:12} seed {seed}: binarize {tb:.2} ms, dark {:.1}%, candidates {}, read {tr:.2} ms, {n} read",
                d.name(),
                100.0 * dark as f64 / (bin.width() * bin.height()) as f64,
                reader.candidates().len()
            );
        }
    }
}

#[test]
#[ignore = "diagnostics; run in release with --nocapture"]
fn misses() {
    let d = match std::env::var("BUCKET").as_deref() {
        Ok("dots") => Difficulty::Dots,
        Ok("blur") => Difficulty::HeavyBlur,
        Ok("glare") => Difficulty::Glare,
        Ok("clutter") => Difficulty::Clutter,
        Ok("persp") => Difficulty::Perspective,
        Ok("small") => Difficulty::SmallModules,
        _ => Difficulty::Easy,
    };
    let sizes: Vec<SymbolSize> = SymbolSize::all().collect();
    let mut reader = Reader::new(ReadOptions::default());
    let only: Option<u64> = std::env::var("SEED").ok().map(|v| v.parse().unwrap());
    for f in 0..20u64 {
        let seed = 1000 + f * 7919;
        if only.is_some_and(|o| o != seed) {
            continue;
        }
        let n = 1 + (seed % 3) as usize;
        let mats: Vec<_> = (0..n)
            .map(|k| {
                let i = ((seed >> 3) as usize + 5 * k) % sizes.len();
                let size = if sizes[i].rows() > 52 {
                    sizes[i % 9]
                } else {
                    sizes[i]
                };
                random_matrix(seed + k as u64, size)
            })
            .collect();
        let sim = random_scene(seed, d, &mats).render().unwrap();
        let frame = sim.image.as_frame().unwrap();
        let res = reader.read(&frame);
        for t in &sim.truth {
            let cw = decode::from_matrix(&t.matrix).unwrap().data_codewords;
            if res.iter().any(|r| r.decoded.data_codewords == cw) {
                continue;
            }
            let c0 = t.corners[3];
            let near = reader
                .candidates()
                .iter()
                .filter(|c| c.corners.iter().any(|p| p.dist(c0) < 3.0 * t.module_px))
                .map(|c| {
                    let err: f64 = c
                        .corners
                        .iter()
                        .zip(&t.corners)
                        .map(|(a, b)| a.dist(*b))
                        .fold(0.0, f64::max);
                    format!("[err {err:.1} mpx {:.1} inv {}]", c.module_px, c.inverted)
                })
                .collect::<Vec<_>>();
            println!(
                "seed {seed} miss {}x{} mpx {:.1} inv {} mir {} noise_floor {} corners {:?} cands near: {near:?}",
                t.matrix.rows(),
                t.matrix.cols(),
                t.module_px,
                t.inverted,
                t.mirrored,
                reader.binarizer().noise_floor(),
                t.corners.map(|p| (p.x as i32, p.y as i32))
            );
            if std::env::var("SAVE").is_ok() {
                let path = format!("/tmp/miss_{seed}.pgm");
                let mut out =
                    format!("P5\n{} {}\n255\n", sim.image.width, sim.image.height).into_bytes();
                out.extend_from_slice(&sim.image.data);
                std::fs::write(&path, out).unwrap();
            }
        }
    }
}
