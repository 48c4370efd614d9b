//! Read-rate ratchet: per simulator bucket and per rotation of the real photos, the
//! reader must read at least the counts in `testdata/read/thresholds.toml` and make no
//! wrong read (output bytes that are not a symbol of the frame). The frame sets are
//! deterministic (`tests/read_bench_common`, shared with `examples/read_bench.rs`), so
//! a count can only drop when the reader gets worse; raise the numbers when it gets
//! better, never lower them quietly.
//!
//! `cargo test --release --test read_thresholds -- --nocapture` prints the measured
//! counts next to the thresholds. In a debug build the simulator set is cut to the
//! first `debug_frames` frames of each bucket (with their own minimums), to stay
//! under a minute.

mod read_bench_common;

use ecc200::read::{ReadOptions, Reader};
use read_bench_common as common;
use std::collections::BTreeMap;

/// `[section]` -> key -> raw value, from the flat TOML subset the thresholds file uses
/// (sections, `key = integer` and `key = [integers]`, `#` comments).
fn parse_toml(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut section = String::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.trim().to_string();
            out.entry(section.clone()).or_default();
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("thresholds.toml line {}: expected key = value", n + 1));
        out.entry(section.clone())
            .or_default()
            .insert(k.trim().to_string(), v.trim().to_string());
    }
    out
}

fn int(t: &BTreeMap<String, BTreeMap<String, String>>, sec: &str, key: &str) -> usize {
    let v = t
        .get(sec)
        .and_then(|s| s.get(key))
        .unwrap_or_else(|| panic!("thresholds.toml: [{sec}] {key} missing"));
    v.parse()
        .unwrap_or_else(|_| panic!("thresholds.toml: [{sec}] {key} = {v}: not an integer"))
}

#[cfg(feature = "image")]
fn ints(t: &BTreeMap<String, BTreeMap<String, String>>, sec: &str, key: &str) -> Vec<usize> {
    let v = t
        .get(sec)
        .and_then(|s| s.get(key))
        .unwrap_or_else(|| panic!("thresholds.toml: [{sec}] {key} missing"));
    v.trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|x| {
            x.trim()
                .parse()
                .unwrap_or_else(|_| panic!("thresholds.toml: [{sec}] {key}: bad list {v}"))
        })
        .collect()
}

fn thresholds() -> BTreeMap<String, BTreeMap<String, String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/read/thresholds.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_toml(&text)
}

#[test]
fn sim_buckets_meet_thresholds() {
    let t = thresholds();
    let debug = cfg!(debug_assertions);
    let (w, h) = (int(&t, "sim", "width"), int(&t, "sim", "height"));
    let seed = int(&t, "sim", "seed") as u64;
    let frames = if debug {
        int(&t, "sim", "debug_frames")
    } else {
        int(&t, "sim", "frames")
    };
    let (sym_key, min_key) = if debug {
        ("debug_symbols", "debug_min_read")
    } else {
        ("symbols", "min_read")
    };
    let mut reader = Reader::new(ReadOptions::default());
    let mut failures = Vec::new();
    println!(
        "{} build, {frames} frames per bucket at {w}x{h}, seed {seed}",
        if debug { "debug" } else { "release" }
    );
    for b in common::Bucket::all() {
        let sec = format!("sim.{}", b.name());
        let (mut syms, mut read, mut wrong) = (0, 0, 0);
        for i in 0..frames {
            let f = common::frame(seed, b, i, w, h);
            let frame = f.sim.image.as_frame().expect("rendered frame is valid");
            let got: Vec<Vec<u8>> = reader
                .read(&frame)
                .into_iter()
                .map(|r| r.decoded.bytes)
                .collect();
            let truth: Vec<Vec<u8>> = f.truth.iter().map(|s| s.bytes.clone()).collect();
            let (r, wr) = common::score(&truth, &got);
            syms += truth.len();
            read += r;
            wrong += wr;
            if wr > 0 {
                failures.push(format!("{}: frame {i} wrong read {got:?}", b.name()));
            }
        }
        let want_syms = int(&t, &sec, sym_key);
        let min_read = int(&t, &sec, min_key);
        let max_wrong = int(&t, &sec, "max_wrong");
        println!(
            "{:<14} symbols {syms:>3} read {read:>3} (min {min_read:>3}) wrong {wrong} (max {max_wrong})",
            b.name()
        );
        if syms != want_syms {
            failures.push(format!(
                "{}: frame set changed ({syms} symbols, thresholds were measured on {want_syms}): re-measure and update thresholds.toml",
                b.name()
            ));
        }
        if read < min_read {
            failures.push(format!("{}: read {read} < {min_read}", b.name()));
        }
        if wrong > max_wrong {
            failures.push(format!("{}: {wrong} wrong reads > {max_wrong}", b.name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(feature = "image")]
#[test]
fn realworld_rotations_meet_thresholds() {
    let Some(root) = common::realworld_dir() else {
        println!("skipped: no ../shared/testdata/realworld (set ECC200_REALWORLD to its path)");
        return;
    };
    let cases = common::realworld_cases(&root);
    if cases.is_empty() {
        println!(
            "skipped: {} holds no SET/NAME.png with NAME.txt",
            root.display()
        );
        return;
    }
    let t = thresholds();
    let images = int(&t, "realworld", "images");
    let min_read = ints(&t, "realworld", "min_read");
    let max_wrong = int(&t, "realworld", "max_wrong");
    assert_eq!(
        min_read.len(),
        4,
        "[realworld] min_read: one count per rotation"
    );
    assert_eq!(
        cases.len(),
        images,
        "{}: {} images, thresholds were measured on {images}",
        root.display(),
        cases.len()
    );
    let mut reader = Reader::new(ReadOptions::default());
    let mut failures = Vec::new();
    for q in 0..4u32 {
        let (mut read, mut wrong) = (0, 0);
        let mut missed = Vec::new();
        for (name, path, want) in &cases {
            let img = common::load_gray(path).unwrap_or_else(|e| panic!("{e}"));
            let img = common::rotate(&img, q);
            let frame = img.as_frame().expect("image is a valid frame");
            let got: Vec<Vec<u8>> = reader
                .read(&frame)
                .into_iter()
                .map(|r| r.decoded.bytes)
                .collect();
            let (r, w) = common::score(std::slice::from_ref(want), &got);
            read += r;
            wrong += w;
            if r == 0 {
                missed.push(name.as_str());
            }
        }
        let min = min_read[q as usize];
        println!(
            "realworld {:>3} deg: read {read}/{} (min {min}), wrong {wrong} (max {max_wrong}); missed {missed:?}",
            q * 90,
            cases.len()
        );
        if read < min {
            failures.push(format!("{} deg: read {read} < {min}", q * 90));
        }
        if wrong > max_wrong {
            failures.push(format!("{} deg: {wrong} wrong reads > {max_wrong}", q * 90));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
