//! Measurements on the image: the synthetic aperture and the sampling grid.
//!
//! # Aperture
//! The reference grey-scale image of ISO/IEC 15415 (7.3.3) is the image seen through a
//! circular aperture. [`Disc`] holds the sample offsets of one disc (a square lattice of
//! spacing `min(1 px, d / 8)` clipped to the circle), computed once per symbol; the
//! reflectance at a point is the mean of bilinear samples at those offsets.
//!
//! # Sampling grid (the local refinement behind grid non-uniformity)
//! The reader's homography is only the starting guess. Every module centre is then
//! measured from the module edges, which the ideal module colours (known after the
//! reference decode) say where to expect:
//!
//! - along every module row, at every boundary between two modules of different ideal
//!   colour (the quiet zone counts as light), the profile of the image is searched
//!   within +-0.9 module of the predicted boundary for the crossing of the local
//!   threshold (the mean of the two modules' aperture values) in the expected
//!   direction; the next same-direction edge is two modules away, so the search cannot
//!   take a neighbour's edge. The same is done down every module column;
//! - print growth moves each edge by half the growth towards the light side. It is
//!   measured from the edges of the finder and clock modules (the sign of each edge says
//!   which way growth moves it), reported, and removed from every edge;
//! - a module's centre offset is the mean of its two boundaries' offsets; where a module
//!   has no edge on either side (inside solid runs) the offsets are interpolated
//!   linearly along the row or column;
//! - three rounds, each predicting from the previous one (the first tracks along each
//!   row from the finder), follow warps of up to about a module.

use crate::frame::Frame;
use crate::geometry::{Homography, Point};

/// The sample offsets of a circular aperture.
#[derive(Clone, Debug)]
pub struct Disc {
    offsets: Vec<(f64, f64)>,
    diameter: f64,
}

impl Disc {
    /// A disc of `diameter` pixels (at least one sample, at the centre).
    pub fn new(diameter: f64) -> Disc {
        let d = if diameter.is_finite() {
            diameter.max(0.0)
        } else {
            0.0
        };
        let r = d / 2.0;
        let h = (d / 8.0).clamp(1e-3, 1.0);
        let n = (r / h).floor() as i64;
        let mut offsets = Vec::with_capacity(((2 * n + 1) * (2 * n + 1)).max(1) as usize);
        for j in -n..=n {
            for i in -n..=n {
                let (x, y) = (i as f64 * h, j as f64 * h);
                if x * x + y * y <= r * r + 1e-9 {
                    offsets.push((x, y));
                }
            }
        }
        if offsets.is_empty() {
            offsets.push((0.0, 0.0));
        }
        Disc {
            offsets,
            diameter: d,
        }
    }

    /// Diameter in pixels.
    pub fn diameter(&self) -> f64 {
        self.diameter
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.offsets.len()
    }

    /// Always false (a disc has at least its centre).
    pub fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    /// Mean pixel value (0..255) seen through the disc centred at `p`.
    #[inline]
    pub fn mean(&self, frame: &Frame, p: Point) -> f64 {
        let mut s = 0.0;
        for &(dx, dy) in &self.offsets {
            s += frame.sample_bilinear(p.x + dx, p.y + dy);
        }
        s / self.offsets.len() as f64
    }
}

/// The extended grid: the symbol plus one module of quiet zone on every side, row-major,
/// `(rows + 2) x (cols + 2)`, cell (r, c) of the symbol (r, c may be -1 or rows/cols)
/// at index `(r + 1) * (cols + 2) + (c + 1)`.
#[derive(Clone, Copy, Debug)]
pub struct Ext {
    /// Symbol rows.
    pub rows: usize,
    /// Symbol columns.
    pub cols: usize,
}

impl Ext {
    /// Width of the extended grid.
    #[inline]
    pub fn w(&self) -> usize {
        self.cols + 2
    }
    /// Number of cells.
    #[inline]
    pub fn len(&self) -> usize {
        (self.rows + 2) * (self.cols + 2)
    }
    /// Always false.
    pub fn is_empty(&self) -> bool {
        false
    }
    /// Index of symbol cell (r, c), -1 ..= rows / cols.
    #[inline]
    pub fn at(&self, r: i64, c: i64) -> usize {
        ((r + 1) as usize) * self.w() + (c + 1) as usize
    }
}

/// Result of the grid refinement.
#[derive(Clone, Debug, Default)]
pub struct GridFit {
    /// Column offset of every symbol module centre from the prior, in modules (row-major
    /// `rows * cols`).
    pub dx: Vec<f64>,
    /// Row offset of every symbol module centre, in modules.
    pub dy: Vec<f64>,
    /// Horizontal print growth (fraction of a module).
    pub growth_x: f64,
    /// Vertical print growth.
    pub growth_y: f64,
    /// Edges found (for diagnostics).
    pub edges: usize,
}

/// Finds the threshold crossing of the profile along `at(t)`, t in
/// `[pred - 0.9, pred + 0.9]`, going from dark to light when `rising`, nearest `pred`.
#[inline]
fn crossing(frame: &Frame, at: impl Fn(f64) -> Point, pred: f64, thr: f64, rising: bool) -> f64 {
    const N: usize = 37;
    const HALF: f64 = 0.9;
    let step = 2.0 * HALF / (N - 1) as f64;
    let mut best = f64::NAN;
    let mut best_d = f64::INFINITY;
    let t0 = pred - HALF;
    let p0 = at(t0);
    let mut prev = frame.sample_bilinear(p0.x, p0.y) - thr;
    for i in 1..N {
        let t = t0 + i as f64 * step;
        let p = at(t);
        let v = frame.sample_bilinear(p.x, p.y) - thr;
        let hit = if rising {
            prev < 0.0 && v >= 0.0
        } else {
            prev >= 0.0 && v < 0.0
        };
        if hit {
            let f = if (v - prev).abs() > 1e-12 {
                -prev / (v - prev)
            } else {
                0.5
            };
            let tc = t - step + f * step;
            let d = (tc - pred).abs();
            if d < best_d {
                best_d = d;
                best = tc;
            }
        }
        prev = v;
    }
    best
}

/// Linear interpolation over NaN gaps of a line; constant extrapolation at the ends.
/// Returns false when the line has no value at all.
fn fill_line(v: &mut [f64], stride: usize, n: usize, start: usize) -> bool {
    let get = |v: &[f64], i: usize| v[start + i * stride];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if get(v, i).is_finite() {
            match last {
                None => {
                    let x = get(v, i);
                    for k in 0..i {
                        v[start + k * stride] = x;
                    }
                }
                Some(l) if l + 1 < i => {
                    let (a, b) = (get(v, l), get(v, i));
                    for k in l + 1..i {
                        let f = (k - l) as f64 / (i - l) as f64;
                        v[start + k * stride] = a + (b - a) * f;
                    }
                }
                _ => {}
            }
            last = Some(i);
        }
    }
    match last {
        None => false,
        Some(l) => {
            let x = get(v, l);
            for k in l + 1..n {
                v[start + k * stride] = x;
            }
            true
        }
    }
}

/// Refines the sampling grid (see the module docs).
///
/// `g` maps symbol coordinates (x = column, y = row) to pixels; `ideal` and `raw` are
/// extended-grid arrays: the ideal colour (true = dark) and the aperture pixel value of
/// every cell from the first pass; `fixed` tells which symbol cells are finder or clock
/// modules (extended grid, quiet zone counted as fixed).
pub fn refine(
    frame: &Frame,
    g: &Homography,
    ext: Ext,
    ideal: &[bool],
    raw: &[f64],
    fixed: &[bool],
) -> GridFit {
    let (rows, cols) = (ext.rows, ext.cols);
    let n = rows * cols;
    let mut fit = GridFit {
        dx: vec![0.0; n],
        dy: vec![0.0; n],
        ..GridFit::default()
    };
    // edge offsets: horizontal edges ex[r * (cols + 1) + b], vertical ey[c * (rows + 1) + b]
    let mut ex = vec![f64::NAN; rows * (cols + 1)];
    let mut ey = vec![f64::NAN; cols * (rows + 1)];
    let md = |v: &[f64], r: usize, c: i64| v[r * cols + c.clamp(0, cols as i64 - 1) as usize];
    for round in 0..3 {
        // ---- along rows: column boundaries
        let mut gsum = 0.0;
        let mut gcnt = 0usize;
        for r in 0..rows {
            let mut track = 0.0;
            for b in 0..=cols {
                let (li, ri) = (ext.at(r as i64, b as i64 - 1), ext.at(r as i64, b as i64));
                let slot = r * (cols + 1) + b;
                ex[slot] = f64::NAN;
                if ideal[li] == ideal[ri] {
                    continue;
                }
                let bi = b as i64;
                let y = r as f64 + 0.5 + 0.5 * (md(&fit.dy, r, bi - 1) + md(&fit.dy, r, bi));
                let pred = if round == 0 {
                    track
                } else {
                    0.5 * (md(&fit.dx, r, bi - 1) + md(&fit.dx, r, bi))
                };
                let thr = 0.5 * (raw[li] + raw[ri]);
                let t = crossing(
                    frame,
                    |t| g.map(Point::new(b as f64 + t, y)),
                    pred,
                    thr,
                    ideal[li],
                );
                if t.is_finite() {
                    ex[slot] = t;
                    track = t;
                    if fixed[li] && fixed[ri] {
                        let s = if ideal[li] { 1.0 } else { -1.0 };
                        gsum += s * t;
                        gcnt += 1;
                    }
                }
            }
        }
        let gx = if gcnt > 0 {
            2.0 * gsum / gcnt as f64
        } else {
            0.0
        };
        fit.growth_x = gx;
        for r in 0..rows {
            for c in 0..cols {
                let mut s = 0.0;
                let mut k = 0;
                for b in [c, c + 1] {
                    let e = ex[r * (cols + 1) + b];
                    if e.is_finite() {
                        let li = ext.at(r as i64, b as i64 - 1);
                        let sg = if ideal[li] { 1.0 } else { -1.0 };
                        s += e - sg * gx / 2.0;
                        k += 1;
                    }
                }
                fit.dx[r * cols + c] = if k > 0 { s / k as f64 } else { f64::NAN };
            }
        }
        let mut have = vec![false; rows];
        for (r, h) in have.iter_mut().enumerate() {
            *h = fill_line(&mut fit.dx, 1, cols, r * cols);
        }
        fill_missing_lines(&mut fit.dx, &have, cols);

        // ---- down columns: row boundaries
        let mut gsum = 0.0;
        let mut gcnt = 0usize;
        for c in 0..cols {
            let mut track = 0.0;
            for b in 0..=rows {
                let (ti, bi_) = (ext.at(b as i64 - 1, c as i64), ext.at(b as i64, c as i64));
                let slot = c * (rows + 1) + b;
                ey[slot] = f64::NAN;
                if ideal[ti] == ideal[bi_] {
                    continue;
                }
                let (ra, rb) = (
                    (b as i64 - 1).clamp(0, rows as i64 - 1) as usize,
                    b.min(rows - 1),
                );
                let x = c as f64 + 0.5 + 0.5 * (fit.dx[ra * cols + c] + fit.dx[rb * cols + c]);
                let pred = if round == 0 {
                    track
                } else {
                    0.5 * (fit.dy[ra * cols + c] + fit.dy[rb * cols + c])
                };
                let thr = 0.5 * (raw[ti] + raw[bi_]);
                let t = crossing(
                    frame,
                    |t| g.map(Point::new(x, b as f64 + t)),
                    pred,
                    thr,
                    ideal[ti],
                );
                if t.is_finite() {
                    ey[slot] = t;
                    track = t;
                    if fixed[ti] && fixed[bi_] {
                        let s = if ideal[ti] { 1.0 } else { -1.0 };
                        gsum += s * t;
                        gcnt += 1;
                    }
                }
            }
        }
        let gy = if gcnt > 0 {
            2.0 * gsum / gcnt as f64
        } else {
            0.0
        };
        fit.growth_y = gy;
        for c in 0..cols {
            for r in 0..rows {
                let mut s = 0.0;
                let mut k = 0;
                for b in [r, r + 1] {
                    let e = ey[c * (rows + 1) + b];
                    if e.is_finite() {
                        let ti = ext.at(b as i64 - 1, c as i64);
                        let sg = if ideal[ti] { 1.0 } else { -1.0 };
                        s += e - sg * gy / 2.0;
                        k += 1;
                    }
                }
                fit.dy[r * cols + c] = if k > 0 { s / k as f64 } else { f64::NAN };
            }
        }
        let mut have = vec![false; cols];
        for (c, h) in have.iter_mut().enumerate() {
            *h = fill_line(&mut fit.dy, cols, rows, c);
        }
        fill_missing_cols(&mut fit.dy, &have, rows, cols);
    }
    fit.edges = ex.iter().chain(ey.iter()).filter(|v| v.is_finite()).count();
    fit
}

/// Rows with no value at all take the nearest row that has values (or 0).
fn fill_missing_lines(v: &mut [f64], have: &[bool], cols: usize) {
    for r in 0..have.len() {
        if have[r] {
            continue;
        }
        let src = (0..have.len())
            .filter(|&k| have[k])
            .min_by_key(|&k| k.abs_diff(r));
        for c in 0..cols {
            v[r * cols + c] = src.map_or(0.0, |k| v[k * cols + c]);
        }
    }
}

fn fill_missing_cols(v: &mut [f64], have: &[bool], rows: usize, cols: usize) {
    for c in 0..cols {
        if have[c] {
            continue;
        }
        let src = (0..cols)
            .filter(|&k| have[k])
            .min_by_key(|&k| k.abs_diff(c));
        for r in 0..rows {
            v[r * cols + c] = src.map_or(0.0, |k| v[r * cols + k]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disc_is_round_and_centred() {
        let d = Disc::new(8.0);
        assert!(d.len() > 40 && d.len() < 60, "{}", d.len());
        let (sx, sy) = d
            .offsets
            .iter()
            .fold((0.0, 0.0), |a, o| (a.0 + o.0, a.1 + o.1));
        assert!(sx.abs() < 1e-9 && sy.abs() < 1e-9);
        assert_eq!(Disc::new(0.0).len(), 1);
        assert_eq!(Disc::new(f64::NAN).len(), 1);
    }

    #[test]
    fn fill_interpolates() {
        let mut v = [f64::NAN, 1.0, f64::NAN, f64::NAN, 4.0, f64::NAN];
        assert!(fill_line(&mut v, 1, 6, 0));
        assert_eq!(v, [1.0, 1.0, 2.0, 3.0, 4.0, 4.0]);
        let mut w = [f64::NAN; 3];
        assert!(!fill_line(&mut w, 1, 3, 0));
    }
}
