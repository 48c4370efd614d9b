//! Test support for the grader: a controlled renderer of ECC 200 symbols with exact
//! (supersampled) anti-aliased coverage through a known homography, with knobs for
//! contrast, per-module reflectance, print growth, axial and grid non-uniformity,
//! damaged modules, corrupted codewords and quiet-zone intrusion.
#![allow(dead_code)]

use ecc200::geometry::{Homography, Point};
use ecc200::grade::SymbolLocation;
use ecc200::{GrayImage, ModuleMap, SymbolSize};
use std::f64::consts::PI;

/// Quiet zone and margin drawn around the symbol, in modules.
pub const MARGIN: i32 = 4;

#[derive(Clone, Debug)]
pub struct Render {
    pub size: SymbolSize,
    /// Data codewords (padded); default: a fixed pseudo-random pattern.
    pub data: Vec<u8>,
    /// Pixels per module along the columns and along the rows.
    pub ppm_x: f64,
    pub ppm_y: f64,
    /// Rotation in radians.
    pub angle: f64,
    /// Grey levels of dark and light modules.
    pub dark: u8,
    pub light: u8,
    /// Print growth as a fraction of a module (dark boxes grow by g/2 each side).
    pub growth_x: f64,
    pub growth_y: f64,
    /// Smooth warp: module (r, c) centre moves by a * sin(pi u / cols) sin(pi v / rows)
    /// along x (ax) and y (ay), in modules.
    pub warp_ax: f64,
    pub warp_ay: f64,
    /// Grey level overrides per module (symbol coordinates, quiet zone allowed).
    pub levels: Vec<(i32, i32, u8)>,
    /// Colour flips per module (symbol coordinates, quiet zone allowed).
    pub flips: Vec<(i32, i32)>,
    /// Codewords XORed with a value before placement (stream index, mask).
    pub corrupt: Vec<(usize, u8)>,
    /// Render the symbol mirrored (transposed).
    pub mirrored: bool,
    /// Light marks on a dark ground (the `dark` and `light` levels swap roles).
    pub inverted: bool,
    /// Subsamples per pixel side.
    pub ss: usize,
}

impl Render {
    pub fn new(rows: usize, cols: usize) -> Render {
        let size = SymbolSize::from_dims(rows, cols).expect("size");
        let data = (0..size.data_codewords())
            .map(|i| ((i * 73 + 41) % 254 + 1) as u8)
            .collect();
        Render {
            size,
            data,
            ppm_x: 10.0,
            ppm_y: 10.0,
            angle: 0.0,
            dark: 20,
            light: 220,
            growth_x: 0.0,
            growth_y: 0.0,
            warp_ax: 0.0,
            warp_ay: 0.0,
            levels: Vec::new(),
            flips: Vec::new(),
            corrupt: Vec::new(),
            mirrored: false,
            inverted: false,
            ss: 4,
        }
    }

    pub fn ppm(mut self, p: f64) -> Self {
        self.ppm_x = p;
        self.ppm_y = p;
        self
    }
    pub fn contrast(mut self, dark: u8, light: u8) -> Self {
        self.dark = dark;
        self.light = light;
        self
    }

    /// The module colours over the symbol plus MARGIN modules each side.
    pub fn canvas(&self) -> Canvas {
        let (rows, cols) = (self.size.rows(), self.size.cols());
        let (mark, ground) = if self.inverted {
            (self.light, self.dark)
        } else {
            (self.dark, self.light)
        };
        let mut cw = ecc200::rs::encode_symbol(self.size, &self.data);
        for &(k, m) in &self.corrupt {
            cw[k] ^= m;
        }
        let mm = ModuleMap::get(self.size).place(&cw);
        let w = cols as i32 + 2 * MARGIN;
        let h = rows as i32 + 2 * MARGIN;
        let mut level = vec![ground; (w * h) as usize];
        let mut dark = vec![false; (w * h) as usize];
        for r in 0..rows {
            for c in 0..cols {
                if mm.get(r, c) {
                    let i = ((r as i32 + MARGIN) * w + c as i32 + MARGIN) as usize;
                    dark[i] = true;
                    level[i] = mark;
                }
            }
        }
        let mut cv = Canvas {
            w,
            h,
            dark,
            level,
            rows,
            cols,
        };
        for &(r, c) in &self.flips {
            if let Some(i) = cv.idx(r, c) {
                cv.dark[i] = !cv.dark[i];
                cv.level[i] = if cv.dark[i] { mark } else { ground };
            }
        }
        for &(r, c, v) in &self.levels {
            if let Some(i) = cv.idx(r, c) {
                cv.level[i] = v;
            }
        }
        cv
    }

    /// Symbol coordinates -> warped symbol coordinates.
    pub fn warp(&self, u: f64, v: f64) -> (f64, f64) {
        let (fr, fc) = (self.size.rows() as f64, self.size.cols() as f64);
        if self.warp_ax == 0.0 && self.warp_ay == 0.0 {
            return (u, v);
        }
        let s = (PI * u / fc).sin() * (PI * v / fr).sin();
        let inside = (0.0..=fc).contains(&u) && (0.0..=fr).contains(&v);
        if !inside {
            return (u, v);
        }
        (u + self.warp_ax * s, v + self.warp_ay * s)
    }

    fn unwarp(&self, x: f64, y: f64) -> (f64, f64) {
        if self.warp_ax == 0.0 && self.warp_ay == 0.0 {
            return (x, y);
        }
        let (mut u, mut v) = (x, y);
        for _ in 0..12 {
            let (wx, wy) = self.warp(u, v);
            let (ex, ey) = (x - wx, y - wy);
            u += ex;
            v += ey;
            if ex.abs() + ey.abs() < 1e-6 {
                break;
            }
        }
        (u, v)
    }

    /// The seen-grid to pixel homography (before translation), and the image.
    pub fn render(&self) -> (GrayImage, SymbolLocation) {
        let cv = self.canvas();
        let (rows, cols) = (self.size.rows() as f64, self.size.cols() as f64);
        let (sr, sc) = if self.mirrored {
            (cols, rows)
        } else {
            (rows, cols)
        };
        let (s, c) = self.angle.sin_cos();
        let m = MARGIN as f64 + 1.0;
        // linear part, centred on the seen grid's centre
        let lin = |x: f64, y: f64| -> Point {
            let (x, y) = ((x - sc / 2.0) * self.ppm_x, (y - sr / 2.0) * self.ppm_y);
            Point::new(c * x - s * y, s * x + c * y)
        };
        let corners = [
            lin(-m, -m),
            lin(sc + m, -m),
            lin(sc + m, sr + m),
            lin(-m, sr + m),
        ];
        let minx = corners.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
        let miny = corners.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
        let maxx = corners
            .iter()
            .map(|p| p.x)
            .fold(f64::NEG_INFINITY, f64::max);
        let maxy = corners
            .iter()
            .map(|p| p.y)
            .fold(f64::NEG_INFINITY, f64::max);
        let (tx, ty) = (-minx + 1.0, -miny + 1.0);
        let width = (maxx - minx).ceil() as usize + 2;
        let height = (maxy - miny).ceil() as usize + 2;
        let o = lin(0.0, 0.0);
        let hm = Homography::from_matrix([
            c * self.ppm_x,
            -s * self.ppm_y,
            o.x + tx,
            s * self.ppm_x,
            c * self.ppm_y,
            o.y + ty,
            0.0,
            0.0,
            1.0,
        ]);
        let inv = hm.inverse().expect("invertible");
        let ground = if self.inverted { self.dark } else { self.light };
        let mut img = GrayImage::new(width, height, ground);
        let ss = self.ss.max(1);
        for py in 0..height {
            for px in 0..width {
                let mut acc = 0u32;
                for j in 0..ss {
                    for i in 0..ss {
                        let p = Point::new(
                            px as f64 + (i as f64 + 0.5) / ss as f64,
                            py as f64 + (j as f64 + 0.5) / ss as f64,
                        );
                        let q = inv.map(p);
                        let (u, v) = if self.mirrored {
                            (q.y, q.x)
                        } else {
                            (q.x, q.y)
                        };
                        let (u, v) = self.unwarp(u, v);
                        acc += self.colour(&cv, u, v, ground) as u32;
                    }
                }
                let n = (ss * ss) as u32;
                img.set(px, py, ((acc + n / 2) / n) as u8);
            }
        }
        // symbol coordinates -> pixels: the reflection is part of the transform
        let swap = Homography::from_matrix([0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        let module_to_pixel = if self.mirrored { hm.compose(&swap) } else { hm };
        let mut loc = SymbolLocation::new(self.size, module_to_pixel);
        loc.mirrored = self.mirrored;
        loc.inverted = self.inverted;
        (img, loc)
    }

    fn colour(&self, cv: &Canvas, u: f64, v: f64, ground: u8) -> u8 {
        let (r0, c0) = (v.floor() as i32, u.floor() as i32);
        let (gx, gy) = (self.growth_x / 2.0, self.growth_y / 2.0);
        let own = cv.idx(r0, c0);
        if let Some(i) = own {
            if cv.dark[i] {
                let (fu, fv) = (u - c0 as f64, v - r0 as f64);
                if gx >= 0.0 && gy >= 0.0
                    || (fu >= -gx && fu <= 1.0 + gx && fv >= -gy && fv <= 1.0 + gy)
                {
                    return cv.level[i];
                }
            }
        }
        if self.growth_x > 0.0 || self.growth_y > 0.0 {
            for dr in -1..=1 {
                for dc in -1..=1 {
                    if dr == 0 && dc == 0 {
                        continue;
                    }
                    let (r, c) = (r0 + dr, c0 + dc);
                    if let Some(i) = cv.idx(r, c) {
                        if cv.dark[i] {
                            let (fu, fv) = (u - c as f64, v - r as f64);
                            if fu >= -gx && fu <= 1.0 + gx && fv >= -gy && fv <= 1.0 + gy {
                                return cv.level[i];
                            }
                        }
                    }
                }
            }
        }
        match own {
            Some(i) if !cv.dark[i] => cv.level[i],
            _ => ground,
        }
    }

    /// Expected grid non-uniformity with the ideal grid fitted to every warped module
    /// centre by least squares (`GridAnchor::BestFit`).
    pub fn expected_gn_best_fit(&self) -> f64 {
        let (rows, cols) = (self.size.rows(), self.size.cols());
        let mut src = Vec::new();
        let mut dst = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let p = Point::new(c as f64 + 0.5, r as f64 + 0.5);
                let (x, y) = self.warp(p.x, p.y);
                src.push(p);
                dst.push(Point::new(x, y));
            }
        }
        let h = Homography::fit(&src, &dst).expect("fit");
        src.iter()
            .zip(&dst)
            .map(|(&p, &q)| h.map(p).dist(q))
            .fold(0.0, f64::max)
    }

    /// Expected grid non-uniformity (fraction of X) of the warp: the largest distance
    /// of a warped module centre from the grid through the four warped corner centres.
    pub fn expected_gn(&self) -> f64 {
        let (rows, cols) = (self.size.rows(), self.size.cols());
        let (fr, fc) = (rows as f64, cols as f64);
        let wp = |r: usize, c: usize| {
            let (x, y) = self.warp(c as f64 + 0.5, r as f64 + 0.5);
            Point::new(x, y)
        };
        let h = Homography::from_quads(
            [
                Point::new(0.5, 0.5),
                Point::new(fc - 0.5, 0.5),
                Point::new(fc - 0.5, fr - 0.5),
                Point::new(0.5, fr - 0.5),
            ],
            [
                wp(0, 0),
                wp(0, cols - 1),
                wp(rows - 1, cols - 1),
                wp(rows - 1, 0),
            ],
        )
        .expect("fit");
        let mut g: f64 = 0.0;
        for r in 0..rows {
            for c in 0..cols {
                let ideal = h.map(Point::new(c as f64 + 0.5, r as f64 + 0.5));
                g = g.max(ideal.dist(wp(r, c)));
            }
        }
        g
    }
}

/// Module colours with a margin.
pub struct Canvas {
    pub w: i32,
    pub h: i32,
    pub dark: Vec<bool>,
    pub level: Vec<u8>,
    pub rows: usize,
    pub cols: usize,
}

impl Canvas {
    pub fn idx(&self, r: i32, c: i32) -> Option<usize> {
        let (rr, cc) = (r + MARGIN, c + MARGIN);
        (rr >= 0 && cc >= 0 && rr < self.h && cc < self.w).then(|| (rr * self.w + cc) as usize)
    }
}

/// Modules of data codeword `k` (symbol coordinates).
pub fn codeword_modules(size: SymbolSize, k: usize) -> Vec<(i32, i32)> {
    ModuleMap::get(size)
        .codeword_modules(k)
        .iter()
        .map(|&(r, c)| (r as i32, c as i32))
        .collect()
}
