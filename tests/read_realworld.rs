//! The reader on real photographs and scans: `shared/testdata/realworld/*/*.png`
//! beside the repository (expected bytes in `NAME.txt` next to each image), each read
//! at 0, 90, 180 and 270 degrees. Skips, saying why, when the folder is absent.

#![cfg(feature = "image")]

use ecc200::read::{ReadOptions, Reader};
use ecc200::GrayImage;
use std::path::{Path, PathBuf};

fn folder() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cands = [
        root.join("../shared/testdata/realworld"),
        root.join("../../shared/testdata/realworld"),
        PathBuf::from("/work/shared/testdata/realworld"),
    ];
    cands.into_iter().find(|p| p.is_dir())
}

fn cases(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    subs.sort();
    for sub in subs.iter().filter(|p| p.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(sub)
            .map(|r| r.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if f.extension().is_some_and(|e| e == "png") {
                if let Ok(exp) = std::fs::read(f.with_extension("txt")) {
                    out.push((f, exp));
                }
            }
        }
    }
    out
}

/// Grey levels with transparent pixels composited over white paper.
fn over_white(img: &image::DynamicImage) -> image::GrayImage {
    let mut g = img.to_luma8();
    if img.color().has_alpha() {
        let la = img.to_luma_alpha8();
        for (p, q) in g.pixels_mut().zip(la.pixels()) {
            let (v, a) = (q.0[0] as u32, q.0[1] as u32);
            p.0[0] = ((v * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    g
}

fn gray(img: &image::GrayImage) -> GrayImage {
    GrayImage {
        width: img.width() as usize,
        height: img.height() as usize,
        data: img.as_raw().clone(),
    }
}

/// Reads each image at each rotation; returns the misses and the count of wrong reads.
fn run(dir: &Path, opts: &ReadOptions) -> (usize, Vec<String>, usize) {
    let mut reader = Reader::new(opts.clone());
    let mut misses = Vec::new();
    let mut wrong = 0;
    let mut total = 0;
    for (path, expected) in cases(dir) {
        let Ok(img) = image::open(&path) else {
            misses.push(format!("{} (unreadable file)", path.display()));
            continue;
        };
        let g0 = over_white(&img);
        for deg in [0, 90, 180, 270] {
            let g = match deg {
                90 => image::imageops::rotate90(&g0),
                180 => image::imageops::rotate180(&g0),
                270 => image::imageops::rotate270(&g0),
                _ => g0.clone(),
            };
            let gi = gray(&g);
            let frame = gi.as_frame().expect("valid frame");
            total += 1;
            let res = reader.read(&frame);
            if res.iter().any(|r| r.decoded.bytes == expected) {
                continue;
            }
            if !res.is_empty() {
                wrong += 1;
            }
            misses.push(format!("{} @{deg}", path.display()));
        }
    }
    (total, misses, wrong)
}

#[test]
fn realworld_rotations() {
    let Some(dir) = folder() else {
        println!("skipped: shared/testdata/realworld not found beside the repository");
        return;
    };
    let (total, misses, wrong) = run(&dir, &ReadOptions::default());
    for m in &misses {
        println!("miss {m}");
    }
    println!("read {}/{total}, wrong {wrong}", total - misses.len());
    assert_eq!(wrong, 0, "a symbol decoded to other bytes than expected");
    assert!(misses.is_empty(), "{} of {total} missed", misses.len());
}
