//! Read-rate and speed benchmark of the ecc200 reader on simulated GS1 pharma frames and
//! real photos, in two steps so other readers can be measured on the same files
//! (`scripts/compare_read.py` runs zxing-cpp and libdmtx on them):
//!
//! ```text
//! # 1. make the frame sets: DIR/<bucket>/NNNN.png + DIR/truth.jsonl
//! cargo run --release --example read_bench -- --out DIR [--frames 20] [--seed 1]
//!       [--width 1920] [--height 1080]
//! # 2. read them with ecc200 (one thread, CPU time per frame), thorough mode, batch
//! #    scaling on 1 vs 2 threads, and the real photos at 0/90/180/270 degrees
//! cargo run --release --example read_bench -- --measure DIR [--realworld PATH]
//!       [--no-thorough] [--no-batch] [--batch-frames 64]
//! ```
//!
//! Buckets: every [`ecc200::sim::Difficulty`] with 1-3 GS1 symbols
//! `(01)GTIN(17)YYMMDD(10)LOT(21)SERIAL` per frame, and `no-symbol` (clutter only).
//! A symbol counts as read when its exact bytes are in the output; an output whose
//! bytes are not in the frame's truth is a wrong read.
//!
//! Time: wall time (`Instant`) and this thread's CPU time (`clock_gettime` with
//! `CLOCK_THREAD_CPUTIME_ID`), per frame, so time spent waiting for a shared CPU is
//! separated from work. PNG decoding is not timed. Results per frame go to
//! `DIR/ecc200.jsonl` for `compare_read.py`.

#[path = "../tests/read_bench_common/mod.rs"]
mod common;

fn main() {
    #[cfg(all(feature = "image", feature = "rayon"))]
    bench::main();
    #[cfg(not(all(feature = "image", feature = "rayon")))]
    eprintln!("read_bench needs the `image` and `rayon` features (on by default)");
}

/// The benchmark (PNG loading needs `image`, batch scaling needs `rayon`).
#[cfg(all(feature = "image", feature = "rayon"))]
mod bench {

    use super::common::{self, hex, score, unhex, Bucket};
    use ecc200::read::{read_batch, ReadOptions, Reader};
    use ecc200::{Frame, GrayImage};
    use std::fmt::Write as _;
    use std::io::Write as _;
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    pub fn main() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let cmd = format!(
            "cargo run --release --example read_bench -- {}",
            args.join(" ")
        );
        let get = |k: &str| {
            args.iter()
                .position(|a| a == k)
                .and_then(|i| args.get(i + 1))
                .cloned()
        };
        let has = |k: &str| args.iter().any(|a| a == k);
        let num = |k: &str, d: usize| {
            get(k).map_or(d, |v| {
                v.parse()
                    .unwrap_or_else(|_| die(&format!("{k}: not a number: {v}")))
            })
        };
        println!("command: {cmd}");
        if let Some(out) = get("--out") {
            let frames = num("--frames", 20);
            let seed = num("--seed", 1) as u64;
            let (w, h) = (num("--width", 1920), num("--height", 1080));
            generate(Path::new(&out), frames, seed, w, h, &cmd);
        } else if let Some(dir) = get("--measure") {
            let realworld = get("--realworld")
                .map(PathBuf::from)
                .or_else(common::realworld_dir);
            measure(
                Path::new(&dir),
                realworld.as_deref(),
                !has("--no-thorough"),
                (!has("--no-batch")).then(|| num("--batch-frames", 64)),
            );
        } else {
            die("usage: read_bench --out DIR [--frames N] [--seed S] [--width W] [--height H]\n       read_bench --measure DIR [--realworld PATH] [--no-thorough] [--no-batch] [--batch-frames N]");
        }
    }

    fn die(msg: &str) -> ! {
        eprintln!("read_bench: {msg}");
        std::process::exit(2)
    }

    fn generate(out: &Path, frames: usize, seed: u64, w: usize, h: usize, cmd: &str) {
        std::fs::create_dir_all(out).unwrap_or_else(|e| die(&format!("{}: {e}", out.display())));
        let mut truth = String::new();
        let t = Instant::now();
        for b in Bucket::all() {
            let dir = out.join(b.name());
            std::fs::create_dir_all(&dir)
                .unwrap_or_else(|e| die(&format!("{}: {e}", dir.display())));
            let mut n_sym = 0;
            for i in 0..frames {
                let f = common::frame(seed, b, i, w, h);
                let name = format!("{}/{i:04}.png", b.name());
                let png = ecc200::render::gray_png(&f.sim.image)
                    .unwrap_or_else(|e| die(&format!("{name}: {e}")));
                std::fs::write(out.join(&name), png)
                    .unwrap_or_else(|e| die(&format!("{name}: {e}")));
                let syms: Vec<String> = f
                .truth
                .iter()
                .map(|s| {
                    format!(
                        "{{\"hex\":\"{}\",\"module_px\":{:.2},\"rows\":{},\"cols\":{},\"contrast\":{:.3},\"tilt_deg\":{:.1},\"round_dots\":{},\"print_growth\":{:.3}}}",
                        hex(&s.bytes), s.module_px, s.dims.0, s.dims.1, s.contrast, s.tilt_deg,
                        s.round_dots.map_or("null".to_string(), |d| format!("{d:.2}")), s.print_growth
                    )
                })
                .collect();
                n_sym += syms.len();
                let _ = writeln!(
                truth,
                "{{\"file\":\"{name}\",\"bucket\":\"{}\",\"width\":{w},\"height\":{h},\"blur\":{:.2},\"motion_blur\":{:.2},\"noise\":{:.2},\"glare\":{},\"jpeg\":{},\"symbols\":[{}]}}",
                b.name(),
                f.scene.blur,
                f.scene.motion_blur.0,
                f.scene.noise,
                f.scene.glare.len(),
                f.scene.jpeg_quality.map_or("null".to_string(), |q| q.to_string()),
                syms.join(",")
            );
            }
            println!("{:<14} {frames} frames, {n_sym} symbols", b.name());
        }
        std::fs::write(out.join("truth.jsonl"), truth).unwrap_or_else(|e| die(&format!("{e}")));
        std::fs::write(out.join("command.txt"), format!("{cmd}\n")).ok();
        println!(
            "wrote {} in {:.1} s",
            out.join("truth.jsonl").display(),
            t.elapsed().as_secs_f64()
        );
    }

    /// One frame of the truth file.
    struct Case {
        file: String,
        bucket: String,
        truth: Vec<Vec<u8>>,
        module_px: Vec<f64>,
        image: GrayImage,
    }

    /// Minimal field access for the flat JSON lines this program writes.
    fn json_str(line: &str, key: &str) -> Option<String> {
        let k = format!("\"{key}\":\"");
        let i = line.find(&k)? + k.len();
        let j = line[i..].find('"')?;
        Some(line[i..i + j].to_string())
    }

    fn json_all(line: &str, key: &str) -> Vec<String> {
        let k = format!("\"{key}\":");
        line.match_indices(&k)
            .map(|(i, _)| {
                let rest = &line[i + k.len()..];
                let rest = rest.trim_start_matches('"');
                let end = rest.find(['"', ',', '}']).unwrap_or(rest.len());
                rest[..end].to_string()
            })
            .collect()
    }

    fn load_cases(dir: &Path) -> Vec<Case> {
        let text = std::fs::read_to_string(dir.join("truth.jsonl"))
            .unwrap_or_else(|e| die(&format!("{}: {e}", dir.join("truth.jsonl").display())));
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let file = json_str(l, "file").unwrap_or_else(|| die(&format!("bad line {l}")));
                let bucket = json_str(l, "bucket").unwrap_or_default();
                let truth = json_all(l, "hex")
                    .iter()
                    .map(|h| unhex(h).unwrap_or_else(|| die(&format!("bad hex {h}"))))
                    .collect();
                let module_px = json_all(l, "module_px")
                    .iter()
                    .filter_map(|v| v.parse().ok())
                    .collect();
                let image = common::load_gray(&dir.join(&file)).unwrap_or_else(|e| die(&e));
                Case {
                    file,
                    bucket,
                    truth,
                    module_px,
                    image,
                }
            })
            .collect()
    }

    /// `clock_gettime` from the C library (no `libc` dependency for one call).
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    fn cpu_clock_ns(clock: i32) -> Option<u64> {
        #[repr(C)]
        struct Timespec {
            tv_sec: i64,
            tv_nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clk: i32, tp: *mut Timespec) -> i32;
        }
        let mut ts = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec (two 64-bit fields on 64-bit Linux)
        // and clock_gettime writes nothing else.
        let rc = unsafe { clock_gettime(clock, &mut ts) };
        (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
    }

    #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
    fn cpu_clock_ns(_clock: i32) -> Option<u64> {
        None
    }

    /// Nanoseconds this thread has spent on a CPU (`CLOCK_THREAD_CPUTIME_ID`; Linux).
    /// (`/proc/thread-self/schedstat` is quantized to scheduler ticks on this machine.)
    fn thread_cpu_ns() -> Option<u64> {
        cpu_clock_ns(3)
    }

    /// CPU time of the whole process, all threads, seconds (`CLOCK_PROCESS_CPUTIME_ID`).
    fn process_cpu_s() -> Option<f64> {
        cpu_clock_ns(2).map(|n| n as f64 / 1e9)
    }

    fn loadavg() -> String {
        std::fs::read_to_string("/proc/loadavg")
            .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "?".into())
    }

    fn median(v: &[f64]) -> f64 {
        if v.is_empty() {
            return f64::NAN;
        }
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn pct(v: &[f64], p: f64) -> f64 {
        if v.is_empty() {
            return f64::NAN;
        }
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    }

    /// One reading pass: per-frame outputs and times.
    struct Pass {
        got: Vec<Vec<Vec<u8>>>,
        wall_ms: Vec<f64>,
        cpu_ms: Vec<f64>,
    }

    fn read_all(cases: &[Case], opts: &ReadOptions) -> Pass {
        let mut reader = Reader::new(opts.clone());
        // warm up: caches, page faults of the scratch buffers
        if let Some(c) = cases.first() {
            if let Ok(f) = c.image.as_frame() {
                reader.read(&f);
            }
        }
        let mut pass = Pass {
            got: Vec::new(),
            wall_ms: Vec::new(),
            cpu_ms: Vec::new(),
        };
        for c in cases {
            let frame = c
                .image
                .as_frame()
                .unwrap_or_else(|e| die(&format!("{}: {e}", c.file)));
            let c0 = thread_cpu_ns();
            let t = Instant::now();
            let res = reader.read(&frame);
            let wall = t.elapsed().as_secs_f64() * 1e3;
            let cpu = match (c0, thread_cpu_ns()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e6,
                _ => f64::NAN,
            };
            pass.wall_ms.push(wall);
            pass.cpu_ms.push(cpu);
            pass.got
                .push(res.into_iter().map(|r| r.decoded.bytes).collect());
        }
        pass
    }

    fn measure(dir: &Path, realworld: Option<&Path>, thorough: bool, batch: Option<usize>) {
        println!("load average before: {}", loadavg());
        let t = Instant::now();
        let cases = load_cases(dir);
        println!(
            "loaded {} frames from {} in {:.1} s (not timed below)",
            cases.len(),
            dir.display(),
            t.elapsed().as_secs_f64()
        );
        let mut jsonl = String::new();
        let mut modes = vec![("default", ReadOptions::default())];
        if thorough {
            modes.push(("thorough", ReadOptions::default().thorough(true)));
        }
        let mut buckets: Vec<String> = Vec::new();
        for c in &cases {
            if !buckets.contains(&c.bucket) {
                buckets.push(c.bucket.clone());
            }
        }
        for (mode, opts) in &modes {
            let pass = read_all(&cases, opts);
            println!(
                "\necc200 {mode} mode, one thread (load average {}):",
                loadavg()
            );
            println!(
                "{:<14} {:>6} {:>7} {:>7} {:>6} {:>9} {:>9} {:>9} {:>9}",
                "bucket",
                "frames",
                "symbols",
                "read",
                "read%",
                "wrong",
                "cpu ms",
                "cpu p90",
                "wall ms"
            );
            let (mut tf, mut ts, mut tr, mut tw) = (0, 0, 0, 0);
            let mut all_cpu = Vec::new();
            let mut all_wall = Vec::new();
            for b in &buckets {
                let idx: Vec<usize> = (0..cases.len())
                    .filter(|&i| &cases[i].bucket == b)
                    .collect();
                let (mut s, mut r, mut w) = (0, 0, 0);
                for &i in &idx {
                    let (ri, wi) = score(&cases[i].truth, &pass.got[i]);
                    s += cases[i].truth.len();
                    r += ri;
                    w += wi;
                }
                let cpu: Vec<f64> = idx.iter().map(|&i| pass.cpu_ms[i]).collect();
                let wall: Vec<f64> = idx.iter().map(|&i| pass.wall_ms[i]).collect();
                all_cpu.extend(&cpu);
                all_wall.extend(&wall);
                println!(
                    "{:<14} {:>6} {:>7} {:>7} {:>6} {:>9} {:>9.2} {:>9.2} {:>9.2}",
                    b,
                    idx.len(),
                    s,
                    r,
                    rate(r, s),
                    w,
                    median(&cpu),
                    pct(&cpu, 0.9),
                    median(&wall)
                );
                tf += idx.len();
                ts += s;
                tr += r;
                tw += w;
            }
            println!(
                "{:<14} {:>6} {:>7} {:>7} {:>6} {:>9} {:>9.2} {:>9.2} {:>9.2}",
                "all",
                tf,
                ts,
                tr,
                rate(tr, ts),
                tw,
                median(&all_cpu),
                pct(&all_cpu, 0.9),
                median(&all_wall)
            );
            for (i, c) in cases.iter().enumerate() {
                let outs: Vec<String> = pass.got[i]
                    .iter()
                    .map(|b| format!("\"{}\"", hex(b)))
                    .collect();
                let _ = writeln!(
                jsonl,
                "{{\"file\":\"{}\",\"mode\":\"{mode}\",\"cpu_ms\":{:.3},\"wall_ms\":{:.3},\"outputs\":[{}]}}",
                c.file,
                pass.cpu_ms[i],
                pass.wall_ms[i],
                outs.join(",")
            );
            }
            if *mode == "default" {
                misses(&cases, &pass);
            }
        }
        if let Some(n) = batch {
            batch_scaling(&cases, n);
        }
        if let Some(root) = realworld {
            realworld_pass(root, &modes, &mut jsonl);
        } else {
            println!(
                "\nrealworld: skipped (no folder; pass --realworld PATH or set ECC200_REALWORLD)"
            );
        }
        let out = dir.join("ecc200.jsonl");
        match std::fs::File::create(&out).and_then(|mut f| f.write_all(jsonl.as_bytes())) {
            Ok(()) => println!("\nper-frame results: {}", out.display()),
            Err(e) => eprintln!("{}: {e}", out.display()),
        }
        println!("load average after: {}", loadavg());
    }

    fn rate(r: usize, s: usize) -> String {
        if s == 0 {
            "-".into()
        } else {
            format!("{:.1}", 100.0 * r as f64 / s as f64)
        }
    }

    /// Missed symbols of the default pass by module size, to show where the reader fails.
    fn misses(cases: &[Case], pass: &Pass) {
        let bands = [
            (0.0, 2.5),
            (2.5, 3.0),
            (3.0, 4.0),
            (4.0, 5.0),
            (5.0, 6.5),
            (6.5, 100.0),
        ];
        let mut tot = [0usize; 6];
        let mut hit = [0usize; 6];
        let mut missed = Vec::new();
        for (i, c) in cases.iter().enumerate() {
            for (k, t) in c.truth.iter().enumerate() {
                let mp = c.module_px.get(k).copied().unwrap_or(f64::NAN);
                let b = bands
                    .iter()
                    .position(|&(lo, hi)| mp >= lo && mp < hi)
                    .unwrap_or(0);
                tot[b] += 1;
                if pass.got[i].contains(t) {
                    hit[b] += 1;
                } else {
                    missed.push(format!("{}#{k} ({mp:.1} px)", c.file));
                }
            }
        }
        print!("read by module size (default mode, all buckets):");
        for (k, &(lo, hi)) in bands.iter().enumerate() {
            if tot[k] > 0 {
                print!(" [{lo}-{hi}) {}/{}", hit[k], tot[k]);
            }
        }
        println!();
        if !missed.is_empty() {
            println!("missed: {}", missed.join(" "));
        }
    }

    fn batch_scaling(cases: &[Case], n: usize) {
        // the frames with symbols, round-robin over the buckets, so every bucket is in
        let mut pick: Vec<&Case> = Vec::new();
        let mut by_bucket: Vec<Vec<&Case>> = Vec::new();
        for c in cases {
            match by_bucket.iter_mut().find(|v| v[0].bucket == c.bucket) {
                Some(v) => v.push(c),
                None => by_bucket.push(vec![c]),
            }
        }
        let mut k = 0;
        while pick.len() < n && by_bucket.iter().any(|v| k < v.len()) {
            for v in &by_bucket {
                if let Some(c) = v.get(k) {
                    if pick.len() < n {
                        pick.push(c);
                    }
                }
            }
            k += 1;
        }
        let frames: Vec<Frame<'_>> = pick
            .iter()
            .filter_map(|c| c.image.as_frame().ok())
            .collect();
        let opts = ReadOptions::default();
        println!(
            "\nbatch: read_batch over {} frames, 3 runs each, best wall time (load average {}):",
            frames.len(),
            loadavg()
        );
        let mut wall = [f64::INFINITY; 2];
        let mut cpu = [f64::NAN; 2];
        let mut found = [0usize; 2];
        for (k, threads) in [1usize, 2].into_iter().enumerate() {
            let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                Ok(p) => p,
                Err(e) => die(&format!("thread pool: {e}")),
            };
            pool.install(|| read_batch(&frames[..frames.len().min(4)], &opts));
            for _ in 0..3 {
                let c0 = process_cpu_s();
                let t = Instant::now();
                let res = pool.install(|| read_batch(&frames, &opts));
                let w = t.elapsed().as_secs_f64();
                if w < wall[k] {
                    wall[k] = w;
                    cpu[k] = match (c0, process_cpu_s()) {
                        (Some(a), Some(b)) => b - a,
                        _ => f64::NAN,
                    };
                }
                found[k] = res.iter().map(Vec::len).sum();
            }
            println!(
            "  {threads} thread(s): {:.3} s wall, {:.2} s process CPU, {:.2} ms/frame, {} symbols",
            wall[k],
            cpu[k],
            wall[k] * 1e3 / frames.len() as f64,
            found[k]
        );
        }
        println!(
            "  speed-up 2 threads vs 1: {:.2}x (wall time; a shared machine lowers it)",
            wall[0] / wall[1]
        );
        println!(
        "  CPU time 2 threads / 1 thread: {:.2} (1.00 = no extra work from running in parallel; \
         on an idle 2-core machine the wall-time speed-up is at most 2 / this)",
        cpu[1] / cpu[0]
    );
    }

    fn realworld_pass(root: &Path, modes: &[(&str, ReadOptions)], jsonl: &mut String) {
        let cases = common::realworld_cases(root);
        if cases.is_empty() {
            println!(
                "\nrealworld: skipped ({} has no */NAME.png with NAME.txt)",
                root.display()
            );
            return;
        }
        let images: Vec<(String, GrayImage, Vec<u8>)> = cases
            .iter()
            .filter_map(|(name, path, want)| match common::load_gray(path) {
                Ok(img) => Some((name.clone(), img, want.clone())),
                Err(e) => {
                    eprintln!("{e}");
                    None
                }
            })
            .collect();
        println!(
            "\nrealworld: {} images from {}",
            images.len(),
            root.display()
        );
        for (mode, opts) in modes {
            let mut reader = Reader::new(opts.clone());
            let mut line = format!("  ecc200 {mode:<9}");
            let mut failed: Vec<String> = Vec::new();
            let mut cpu_all = Vec::new();
            for q in 0..4u32 {
                let (mut ok, mut wrong) = (0, 0);
                for (name, img, want) in &images {
                    let rot = common::rotate(img, q);
                    let Ok(frame) = rot.as_frame() else { continue };
                    let c0 = thread_cpu_ns();
                    let res = reader.read(&frame);
                    let ms = match (c0, thread_cpu_ns()) {
                        (Some(a), Some(b)) => (b - a) as f64 / 1e6,
                        _ => f64::NAN,
                    };
                    cpu_all.push(ms);
                    let got: Vec<Vec<u8>> = res.into_iter().map(|r| r.decoded.bytes).collect();
                    let (r, w) = score(std::slice::from_ref(want), &got);
                    ok += r;
                    wrong += w;
                    if r == 0 {
                        failed.push(format!("{name}@{}", q * 90));
                    }
                    let outs: Vec<String> = got.iter().map(|b| format!("\"{}\"", hex(b))).collect();
                    let _ = writeln!(
                    jsonl,
                    "{{\"file\":\"realworld/{name}\",\"rotation\":{},\"mode\":\"{mode}\",\"cpu_ms\":{ms:.3},\"outputs\":[{}]}}",
                    q * 90,
                    outs.join(",")
                );
                }
                let _ = write!(
                    line,
                    "  {:>3}deg {ok}/{} ({wrong} wrong)",
                    q * 90,
                    images.len()
                );
            }
            println!("{line}  median cpu {:.2} ms", median(&cpu_all));
            if !failed.is_empty() {
                println!("    not read: {}", failed.join(" "));
            }
        }
    }
}
