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
//! measured from the module edges, without assuming the module colours (so that warps
//! the prior does not model cannot make a wrong colour guess pull the grid off):
//!
//! - along the centre line of every module row, the image is sampled from the quiet zone
//!   on one side to the other (6..24 samples a module, about 0.8 per pixel) and every crossing of the global
//!   threshold (the middle of the darkest and lightest aperture values) that goes on to
//!   pass a hysteresis band of 10 % of the contrast is an edge. Each edge is assigned to
//!   the nearest module boundary once the displacement predicted for it is removed: in
//!   the first round from the line before (the first line, a clock track or finder
//!   edge, tracks the previous edge on the line), later from the median of the previous
//!   round's estimates of the line and its two neighbours, so that a line that lost
//!   its count is outvoted. The same is done down every module column, whose sampling
//!   lines follow the column offsets just measured;
//! - print growth moves each edge by half the growth towards the light side. It is
//!   measured from the edges between finder, clock and quiet-zone modules (the
//!   direction of each crossing says which way growth moves it), reported, and removed
//!   from every edge;
//! - a module's centre offset is the mean of its two boundaries' offsets; where a module
//!   has no edge on either side (inside solid runs) the offsets are interpolated
//!   linearly along the row or column;
//! - three rounds of rows then columns, each following the previous one, let the row
//!   lines follow vertical warps and the column lines horizontal ones.
//!
//! Limits: smooth warps up to about 0.9 module along one axis are followed; warps
//! moving modules by more than about 0.55 module along both axes at once (diagonal,
//! GN above 0.75) can make the first round sample between two rows and lose a module.

use crate::frame::Frame;
use crate::geometry::{Homography, Point};

/// The sample offsets of a circular aperture.
#[derive(Clone, Debug)]
pub struct Disc {
    offsets: Vec<(f64, f64)>,
    diameter: f64,
}

impl Disc {
    /// A disc of `diameter` pixels (at least one sample, at the centre), sampled on a
    /// lattice of spacing `min(1 px, d / 8)` (but at least `d / 40`).
    pub fn new(diameter: f64) -> Disc {
        Disc::with_spacing(diameter, 8.0)
    }

    /// A coarse disc (lattice spacing d / 4, about 13 samples) for quick estimates.
    pub fn coarse(diameter: f64) -> Disc {
        Disc::with_spacing(diameter, 4.0)
    }

    fn with_spacing(diameter: f64, per_diameter: f64) -> Disc {
        let d = if diameter.is_finite() {
            diameter.max(0.0)
        } else {
            0.0
        };
        let r = d / 2.0;
        // at most about 40 samples across the diameter (about 1300 in all), however
        // large the aperture in pixels
        let h = (d / per_diameter).clamp(1e-3, 1.0).max(d / 40.0);
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

/// The edges along one sampling line `at(t)`, t from -1 to `len + 1` modules: crossings
/// of `thr` confirmed by passing `thr -+ hyst` (hysteresis against noise), each assigned
/// to the nearest module boundary after removing the displacement predicted by
/// `pred(b)` (boundary b between module b - 1 and b; NaN: use the displacement of the
/// previous edge on the line).
/// Writes the displacement of boundary b to `out[b]` and whether the profile rises
/// (dark before, light after) to `rising[b]`.
#[allow(clippy::too_many_arguments)]
fn line_edges(
    frame: &Frame,
    at: impl Fn(f64) -> Point,
    len: usize,
    steps_per_module: usize,
    thr: f64,
    hyst: f64,
    pred: impl Fn(i64) -> f64,
    out: &mut [f64],
    rising: &mut [bool],
) {
    out.iter_mut().for_each(|v| *v = f64::NAN);
    let n = (len + 2) * steps_per_module;
    let step = 1.0 / steps_per_module as f64;
    let mut track = match pred(0) {
        p if p.is_finite() => p,
        _ => 0.0,
    };
    let mut prev_t = -1.0;
    let p = at(prev_t);
    let mut prev = frame.sample_bilinear(p.x, p.y) - thr;
    // the state outside the symbol is light (quiet zone)
    let mut light = prev >= 0.0;
    // a pending crossing: position and direction
    let mut pending: Option<(f64, bool)> = None;
    for i in 1..=n {
        let t = -1.0 + i as f64 * step;
        let p = at(t);
        let v = frame.sample_bilinear(p.x, p.y) - thr;
        if (prev < 0.0) != (v < 0.0) {
            // bisect on the bilinear profile, then interpolate linearly
            let (mut lo, mut hi, mut vlo, mut vhi) = (prev_t, t, prev, v);
            for _ in 0..4 {
                let mid = 0.5 * (lo + hi);
                let pm = at(mid);
                let vm = frame.sample_bilinear(pm.x, pm.y) - thr;
                if (vm < 0.0) == (vlo < 0.0) {
                    lo = mid;
                    vlo = vm;
                } else {
                    hi = mid;
                    vhi = vm;
                }
            }
            let f = if (vhi - vlo).abs() > 1e-12 {
                -vlo / (vhi - vlo)
            } else {
                0.5
            };
            let tc = lo + f * (hi - lo);
            let up = v >= 0.0;
            pending = if up != light { Some((tc, up)) } else { None };
        }
        if let Some((tc, up)) = pending {
            let confirmed = if up { v >= hyst } else { v <= -hyst };
            if confirmed {
                light = up;
                pending = None;
                let b0 = (tc - track).round();
                let est = match pred(b0 as i64) {
                    p if p.is_finite() => p,
                    _ => track,
                };
                let b = (tc - est).round();
                let d = tc - b;
                if b >= 0.0 && b <= len as f64 {
                    let bi = b as usize;
                    if !out[bi].is_finite() || (d - est).abs() < (out[bi] - est).abs() {
                        out[bi] = d;
                        rising[bi] = up;
                    }
                    track = d;
                }
            }
        }
        prev = v;
        prev_t = t;
    }
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

/// Rounds of the grid refinement.
const ROUNDS: usize = 3;

/// Refines the sampling grid (see the module docs).
///
/// `g` maps symbol coordinates (x = column, y = row) to pixels; `thr` is the global
/// threshold in pixel units and `hyst` the hysteresis around it; `fixed` tells which
/// cells of the extended grid are finder, clock or quiet-zone modules.
pub fn refine(
    frame: &Frame,
    g: &Homography,
    ext: Ext,
    thr: f64,
    hyst: f64,
    steps_per_module: usize,
    fixed: &[bool],
) -> GridFit {
    let (rows, cols) = (ext.rows, ext.cols);
    let n = rows * cols;
    let mut fit = GridFit {
        dx: vec![0.0; n],
        dy: vec![0.0; n],
        ..GridFit::default()
    };
    let mut ws = Work {
        e: vec![f64::NAN; (rows.max(cols) + 1) * rows.max(cols)],
        rising: vec![false; (rows.max(cols) + 1) * rows.max(cols)],
        meas: vec![f64::NAN; n],
        prev: vec![0.0; n],
        across: vec![0.0; n],
    };
    let spm = steps_per_module.clamp(4, 64);
    for round in 0..ROUNDS {
        let p = Pass {
            frame,
            g,
            ext,
            thr,
            hyst,
            spm,
            fixed,
            round,
        };
        ws.across.copy_from_slice(&fit.dy);
        fit.growth_x = p.run(true, &mut fit.dx, &mut ws);
        ws.across.copy_from_slice(&fit.dx);
        fit.growth_y = p.run(false, &mut fit.dy, &mut ws);
    }
    fit.edges = ws.e.iter().filter(|v| v.is_finite()).count();
    fit
}

struct Work {
    e: Vec<f64>,
    rising: Vec<bool>,
    meas: Vec<f64>,
    prev: Vec<f64>,
    across: Vec<f64>,
}

struct Pass<'a, 'f> {
    frame: &'a Frame<'f>,
    g: &'a Homography,
    ext: Ext,
    thr: f64,
    hyst: f64,
    spm: usize,
    fixed: &'a [bool],
    round: usize,
}

fn median3(a: f64, b: f64, c: f64) -> f64 {
    a.max(b).min(a.min(b).max(c))
}

impl Pass<'_, '_> {
    /// One direction: `horizontal` measures column offsets along the rows (`along` =
    /// dx, `ws.across` = dy), otherwise row offsets down the columns. Returns the growth.
    fn run(&self, horizontal: bool, along: &mut [f64], ws: &mut Work) -> f64 {
        let (rows, cols) = (self.ext.rows, self.ext.cols);
        let (lines, len) = if horizontal {
            (rows, cols)
        } else {
            (cols, rows)
        };
        let idx = |l: usize, m: usize| {
            if horizontal {
                l * cols + m
            } else {
                m * cols + l
            }
        };
        let ml = |m: i64| m.clamp(0, len as i64 - 1) as usize;
        ws.prev.copy_from_slice(along);
        for l in 0..lines {
            let s = l * (len + 1);
            {
                let across = &ws.across;
                let prev = &ws.prev;
                let cur = &*along;
                let at = |t: f64| {
                    let o = across[idx(l, ml(t.floor() as i64))];
                    if horizontal {
                        self.g.map(Point::new(t, l as f64 + 0.5 + o))
                    } else {
                        self.g.map(Point::new(l as f64 + 0.5 + o, t))
                    }
                };
                // prediction of the displacement of boundary b
                let at_b = |v: &dyn Fn(usize) -> f64, b: i64| 0.5 * (v(ml(b - 1)) + v(ml(b)));
                let pred = |b: i64| -> f64 {
                    if self.round == 0 {
                        if l == 0 {
                            f64::NAN
                        } else {
                            at_b(&|m| cur[idx(l - 1, m)], b)
                        }
                    } else {
                        let lo = l.saturating_sub(1);
                        let hi = (l + 1).min(lines - 1);
                        median3(
                            at_b(&|m| prev[idx(lo, m)], b),
                            at_b(&|m| prev[idx(l, m)], b),
                            at_b(&|m| prev[idx(hi, m)], b),
                        )
                    }
                };
                line_edges(
                    self.frame,
                    at,
                    len,
                    self.spm,
                    self.thr,
                    self.hyst,
                    pred,
                    &mut ws.e[s..s + len + 1],
                    &mut ws.rising[s..s + len + 1],
                );
            }
            // provisional centres of this line (the next line predicts from them)
            for m in 0..len {
                along[idx(l, m)] =
                    centre(&ws.e[s..s + len + 1], &ws.rising[s..s + len + 1], 0.0, m);
            }
            let (start, stride) = if horizontal { (l * cols, 1) } else { (l, cols) };
            if !fill_line(along, stride, len, start) {
                for m in 0..len {
                    along[idx(l, m)] = ws.prev[idx(l, m)];
                }
            }
        }
        // growth from the fixed-pattern edges, then the final centres
        let ext = self.ext;
        let fixed = self.fixed;
        let gr = growth(&ws.e, &ws.rising, lines, len, |l, b| {
            let (a, c) = if horizontal {
                (ext.at(l as i64, b as i64 - 1), ext.at(l as i64, b as i64))
            } else {
                (ext.at(b as i64 - 1, l as i64), ext.at(b as i64, l as i64))
            };
            fixed[a] && fixed[c]
        });
        for l in 0..lines {
            let s = l * (len + 1);
            for m in 0..len {
                ws.meas[idx(l, m)] =
                    centre(&ws.e[s..s + len + 1], &ws.rising[s..s + len + 1], gr, m);
            }
        }
        // modules without an edge: the measured neighbours across the line, else
        // interpolation along it
        for l in 0..lines {
            for m in 0..len {
                let v = ws.meas[idx(l, m)];
                along[idx(l, m)] = if v.is_finite() {
                    v
                } else {
                    let (mut s, mut k) = (0.0, 0);
                    for nl in [l.wrapping_sub(1), l + 1] {
                        if nl < lines {
                            let w = ws.meas[idx(nl, m)];
                            if w.is_finite() {
                                s += w;
                                k += 1;
                            }
                        }
                    }
                    if k > 0 {
                        s / k as f64
                    } else {
                        f64::NAN
                    }
                };
            }
            let (start, stride) = if horizontal { (l * cols, 1) } else { (l, cols) };
            if !fill_line(along, stride, len, start) {
                for m in 0..len {
                    along[idx(l, m)] = ws.prev[idx(l, m)];
                }
            }
        }
        gr
    }
}

/// Centre offset of module `m` from the growth-corrected offsets of its two boundaries.
fn centre(e: &[f64], rising: &[bool], g: f64, m: usize) -> f64 {
    let mut s = 0.0;
    let mut k = 0;
    for b in [m, m + 1] {
        if e[b].is_finite() {
            let sg = if rising[b] { 1.0 } else { -1.0 };
            s += e[b] - sg * g / 2.0;
            k += 1;
        }
    }
    if k > 0 {
        s / k as f64
    } else {
        f64::NAN
    }
}

/// Print growth from the edges between fixed modules: a rising edge (dark before) moves
/// forward by half the growth, a falling edge backward.
fn growth(
    e: &[f64],
    rising: &[bool],
    lines: usize,
    len: usize,
    use_edge: impl Fn(usize, usize) -> bool,
) -> f64 {
    let (mut sum, mut cnt) = (0.0, 0usize);
    for l in 0..lines {
        for b in 0..=len {
            let i = l * (len + 1) + b;
            if e[i].is_finite() && use_edge(l, b) {
                sum += if rising[i] { e[i] } else { -e[i] };
                cnt += 1;
            }
        }
    }
    if cnt > 0 {
        2.0 * sum / cnt as f64
    } else {
        0.0
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
        assert!(Disc::new(5000.0).len() < 1400);
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
