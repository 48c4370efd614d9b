//! Painting a grid of modules into a floating-point frame through a homography, with
//! supersampled coverage for anti-aliased edges, print growth and round dots.

use crate::geometry::Homography;
use crate::matrix::ModuleMatrix;

/// Subsamples per pixel side (coverage resolution is 1 / SUB^2).
pub(crate) const SUB: usize = 4;

/// A module grid copied into bytes with a one-module light border, so lookups near the
/// edge need no bounds logic beyond one range check.
pub(crate) struct PaddedGrid {
    rows: usize,
    cols: usize,
    stride: usize,
    cells: Vec<u8>,
    /// Per-cell grey level of the mark (ink variation), or empty for a uniform `Ink::dark`.
    levels: Vec<f32>,
}

impl PaddedGrid {
    pub(crate) fn from_matrix(m: &ModuleMatrix) -> PaddedGrid {
        let (rows, cols) = (m.rows(), m.cols());
        let stride = cols + 2;
        let mut cells = vec![0u8; (rows + 2) * stride];
        for r in 0..rows {
            for (c, dark) in m.row(r).enumerate() {
                cells[(r + 1) * stride + c + 1] = dark as u8;
            }
        }
        PaddedGrid {
            rows,
            cols,
            stride,
            cells,
            levels: Vec::new(),
        }
    }

    /// Gives every mark its own grey level: `level(row, col)` for each dark module.
    pub(crate) fn with_levels(mut self, mut level: impl FnMut(usize, usize) -> f32) -> Self {
        self.levels = vec![0.0; self.cells.len()];
        for r in 0..self.rows {
            for c in 0..self.cols {
                let i = (r + 1) * self.stride + c + 1;
                if self.cells[i] != 0 {
                    self.levels[i] = level(r, c);
                }
            }
        }
        self
    }

    /// Grey level of the mark at (r, c), a dark cell inside the padded grid.
    #[inline]
    fn level(&self, r: i64, c: i64, uniform: f32) -> f32 {
        if self.levels.is_empty() {
            uniform
        } else {
            self.levels[(r + 1) as usize * self.stride + (c + 1) as usize]
        }
    }

    /// The module at (r, c), which may be one outside the grid (light there).
    #[inline]
    fn cell(&self, r: i64, c: i64) -> bool {
        if r < -1 || c < -1 || r > self.rows as i64 || c > self.cols as i64 {
            return false;
        }
        self.cells[(r + 1) as usize * self.stride + (c + 1) as usize] != 0
    }
}

/// How the grid is inked.
pub(crate) struct Ink {
    /// Grey level of dark (inked) modules.
    pub dark: f32,
    /// Grey level of light modules and the quiet zone; `None` leaves the background.
    pub light: Option<f32>,
    /// Light margin painted around the grid, in modules.
    pub quiet: f64,
    /// Print growth, in modules (each dark mark grows by half of it on every side).
    pub growth: f64,
    /// Dot diameter as a fraction of the module, or `None` for square modules.
    pub dot: Option<f64>,
}

enum Shape {
    /// Exact module squares: one lookup.
    Plain,
    /// Squares of half-side `h` (may reach into neighbours).
    Square(f64),
    /// Disks of radius `r` around module centres.
    Round(f64),
}

/// Paints `grid` (module coordinates (0,0)..(cols,rows)) into `buf` (`w x h`, row-major)
/// through `m2p` (module -> pixel). Returns `false` when `m2p` is singular.
pub(crate) fn paint(
    buf: &mut [f32],
    w: usize,
    h: usize,
    grid: &PaddedGrid,
    m2p: &Homography,
    ink: &Ink,
) -> bool {
    let Some(p2m) = m2p.inverse() else {
        return false;
    };
    let (cols, rows) = (grid.cols as f64, grid.rows as f64);
    let q = ink.quiet.max(0.0);
    // pixel bounding box of the painted area (grid + quiet zone + growth)
    let g = ink.growth.max(0.0) + 1.0;
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (u, v) in [
        (-q - g, -q - g),
        (cols + q + g, -q - g),
        (cols + q + g, rows + q + g),
        (-q - g, rows + q + g),
    ] {
        let p = m2p.map(crate::geometry::Point::new(u, v));
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
        return false;
    }
    let px0 = x0.floor().max(0.0) as usize;
    let py0 = y0.floor().max(0.0) as usize;
    let px1 = (x1.ceil().max(0.0) as usize).min(w);
    let py1 = (y1.ceil().max(0.0) as usize).min(h);
    if px0 >= px1 || py0 >= py1 {
        return true;
    }
    let shape = match ink.dot {
        Some(d) => Shape::Round((d + ink.growth) / 2.0),
        None if ink.growth == 0.0 => Shape::Plain,
        None => Shape::Square(0.5 + ink.growth / 2.0),
    };
    let (ulo, uhi, vlo, vhi) = (-q, cols + q, -q, rows + q);
    let m = p2m.matrix();
    let span = px1 - px0;
    // per-pixel counts of dark and light subsamples for the current pixel row
    let mut n_dark = vec![0u16; span];
    let mut n_light = vec![0u16; span];
    let mut sum_dark = vec![0f32; span];
    let step = 1.0 / SUB as f64;
    let total = (SUB * SUB) as f32;
    for py in py0..py1 {
        n_dark.fill(0);
        n_light.fill(0);
        sum_dark.fill(0.0);
        for sy in 0..SUB {
            let y = py as f64 + (sy as f64 + 0.5) * step;
            let x = px0 as f64 + 0.5 * step;
            // homogeneous module coordinates, linear in x along the row
            let mut hx = m[0] * x + m[1] * y + m[2];
            let mut hy = m[3] * x + m[4] * y + m[5];
            let mut hw = m[6] * x + m[7] * y + m[8];
            let (dx, dy, dw) = (m[0] * step, m[3] * step, m[6] * step);
            for i in 0..span {
                for _ in 0..SUB {
                    let wv = if hw.abs() < 1e-12 { 1e-12 } else { hw };
                    let (u, v) = (hx / wv, hy / wv);
                    if u >= ulo && u < uhi && v >= vlo && v < vhi {
                        if let Some((r, c)) = mark_at(grid, &shape, u, v) {
                            n_dark[i] += 1;
                            sum_dark[i] += grid.level(r, c, ink.dark);
                        } else {
                            n_light[i] += 1;
                        }
                    }
                    hx += dx;
                    hy += dy;
                    hw += dw;
                }
            }
        }
        let row = &mut buf[py * w + px0..py * w + px1];
        for (((p, &nd), &nl), &sd) in row.iter_mut().zip(&n_dark).zip(&n_light).zip(&sum_dark) {
            if nd == 0 && nl == 0 {
                continue;
            }
            let bg = *p;
            let light = ink.light.unwrap_or(bg);
            let nd = nd as f32;
            let nl = nl as f32;
            *p = (sd + nl * light + (total - nd - nl) * bg) / total;
        }
    }
    true
}

/// The dark module whose mark covers module-space point (u, v), if any.
#[inline]
fn mark_at(grid: &PaddedGrid, shape: &Shape, u: f64, v: f64) -> Option<(i64, i64)> {
    let (c, r) = (u.floor(), v.floor());
    let (ci, ri) = (c as i64, r as i64);
    let (fx, fy) = (u - c - 0.5, v - r - 0.5);
    let own = grid.cell(ri, ci).then_some((ri, ci));
    match *shape {
        Shape::Plain => own,
        Shape::Square(hs) => {
            if hs <= 0.5 {
                own.filter(|_| fx.abs() <= hs && fy.abs() <= hs)
            } else {
                neighbours(grid, ri, ci, |dr, dc| {
                    (fx - dc).abs() <= hs && (fy - dr).abs() <= hs
                })
            }
        }
        Shape::Round(rad) => {
            let r2 = rad * rad;
            if rad <= 0.5 {
                own.filter(|_| fx * fx + fy * fy <= r2)
            } else {
                neighbours(grid, ri, ci, |dr, dc| {
                    (fx - dc).powi(2) + (fy - dr).powi(2) <= r2
                })
            }
        }
    }
}

/// The first dark module among (r, c) and its 8 neighbours (own module first) whose
/// mark covers the point.
#[inline]
fn neighbours(
    grid: &PaddedGrid,
    r: i64,
    c: i64,
    inside: impl Fn(f64, f64) -> bool,
) -> Option<(i64, i64)> {
    if grid.cell(r, c) && inside(0.0, 0.0) {
        return Some((r, c));
    }
    for dr in -1..=1i64 {
        for dc in -1..=1i64 {
            if (dr != 0 || dc != 0) && grid.cell(r + dr, c + dc) && inside(dr as f64, dc as f64) {
                return Some((r + dr, c + dc));
            }
        }
    }
    None
}
