//! Grid fitting and module sampling.
//!
//! From a candidate's four corners the sampler tries every ECC 200 size whose aspect
//! and module pitch fit the measured quadrilateral, scores each by how well the fixed
//! patterns (finder L, clock tracks, alignment patterns of every data region) match at
//! the module centres the homography predicts, and samples the modules of the best
//! sizes. Each module's value is a small area average; the threshold is local (mid-level
//! of a 7 x 7 module window, falling back to the symbol's finder/clock levels where the
//! window is flat), and modules close to it are marked uncertain (erasure candidates).

use crate::frame::Frame;
use crate::geometry::{Homography, Point};
use crate::matrix::placement::{fixed_module_dark, is_fixed_module};
use crate::matrix::{ModuleMatrix, SymbolSize};

/// One sampled symbol.
#[derive(Clone, Debug, PartialEq)]
pub struct Sampled {
    /// The size the grid was fitted for.
    pub size: SymbolSize,
    /// The modules (true = ink).
    pub matrix: ModuleMatrix,
    /// Modules whose value was close to the threshold.
    pub uncertain: ModuleMatrix,
    /// Module coordinates to frame pixels.
    pub module_to_pixel: Homography,
    /// Fraction of fixed-pattern modules that matched (0..1).
    pub fixed_score: f64,
    /// Ink level difference between finder and clock-gap modules (grey levels).
    pub contrast: f64,
}

/// A size hypothesis and its fixed-pattern score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeScore {
    /// The size.
    pub size: SymbolSize,
    /// Fraction of fixed modules matching (0..1).
    pub score: f64,
}

/// Reusable sampling scratch.
#[derive(Clone, Debug, Default)]
pub struct Sampler {
    vals: Vec<f32>,
    tmp_min: Vec<f32>,
    tmp_max: Vec<f32>,
    scores: Vec<SizeScore>,
}

fn ink(frame: &Frame<'_>, inv: bool, p: Point) -> f64 {
    let v = frame.sample_bilinear(p.x, p.y);
    if inv {
        v
    } else {
        255.0 - v
    }
}

/// Calls `f(row, col)` for every fixed (finder/clock) module of `size`.
fn for_fixed(size: SymbolSize, mut f: impl FnMut(usize, usize)) {
    let (br, bc) = (size.region_rows() + 2, size.region_cols() + 2);
    for r in 0..size.rows() {
        let rr = r % br;
        if rr == 0 || rr == br - 1 {
            for c in 0..size.cols() {
                f(r, c);
            }
        } else {
            for c in 0..size.cols() {
                let cc = c % bc;
                if cc == 0 || cc == bc - 1 {
                    f(r, c);
                }
            }
        }
    }
}

/// The modules of the outer border (finder L and clocks), in a fixed order.
fn border_iter(size: SymbolSize) -> impl Iterator<Item = (usize, usize)> {
    let (rows, cols) = (size.rows(), size.cols());
    (0..cols)
        .flat_map(move |c| [(0, c), (rows - 1, c)])
        .chain((1..rows - 1).flat_map(move |r| [(r, 0), (r, cols - 1)]))
}

/// Calls `f(row, col)` for the modules of [`border_iter`].
fn for_border(size: SymbolSize, mut f: impl FnMut(usize, usize)) {
    for (r, c) in border_iter(size) {
        f(r, c);
    }
}

/// Ink means of the modules the fixed pattern prescribes dark and light.
fn fixed_levels(
    frame: &Frame<'_>,
    inv: bool,
    h: &Homography,
    size: SymbolSize,
) -> (f64, f64, usize, usize) {
    let (mut sd, mut nd, mut sl, mut nl) = (0.0, 0usize, 0.0, 0usize);
    for_fixed(size, |r, c| {
        let v = ink(
            frame,
            inv,
            h.map(Point::new(c as f64 + 0.5, r as f64 + 0.5)),
        );
        if fixed_module_dark(size, r, c) {
            sd += v;
            nd += 1;
        } else {
            sl += v;
            nl += 1;
        }
    });
    (sd / nd.max(1) as f64, sl / nl.max(1) as f64, nd, nl)
}

impl Sampler {
    /// A sampler with empty buffers.
    pub fn new() -> Sampler {
        Sampler::default()
    }

    /// Sizes consistent with the quadrilateral `corners` (top-left, top-right,
    /// bottom-right, bottom-left) and the module estimate `module_px`, best
    /// fixed-pattern match first; only sizes scoring at least `min_score`.
    pub fn rank_sizes(
        &mut self,
        frame: &Frame<'_>,
        inv: bool,
        corners: [Point; 4],
        module_px: f64,
        min_score: f64,
    ) -> &[SizeScore] {
        self.scores.clear();
        let [tl, tr, br, bl] = corners;
        let w = 0.5 * (tl.dist(tr) + bl.dist(br));
        let h = 0.5 * (tl.dist(bl) + tr.dist(br));
        if w < 1.0 || h < 1.0 || module_px <= 0.0 {
            return &self.scores;
        }
        let ratio = w / h;
        for size in SymbolSize::all() {
            let (rows, cols) = (size.rows() as f64, size.cols() as f64);
            if ((cols / rows) / ratio).ln().abs() > 0.75 {
                continue;
            }
            let pitch = (w / cols + h / rows) * 0.5;
            if pitch < 0.4 * module_px || pitch > 1.8 * module_px || pitch < 0.9 {
                continue;
            }
            let Some(hm) = Homography::from_rect(cols, rows, corners) else {
                continue;
            };
            // the outer border only: cheap, and it is what pins the module count
            self.vals.clear();
            let (mut sd, mut nd, mut sl, mut nl) = (0.0, 0usize, 0.0, 0usize);
            for_border(size, |r, c| {
                let v = ink(
                    frame,
                    inv,
                    hm.map(Point::new(c as f64 + 0.5, r as f64 + 0.5)),
                );
                if fixed_module_dark(size, r, c) {
                    sd += v;
                    nd += 1;
                } else {
                    sl += v;
                    nl += 1;
                }
                self.vals.push(v as f32);
            });
            let (dark, light) = (sd / nd.max(1) as f64, sl / nl.max(1) as f64);
            if dark - light < 8.0 {
                continue;
            }
            let mid = 0.5 * (dark + light);
            let (mut ok, mut n) = (0usize, 0usize);
            for (k, (r, c)) in border_iter(size).enumerate() {
                let v = f64::from(self.vals.get(k).copied().unwrap_or(0.0));
                ok += usize::from((v > mid) == fixed_module_dark(size, r, c));
                n += 1;
            }
            let score = ok as f64 / n.max(1) as f64;
            if score >= min_score {
                self.scores.push(SizeScore { size, score });
            }
        }
        self.scores
            .sort_by(|a, b| b.score.total_cmp(&a.score).then(a.size.cmp(&b.size)));
        &self.scores
    }

    /// Polishes the corners of a decoded symbol: with the true modules known
    /// (`ideal`, in the orientation of `corners`), each corner in turn moves in steps
    /// of half a module, then a quarter, then an eighth (up to 0.87 module in all) to
    /// where the module centres best separate ink from paper as `ideal` says. At most
    /// about 200 modules are looked at.
    pub fn polish_corners(
        &mut self,
        frame: &Frame<'_>,
        inv: bool,
        corners: [Point; 4],
        ideal: &ModuleMatrix,
    ) -> [Point; 4] {
        let (rows, cols) = (ideal.rows(), ideal.cols());
        if rows == 0 || cols == 0 {
            return corners;
        }
        let stride = ((rows * cols) as f64 / 200.0).sqrt().ceil().max(1.0) as usize;
        let score = |q: &[Point; 4]| -> f64 {
            let Some(hm) = Homography::from_rect(cols as f64, rows as f64, *q) else {
                return f64::MIN;
            };
            let mut sc = 0.0;
            for r in (0..rows).step_by(stride) {
                for c in (0..cols).step_by(stride) {
                    let v = ink(
                        frame,
                        inv,
                        hm.map(Point::new(c as f64 + 0.5, r as f64 + 0.5)),
                    );
                    sc += if ideal.get(r, c) { v } else { -v };
                }
            }
            sc
        };
        let mut q = corners;
        let mut best = score(&q);
        // module steps along the two sides meeting at each corner
        let ux = (q[1] - q[0]) * (1.0 / cols as f64);
        let uy = (q[3] - q[0]) * (1.0 / rows as f64);
        for step in [0.5, 0.25, 0.12] {
            for k in 0..4 {
                let base = q[k];
                let mut best_p = base;
                for dy in [-1.0, 0.0, 1.0] {
                    for dx in [-1.0, 0.0, 1.0] {
                        if dx == 0.0 && dy == 0.0 {
                            continue;
                        }
                        let mut t = q;
                        t[k] = base + ux * (dx * step) + uy * (dy * step);
                        let sc = score(&t);
                        if sc > best {
                            best = sc;
                            best_p = t[k];
                        }
                    }
                }
                q[k] = best_p;
            }
        }
        q
    }

    /// Samples the modules of a `size` symbol at `corners`.
    pub fn sample(
        &mut self,
        frame: &Frame<'_>,
        inv: bool,
        corners: [Point; 4],
        size: SymbolSize,
    ) -> Option<Sampled> {
        let (rows, cols) = (size.rows(), size.cols());
        let hm = Homography::from_rect(cols as f64, rows as f64, corners)?;
        let (dark, light, _, _) = fixed_levels(frame, inv, &hm, size);
        let contrast = dark - light;
        if contrast < 8.0 {
            return None;
        }
        let gmid = 0.5 * (dark + light);
        // area average: centre plus four taps a quarter module away
        self.vals.clear();
        self.vals.resize(rows * cols, 0.0);
        const TAPS: [(f64, f64, f64); 5] = [
            (0.5, 0.5, 0.4),
            (0.28, 0.28, 0.15),
            (0.72, 0.28, 0.15),
            (0.28, 0.72, 0.15),
            (0.72, 0.72, 0.15),
        ];
        for r in 0..rows {
            for c in 0..cols {
                let mut v = 0.0;
                for &(dx, dy, wt) in &TAPS {
                    v += wt * ink(frame, inv, hm.map(Point::new(c as f64 + dx, r as f64 + dy)));
                }
                self.vals[r * cols + c] = v as f32;
            }
        }
        // local 7x7 min/max (separable)
        const R: usize = 3;
        self.tmp_min.clear();
        self.tmp_min.resize(rows * cols, 0.0);
        self.tmp_max.clear();
        self.tmp_max.resize(rows * cols, 0.0);
        for r in 0..rows {
            for c in 0..cols {
                let (lo, hi) = (c.saturating_sub(R), (c + R).min(cols - 1));
                let row = &self.vals[r * cols + lo..=r * cols + hi];
                self.tmp_min[r * cols + c] = row.iter().copied().fold(f32::MAX, f32::min);
                self.tmp_max[r * cols + c] = row.iter().copied().fold(f32::MIN, f32::max);
            }
        }
        let mut matrix = ModuleMatrix::new(rows, cols);
        let mut uncertain = ModuleMatrix::new(rows, cols);
        let (mut ok, mut nfixed) = (0usize, 0usize);
        for r in 0..rows {
            let (lo, hi) = (r.saturating_sub(R), (r + R).min(rows - 1));
            for c in 0..cols {
                let (mut mn, mut mx) = (f32::MAX, f32::MIN);
                for k in lo..=hi {
                    mn = mn.min(self.tmp_min[k * cols + c]);
                    mx = mx.max(self.tmp_max[k * cols + c]);
                }
                let range = f64::from(mx - mn);
                let (thr, band) = if range >= 0.5 * contrast {
                    (0.5 * f64::from(mx + mn), 0.12 * range)
                } else {
                    (gmid, 0.12 * contrast)
                };
                let v = f64::from(self.vals[r * cols + c]);
                let darkm = v > thr;
                matrix.set(r, c, darkm);
                if (v - thr).abs() < band {
                    uncertain.set(r, c, true);
                }
                if is_fixed_module(size, r, c) {
                    nfixed += 1;
                    ok += usize::from(darkm == fixed_module_dark(size, r, c));
                }
            }
        }
        Some(Sampled {
            size,
            matrix,
            uncertain,
            module_to_pixel: hm,
            fixed_score: ok as f64 / nfixed.max(1) as f64,
            contrast,
        })
    }
}
