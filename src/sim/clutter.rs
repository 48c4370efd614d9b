//! Clutter: marks that a reader must not mistake for a Data Matrix (text-like strokes,
//! boxes, 1-D barcodes, QR-like grids with their three finder squares, solid L marks).

use super::paint::{paint, Ink, PaddedGrid};
use super::rng::Rng;
use crate::geometry::{Homography, Point};
use crate::matrix::ModuleMatrix;

/// Paints `n` clutter items into `buf`, each clear of every `keep_out` box (pixels,
/// [x0, y0, x1, y1]). Items that find no free spot after some tries are dropped.
pub(crate) fn draw(
    buf: &mut [f32],
    w: usize,
    h: usize,
    n: usize,
    paper: u8,
    keep_out: &[[f64; 4]],
    rng: &mut Rng,
) {
    let ink_base = (paper as f64 * 0.25).min(90.0);
    for _ in 0..n {
        let kind = rng.below(5);
        let dark = rng.range(ink_base * 0.3, ink_base) as f32;
        // item extent (before rotation) in pixels
        let (iw, ih) = match kind {
            0 => {
                let th = rng.range(8.0, 30.0);
                (th * 0.6 * rng.range(3.0, 20.0).floor(), th)
            }
            1 => (rng.range(20.0, 300.0), rng.range(20.0, 200.0)),
            2 => (rng.range(60.0, 300.0), rng.range(30.0, 120.0)),
            3 => {
                let s = rng.range(40.0, 160.0);
                (s, s)
            }
            _ => {
                let s = rng.range(20.0, 150.0);
                (s, s)
            }
        };
        let angle = if kind <= 1 {
            0.0
        } else {
            rng.range(0.0, std::f64::consts::TAU)
        };
        let mut placed = None;
        for _ in 0..30 {
            let c = Point::new(rng.range(0.0, w as f64), rng.range(0.0, h as f64));
            let quad = rotated_rect(c, iw, ih, angle);
            let bb = bbox(&quad);
            let clear = keep_out.iter().all(|k| {
                bb[2] + 4.0 < k[0] || bb[0] - 4.0 > k[2] || bb[3] + 4.0 < k[1] || bb[1] - 4.0 > k[3]
            });
            if clear {
                placed = Some(quad);
                break;
            }
        }
        let Some(quad) = placed else { continue };
        match kind {
            0 => text(buf, w, h, quad[0], iw, ih, dark, rng),
            1 => {
                let t = rng.range(1.0, 4.0);
                let [x0, y0] = [quad[0].x, quad[0].y];
                fill_rect(buf, w, h, x0, y0, x0 + iw, y0 + t, dark);
                fill_rect(buf, w, h, x0, y0 + ih - t, x0 + iw, y0 + ih, dark);
                fill_rect(buf, w, h, x0, y0, x0 + t, y0 + ih, dark);
                fill_rect(buf, w, h, x0 + iw - t, y0, x0 + iw, y0 + ih, dark);
            }
            2 => {
                let n = rng.range(30.0, 90.0) as usize;
                let mut m = ModuleMatrix::new(1, n);
                // bars of 1-4 modules alternating with spaces of 1-4 modules
                let mut c = 0;
                while c < n {
                    let bar = 1 + rng.below(4);
                    for k in c..(c + bar).min(n) {
                        m.set(0, k, true);
                    }
                    c += bar + 1 + rng.below(4);
                }
                grid(buf, w, h, &m, quad, dark);
            }
            3 => {
                let n = if rng.chance(0.5) { 21 } else { 25 };
                grid(buf, w, h, &qr_like(n, rng), quad, dark);
            }
            _ => {
                let n = 10 + rng.below(20);
                let mut m = ModuleMatrix::new(n, n);
                let t = 1 + rng.below(2);
                for i in 0..n {
                    for k in 0..t {
                        m.set(i, k, true);
                        m.set(n - 1 - k, i, true);
                    }
                }
                grid(buf, w, h, &m, quad, dark);
            }
        }
    }
}

fn rotated_rect(c: Point, w: f64, h: f64, angle: f64) -> [Point; 4] {
    let (s, co) = angle.sin_cos();
    [(-w, -h), (w, -h), (w, h), (-w, h)].map(|(x, y)| {
        let (x, y) = (x / 2.0, y / 2.0);
        Point::new(c.x + x * co - y * s, c.y + x * s + y * co)
    })
}

fn bbox(q: &[Point; 4]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in q {
        b[0] = b[0].min(p.x);
        b[1] = b[1].min(p.y);
        b[2] = b[2].max(p.x);
        b[3] = b[3].max(p.y);
    }
    b
}

fn grid(buf: &mut [f32], w: usize, h: usize, m: &ModuleMatrix, quad: [Point; 4], dark: f32) {
    if let Some(hm) = Homography::from_rect(m.cols() as f64, m.rows() as f64, quad) {
        let ink = Ink {
            dark,
            light: None,
            quiet: 0.0,
            growth: 0.0,
            dot: None,
        };
        paint(buf, w, h, &PaddedGrid::from_matrix(m), &hm, &ink);
    }
}

/// A QR-like grid: three 7x7 finder squares, timing rows, random modules elsewhere.
fn qr_like(n: usize, rng: &mut Rng) -> ModuleMatrix {
    let mut m = ModuleMatrix::new(n, n);
    for r in 0..n {
        for c in 0..n {
            m.set(r, c, rng.chance(0.5));
        }
    }
    for (r0, c0) in [(0, 0), (0, n - 7), (n - 7, 0)] {
        for r in 0..8usize {
            for c in 0..8usize {
                // 8x8 including the light separator on the inner sides
                let (rr, cc) = (
                    if r0 == 0 { r } else { r0 - 1 + r },
                    if c0 == 0 { c } else { c0 - 1 + c },
                );
                let (dr, dc) = (rr as isize - r0 as isize, cc as isize - c0 as isize);
                let dark = (0..7).contains(&dr)
                    && (0..7).contains(&dc)
                    && (dr == 0
                        || dr == 6
                        || dc == 0
                        || dc == 6
                        || ((2..=4).contains(&dr) && (2..=4).contains(&dc)));
                m.set(rr, cc, dark);
            }
        }
    }
    for i in 8..n - 8 {
        m.set(6, i, i % 2 == 0);
        m.set(i, 6, i % 2 == 0);
    }
    m
}

/// A line of text-like glyphs: each glyph a few vertical and horizontal strokes.
#[allow(clippy::too_many_arguments)]
fn text(
    buf: &mut [f32],
    w: usize,
    h: usize,
    tl: Point,
    tw: f64,
    th: f64,
    dark: f32,
    rng: &mut Rng,
) {
    let cw = th * 0.6;
    let sw = (th / 7.0).max(1.0);
    let n = (tw / cw) as usize;
    for i in 0..n {
        if rng.chance(0.15) {
            continue; // a space
        }
        let x = tl.x + i as f64 * cw;
        let gw = cw * 0.8;
        for _ in 0..1 + rng.below(3) {
            if rng.chance(0.5) {
                let sx = x + rng.range(0.0, gw - sw);
                let y0 = tl.y + rng.range(0.0, th * 0.4);
                fill_rect(buf, w, h, sx, y0, sx + sw, tl.y + th, dark);
            } else {
                let sy = tl.y + rng.range(0.0, th - sw);
                fill_rect(buf, w, h, x, sy, x + gw, sy + sw, dark);
            }
        }
    }
}

/// Fills the axis-aligned rectangle [x0, x1) x [y0, y1) (fractional edges by coverage).
#[allow(clippy::too_many_arguments)]
fn fill_rect(buf: &mut [f32], w: usize, h: usize, x0: f64, y0: f64, x1: f64, y1: f64, v: f32) {
    let px0 = x0.floor().max(0.0) as usize;
    let py0 = y0.floor().max(0.0) as usize;
    let px1 = (x1.ceil().max(0.0) as usize).min(w);
    let py1 = (y1.ceil().max(0.0) as usize).min(h);
    for py in py0..py1 {
        let cy = ((py + 1) as f64).min(y1) - (py as f64).max(y0);
        for px in px0..px1 {
            let cx = ((px + 1) as f64).min(x1) - (px as f64).max(x0);
            let a = (cx * cy).clamp(0.0, 1.0) as f32;
            let p = &mut buf[py * w + px];
            *p = *p * (1.0 - a) + v * a;
        }
    }
}
