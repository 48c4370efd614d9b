//! Rough timing of PNG and SVG output (run with `--release -- --ignored --nocapture`).

use ecc200::render::{to_png, to_svg, RenderOptions};
use ecc200::sim::random_matrix;
use ecc200::SymbolSize;
use std::time::Instant;

#[test]
#[ignore = "timing; run in release"]
fn png_24x24_at_10px() {
    let m = random_matrix(1, SymbolSize::from_dims(24, 24).unwrap());
    let o = RenderOptions::default();
    let n = 2000;
    let t = Instant::now();
    let mut len = 0;
    for _ in 0..n {
        len = std::hint::black_box(to_png(&m, &o).unwrap()).bytes.len();
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("png 24x24 @10px: {us:.1} us, {len} bytes");
    let t = Instant::now();
    for _ in 0..n {
        len = std::hint::black_box(to_svg(&m, &o).unwrap()).text.len();
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("svg 24x24: {us:.1} us, {len} bytes");
}
