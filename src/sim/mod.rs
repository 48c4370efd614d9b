//! Simulated camera frames with exact ground truth, for tests, benchmarks and the demo.
//!
//! A [`Scene`] lists symbols ([`SimSymbol`]: a module grid, where it sits, how it is
//! rotated, tilted, printed) and camera effects (blur, noise, uneven light, glare,
//! contrast, gamma, inversion, JPEG, clutter). [`Scene::render`] makes a [`SimFrame`]:
//! the grey image and, per symbol, the true module-to-pixel transform and corners.
//! Everything is deterministic from [`Scene::seed`]: the same scene renders the same
//! bytes on every platform.
//!
//! ```
//! use ecc200::sim::{Scene, SimSymbol};
//! use ecc200::{Point, Symbol, SymbolSize};
//! let size = SymbolSize::from_dims(12, 12).unwrap();
//! let data: Vec<u8> = (1..=size.data_codewords() as u8).collect();
//! let m = Symbol::from_data_codewords(size, &data).unwrap().into_matrix();
//! let scene = Scene::new(200, 150)
//!     .symbol(SimSymbol::new(m, Point::new(100.0, 75.0), 6.0).rotation(0.3))
//!     .blur(0.8)
//!     .noise(2.0);
//! let frame = scene.render().unwrap();
//! assert_eq!(frame.image.width, 200);
//! assert_eq!(frame.truth.len(), 1);
//! ```

mod clutter;
mod effects;
mod paint;
mod random;
mod rng;
mod y4m;

pub use random::{random_matrix, random_scene, random_scene_in, Difficulty};
pub use rng::Rng;
pub use y4m::write_y4m;

use crate::frame::{GrayImage, MAX_FRAME_DIM, MAX_FRAME_PIXELS};
use crate::geometry::{Homography, Point};
use crate::matrix::ModuleMatrix;
use std::fmt;

/// Most symbols one scene may hold.
pub const MAX_SYMBOLS: usize = 256;
/// Most clutter items one scene may hold.
pub const MAX_CLUTTER: usize = 10_000;
/// Largest defocus sigma and motion-blur length accepted, in pixels.
pub const MAX_BLUR_PX: f64 = 64.0;

/// Why a scene could not be rendered.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SimError {
    /// The frame size is zero or above the frame limits of [`crate::frame`].
    FrameSize {
        /// Requested width.
        width: usize,
        /// Requested height.
        height: usize,
    },
    /// A parameter is not finite or outside its documented range.
    BadParameter {
        /// Which parameter (e.g. `"blur"`, `"symbol 2 module_px"`).
        name: String,
        /// The value given.
        value: f64,
    },
    /// A symbol's matrix is empty.
    EmptyMatrix {
        /// Index of the symbol in the scene.
        index: usize,
    },
    /// A symbol's placement is degenerate (its corners do not form a proper quad).
    DegenerateSymbol {
        /// Index of the symbol in the scene.
        index: usize,
    },
    /// Too many symbols or clutter items.
    TooMany {
        /// `"symbols"`, `"clutter"` or `"frames"`.
        what: &'static str,
        /// Number asked for.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// JPEG round trip failed (only with the `image` feature).
    Jpeg(String),
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::FrameSize { width, height } => write!(
                f,
                "frame size {width}x{height} is empty or above {MAX_FRAME_DIM} a side / {MAX_FRAME_PIXELS} pixels"
            ),
            SimError::BadParameter { name, value } => {
                write!(f, "parameter {name} = {value} is out of range")
            }
            SimError::EmptyMatrix { index } => write!(f, "symbol {index} has an empty matrix"),
            SimError::DegenerateSymbol { index } => {
                write!(f, "symbol {index} has a degenerate placement")
            }
            SimError::TooMany { what, count, max } => {
                write!(f, "{count} {what} requested, at most {max} allowed")
            }
            SimError::Jpeg(e) => write!(f, "jpeg round trip failed: {e}"),
        }
    }
}

impl std::error::Error for SimError {}

/// One symbol in a scene.
///
/// Geometry: the symbol (module grid plus nothing else) is centred on [`centre`], each
/// module `module_px` pixels wide at the centre, tilted out of plane by [`tilt`], then
/// rotated in plane by [`rotation`], then each outer corner is moved by
/// [`corner_offsets`]. A mirrored symbol is the mirror image (left-right in the symbol's
/// own frame) of the unmirrored one.
///
/// [`centre`]: SimSymbol::centre
/// [`tilt`]: SimSymbol::tilt
/// [`rotation`]: SimSymbol::rotation
/// [`corner_offsets`]: SimSymbol::corner_offsets
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SimSymbol {
    /// The modules (no quiet zone).
    pub matrix: ModuleMatrix,
    /// Pixel position of the symbol's centre.
    pub centre: Point,
    /// Module size in pixels at the centre, > 0 and <= 1000.
    pub module_px: f64,
    /// In-plane rotation in radians (clockwise on screen, y down). Default 0.
    pub rotation: f64,
    /// Out-of-plane tilt in radians about the symbol's horizontal and vertical axes
    /// (perspective; each below 80 degrees in magnitude). Default (0, 0).
    pub tilt: (f64, f64),
    /// Pixel offsets added to the outer corners after tilt and rotation (display
    /// top-left, top-right, bottom-right, bottom-left): arbitrary perspective / jitter.
    /// Default all zero.
    pub corner_offsets: [Point; 4],
    /// Seen mirrored. Default `false`.
    pub mirrored: bool,
    /// Light marks on a dark ground (laser on dark plastic, etc.). Default `false`.
    pub inverted: bool,
    /// Grey level of dark modules. Default 30.
    pub dark: u8,
    /// Grey level of light modules and the quiet zone. Default 220.
    pub light: u8,
    /// Round dots of this diameter (fraction of a module, 0 < d <= 1.5) instead of
    /// squares: the ink-jet / dot-peen look. Default `None`.
    pub round_dots: Option<f64>,
    /// Print growth in modules, -0.9..=0.9 (each mark grows by half of it on every side;
    /// negative shrinks). Default 0.
    pub print_growth: f64,
    /// Width of the light margin painted around the symbol, in modules (0..=100).
    /// Default 2.
    pub quiet_zone: f64,
    /// Standard deviation of each mark's own grey level around `dark` (grey levels,
    /// 0..=128): uneven ink, the cause of poor modulation grades. Drawn per module from
    /// the scene seed. Default 0.
    pub ink_variation: f64,
}

impl SimSymbol {
    /// A symbol with its defaults: upright, flat, dark 30 on light 220, 2-module quiet
    /// zone.
    pub fn new(matrix: ModuleMatrix, centre: Point, module_px: f64) -> SimSymbol {
        SimSymbol {
            matrix,
            centre,
            module_px,
            rotation: 0.0,
            tilt: (0.0, 0.0),
            corner_offsets: [Point::default(); 4],
            mirrored: false,
            inverted: false,
            dark: 30,
            light: 220,
            round_dots: None,
            print_growth: 0.0,
            quiet_zone: 2.0,
            ink_variation: 0.0,
        }
    }
    /// Sets [`SimSymbol::ink_variation`] (grey levels).
    pub fn ink_variation(mut self, sigma: f64) -> Self {
        self.ink_variation = sigma;
        self
    }
    /// Sets [`SimSymbol::rotation`] (radians).
    pub fn rotation(mut self, radians: f64) -> Self {
        self.rotation = radians;
        self
    }
    /// Sets [`SimSymbol::tilt`] (radians about the horizontal, vertical axis).
    pub fn tilt(mut self, about_x: f64, about_y: f64) -> Self {
        self.tilt = (about_x, about_y);
        self
    }
    /// Sets [`SimSymbol::corner_offsets`] (pixels).
    pub fn corner_offsets(mut self, offsets: [Point; 4]) -> Self {
        self.corner_offsets = offsets;
        self
    }
    /// Sets [`SimSymbol::mirrored`].
    pub fn mirrored(mut self, yes: bool) -> Self {
        self.mirrored = yes;
        self
    }
    /// Sets [`SimSymbol::inverted`].
    pub fn inverted(mut self, yes: bool) -> Self {
        self.inverted = yes;
        self
    }
    /// Sets the grey levels of dark and light modules.
    pub fn levels(mut self, dark: u8, light: u8) -> Self {
        self.dark = dark;
        self.light = light;
        self
    }
    /// Sets [`SimSymbol::round_dots`].
    pub fn round_dots(mut self, diameter: Option<f64>) -> Self {
        self.round_dots = diameter;
        self
    }
    /// Sets [`SimSymbol::print_growth`] (modules).
    pub fn print_growth(mut self, growth: f64) -> Self {
        self.print_growth = growth;
        self
    }
    /// Sets [`SimSymbol::quiet_zone`] (modules).
    pub fn quiet_zone(mut self, modules: f64) -> Self {
        self.quiet_zone = modules;
        self
    }

    /// Pixel positions of the outer corners as displayed (top-left, top-right,
    /// bottom-right, bottom-left on screen before rotation), mirroring not applied.
    fn display_corners(&self) -> [Point; 4] {
        let s = self.module_px;
        let hw = self.matrix.cols() as f64 * s / 2.0;
        let hh = self.matrix.rows() as f64 * s / 2.0;
        // pinhole camera at 3 symbol diagonals: the scale at the centre stays module_px
        let f = 3.0 * 2.0 * (hw * hw + hh * hh).sqrt();
        let (sx, cx) = self.tilt.0.sin_cos();
        let (sy, cy) = self.tilt.1.sin_cos();
        let (sr, cr) = self.rotation.sin_cos();
        let base = [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)];
        let mut out = [Point::default(); 4];
        for (i, &(x, y)) in base.iter().enumerate() {
            let (y1, z1) = (y * cx, y * sx);
            let (x2, z2) = (x * cy + z1 * sy, -x * sy + z1 * cy);
            let k = f / (f + z2);
            let (px, py) = (x2 * k, y1 * k);
            out[i] = Point::new(
                self.centre.x + px * cr - py * sr,
                self.centre.y + px * sr + py * cr,
            ) + self.corner_offsets[i];
        }
        out
    }

    /// The module-to-pixel transform (module (r, c) centre at (c + 0.5, r + 0.5)), or
    /// `None` when the placement is degenerate.
    pub fn module_to_pixel(&self) -> Option<Homography> {
        let (cols, rows) = (self.matrix.cols() as f64, self.matrix.rows() as f64);
        let d = self.display_corners();
        let dst = if self.mirrored {
            [d[1], d[0], d[3], d[2]]
        } else {
            d
        };
        Homography::from_rect(cols, rows, dst)
    }

    fn check(&self, index: usize) -> Result<Homography, SimError> {
        if self.matrix.rows() == 0 || self.matrix.cols() == 0 {
            return Err(SimError::EmptyMatrix { index });
        }
        let bad = |name: &str, value: f64| SimError::BadParameter {
            name: format!("symbol {index} {name}"),
            value,
        };
        let lim = 80f64.to_radians();
        let checks: [(&str, f64, bool); 11] = [
            (
                "ink_variation",
                self.ink_variation,
                (0.0..=128.0).contains(&self.ink_variation),
            ),
            ("centre.x", self.centre.x, self.centre.x.is_finite()),
            ("centre.y", self.centre.y, self.centre.y.is_finite()),
            (
                "module_px",
                self.module_px,
                self.module_px > 0.0 && self.module_px <= 1000.0,
            ),
            ("rotation", self.rotation, self.rotation.is_finite()),
            ("tilt.0", self.tilt.0, self.tilt.0.abs() < lim),
            ("tilt.1", self.tilt.1, self.tilt.1.abs() < lim),
            (
                "print_growth",
                self.print_growth,
                self.print_growth.abs() <= 0.9,
            ),
            (
                "quiet_zone",
                self.quiet_zone,
                (0.0..=100.0).contains(&self.quiet_zone),
            ),
            (
                "round_dots",
                self.round_dots.unwrap_or(1.0),
                self.round_dots.is_none_or(|d| d > 0.0 && d <= 1.5),
            ),
            (
                "corner_offsets",
                0.0,
                self.corner_offsets.iter().all(|p| {
                    p.x.is_finite() && p.y.is_finite() && p.x.abs() < 1e6 && p.y.abs() < 1e6
                }),
            ),
        ];
        for (name, v, ok) in checks {
            if !ok {
                return Err(bad(name, v));
            }
        }
        let h = self
            .module_to_pixel()
            .ok_or(SimError::DegenerateSymbol { index })?;
        // the quad must stay convex (no fold-over from extreme corner offsets)
        let d = self.display_corners();
        let mut sign = 0.0;
        for i in 0..4 {
            let (a, b, c) = (d[i], d[(i + 1) % 4], d[(i + 2) % 4]);
            let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
            if cross.abs() < 1e-9 || (sign != 0.0 && cross.signum() != sign) {
                return Err(SimError::DegenerateSymbol { index });
            }
            sign = cross.signum();
        }
        Ok(h)
    }
}

/// A specular highlight.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Glare {
    /// Pixel position of the centre.
    pub centre: Point,
    /// Standard deviations of the elliptical Gaussian along its axes, in pixels.
    pub radius: (f64, f64),
    /// Orientation of the first axis, radians.
    pub angle: f64,
    /// Fraction of the way to white at the centre, 0..=1.
    pub strength: f64,
}

impl Glare {
    /// A round glare blob.
    pub fn new(centre: Point, radius: f64, strength: f64) -> Glare {
        Glare {
            centre,
            radius: (radius, radius),
            angle: 0.0,
            strength,
        }
    }
    /// An elliptical blob: radii along its axes and the first axis' angle.
    pub fn ellipse(mut self, rx: f64, ry: f64, angle: f64) -> Glare {
        self.radius = (rx, ry);
        self.angle = angle;
        self
    }
}

/// A scene: the frame, its symbols and the camera effects.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Scene {
    /// Frame width in pixels. Default 1920.
    pub width: usize,
    /// Frame height in pixels. Default 1080.
    pub height: usize,
    /// Grey level of the background (paper, carton). Default 200.
    pub paper: u8,
    /// Standard deviation of per-pixel background texture, grey levels. Default 0.
    pub texture: f64,
    /// The symbols, painted in order.
    pub symbols: Vec<SimSymbol>,
    /// Number of clutter items (text-like strokes, boxes, 1-D barcodes, QR-like grids,
    /// L-shaped marks) placed clear of the symbols. Default 0.
    pub clutter: usize,
    /// Defocus blur: Gaussian sigma in pixels (0..=64). Default 0.
    pub blur: f64,
    /// Motion blur: length in pixels (0..=64) and direction in radians. Default (0, 0).
    pub motion_blur: (f64, f64),
    /// Sensor noise: Gaussian sigma in grey levels (0..=255). Default 0.
    pub noise: f64,
    /// Linear light fall-off across the frame (fraction 0..=1 lost on the dark side)
    /// and its direction in radians. Default (0, 0).
    pub light_gradient: (f64, f64),
    /// Vignetting: fraction of light lost in the corners (0..=1). Default 0.
    pub vignette: f64,
    /// Specular highlights. Default none.
    pub glare: Vec<Glare>,
    /// Global contrast about mid-grey 128 (0..=10). Default 1.
    pub contrast: f64,
    /// Gamma applied to the normalised grey level (0.1..=10). Default 1.
    pub gamma: f64,
    /// Invert the whole frame (light on dark). Default `false`.
    pub invert: bool,
    /// JPEG round trip at this quality (1..=100); needs the `image` feature, without it
    /// rendering returns [`SimError::Jpeg`]. Default `None`.
    pub jpeg_quality: Option<u8>,
    /// Seed of the texture, noise and clutter. Default 0.
    pub seed: u64,
}

impl Default for Scene {
    fn default() -> Scene {
        Scene {
            width: 1920,
            height: 1080,
            paper: 200,
            texture: 0.0,
            symbols: Vec::new(),
            clutter: 0,
            blur: 0.0,
            motion_blur: (0.0, 0.0),
            noise: 0.0,
            light_gradient: (0.0, 0.0),
            vignette: 0.0,
            glare: Vec::new(),
            contrast: 1.0,
            gamma: 1.0,
            invert: false,
            jpeg_quality: None,
            seed: 0,
        }
    }
}

/// Ground truth of one rendered symbol.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TruthSymbol {
    /// Pixel positions of the module grid's outer corners in module order: the corner of
    /// module (0, 0) (module-space (0, 0)), then (cols, 0), (cols, rows), (0, rows).
    /// For a mirrored symbol these go round the other way on screen.
    pub corners: [Point; 4],
    /// Module coordinates -> pixels (module (r, c) centre at (c + 0.5, r + 0.5)).
    pub module_to_pixel: Homography,
    /// The modules as encoded.
    pub matrix: ModuleMatrix,
    /// Seen mirrored.
    pub mirrored: bool,
    /// Appears light on dark (symbol inversion XOR frame inversion).
    pub inverted: bool,
    /// Module size in pixels at the centre.
    pub module_px: f64,
}

impl TruthSymbol {
    /// Pixel position of the centre of module (row, col).
    pub fn module_centre(&self, row: usize, col: usize) -> Point {
        self.module_to_pixel
            .map(Point::new(col as f64 + 0.5, row as f64 + 0.5))
    }
}

/// A rendered frame and its ground truth.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SimFrame {
    /// The grey image.
    pub image: GrayImage,
    /// One entry per scene symbol, in scene order.
    pub truth: Vec<TruthSymbol>,
}

fn check_range(name: &str, v: f64, lo: f64, hi: f64) -> Result<(), SimError> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(SimError::BadParameter {
            name: name.to_string(),
            value: v,
        })
    }
}

impl Scene {
    /// An empty scene of `width x height` with every other field at its default.
    pub fn new(width: usize, height: usize) -> Scene {
        Scene {
            width,
            height,
            ..Scene::default()
        }
    }
    /// Adds a symbol.
    pub fn symbol(mut self, s: SimSymbol) -> Self {
        self.symbols.push(s);
        self
    }
    /// Sets [`Scene::paper`] and [`Scene::texture`].
    pub fn background(mut self, paper: u8, texture: f64) -> Self {
        self.paper = paper;
        self.texture = texture;
        self
    }
    /// Sets [`Scene::clutter`].
    pub fn clutter(mut self, items: usize) -> Self {
        self.clutter = items;
        self
    }
    /// Sets [`Scene::blur`] (defocus sigma, pixels).
    pub fn blur(mut self, sigma: f64) -> Self {
        self.blur = sigma;
        self
    }
    /// Sets [`Scene::motion_blur`] (length in pixels, angle in radians).
    pub fn motion_blur(mut self, length: f64, angle: f64) -> Self {
        self.motion_blur = (length, angle);
        self
    }
    /// Sets [`Scene::noise`] (sigma, grey levels).
    pub fn noise(mut self, sigma: f64) -> Self {
        self.noise = sigma;
        self
    }
    /// Sets [`Scene::light_gradient`] and [`Scene::vignette`].
    pub fn lighting(mut self, gradient: f64, angle: f64, vignette: f64) -> Self {
        self.light_gradient = (gradient, angle);
        self.vignette = vignette;
        self
    }
    /// Adds a glare blob.
    pub fn glare(mut self, g: Glare) -> Self {
        self.glare.push(g);
        self
    }
    /// Sets [`Scene::contrast`] and [`Scene::gamma`].
    pub fn tone(mut self, contrast: f64, gamma: f64) -> Self {
        self.contrast = contrast;
        self.gamma = gamma;
        self
    }
    /// Sets [`Scene::invert`].
    pub fn invert(mut self, yes: bool) -> Self {
        self.invert = yes;
        self
    }
    /// Sets [`Scene::jpeg_quality`].
    pub fn jpeg(mut self, quality: Option<u8>) -> Self {
        self.jpeg_quality = quality;
        self
    }
    /// Sets [`Scene::seed`].
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    fn check(&self) -> Result<Vec<Homography>, SimError> {
        let (w, h) = (self.width, self.height);
        if w == 0
            || h == 0
            || w > MAX_FRAME_DIM
            || h > MAX_FRAME_DIM
            || w.saturating_mul(h) > MAX_FRAME_PIXELS
        {
            return Err(SimError::FrameSize {
                width: w,
                height: h,
            });
        }
        if self.symbols.len() > MAX_SYMBOLS {
            return Err(SimError::TooMany {
                what: "symbols",
                count: self.symbols.len(),
                max: MAX_SYMBOLS,
            });
        }
        if self.clutter > MAX_CLUTTER {
            return Err(SimError::TooMany {
                what: "clutter",
                count: self.clutter,
                max: MAX_CLUTTER,
            });
        }
        check_range("texture", self.texture, 0.0, 255.0)?;
        check_range("blur", self.blur, 0.0, MAX_BLUR_PX)?;
        check_range("motion_blur.0", self.motion_blur.0, 0.0, MAX_BLUR_PX)?;
        check_range("motion_blur.1", self.motion_blur.1, -1e6, 1e6)?;
        check_range("noise", self.noise, 0.0, 255.0)?;
        check_range("light_gradient.0", self.light_gradient.0, 0.0, 1.0)?;
        check_range("light_gradient.1", self.light_gradient.1, -1e6, 1e6)?;
        check_range("vignette", self.vignette, 0.0, 1.0)?;
        check_range("contrast", self.contrast, 0.0, 10.0)?;
        check_range("gamma", self.gamma, 0.1, 10.0)?;
        if let Some(q) = self.jpeg_quality {
            check_range("jpeg_quality", q as f64, 1.0, 100.0)?;
        }
        for (i, g) in self.glare.iter().enumerate() {
            let n = |f: &str| format!("glare {i} {f}");
            check_range(&n("centre.x"), g.centre.x, -1e6, 1e6)?;
            check_range(&n("centre.y"), g.centre.y, -1e6, 1e6)?;
            check_range(&n("radius.0"), g.radius.0, 0.0, 1e5)?;
            check_range(&n("radius.1"), g.radius.1, 0.0, 1e5)?;
            check_range(&n("angle"), g.angle, -1e6, 1e6)?;
            check_range(&n("strength"), g.strength, 0.0, 1.0)?;
        }
        self.symbols
            .iter()
            .enumerate()
            .map(|(i, s)| s.check(i))
            .collect()
    }

    /// Renders the frame and its ground truth.
    pub fn render(&self) -> Result<SimFrame, SimError> {
        let homs = self.check()?;
        let (w, h) = (self.width, self.height);
        let mut rng = Rng::new(self.seed ^ 0x05EE_D0F5_CE4E);
        let mut buf = vec![self.paper as f32; w * h];
        if self.texture > 0.0 {
            let t = self.texture as f32;
            for p in buf.iter_mut() {
                *p += t * rng.gauss_fast();
            }
        }
        if self.clutter > 0 {
            let keep_out: Vec<[f64; 4]> = self
                .symbols
                .iter()
                .zip(&homs)
                .map(|(s, hm)| symbol_bbox(s, hm))
                .collect();
            clutter::draw(
                &mut buf,
                w,
                h,
                self.clutter,
                self.paper,
                &keep_out,
                &mut rng,
            );
        }
        let mut truth = Vec::with_capacity(self.symbols.len());
        for (k, (s, hm)) in self.symbols.iter().zip(&homs).enumerate() {
            let (dark, light) = if s.inverted {
                (s.light, s.dark)
            } else {
                (s.dark, s.light)
            };
            let mut grid = paint::PaddedGrid::from_matrix(&s.matrix);
            if s.ink_variation > 0.0 {
                let mut ink_rng = Rng::new(self.seed ^ (k as u64).wrapping_mul(0x9E37_79B9));
                let sd = s.ink_variation;
                grid = grid.with_levels(|_, _| {
                    (dark as f64 + sd * ink_rng.gauss()).clamp(0.0, 255.0) as f32
                });
            }
            let ink = paint::Ink {
                dark: dark as f32,
                light: Some(light as f32),
                quiet: s.quiet_zone,
                growth: s.print_growth,
                dot: s.round_dots,
            };
            paint::paint(&mut buf, w, h, &grid, hm, &ink);
            let (cols, rows) = (s.matrix.cols() as f64, s.matrix.rows() as f64);
            truth.push(TruthSymbol {
                corners: [(0.0, 0.0), (cols, 0.0), (cols, rows), (0.0, rows)]
                    .map(|(x, y)| hm.map(Point::new(x, y))),
                module_to_pixel: *hm,
                matrix: s.matrix.clone(),
                mirrored: s.mirrored,
                inverted: s.inverted ^ self.invert,
                module_px: s.module_px,
            });
        }
        effects::lighting(
            &mut buf,
            w,
            h,
            self.light_gradient.0,
            self.light_gradient.1,
            self.vignette,
        );
        for g in &self.glare {
            effects::glare(
                &mut buf, w, h, g.centre.x, g.centre.y, g.radius.0, g.radius.1, g.angle, g.strength,
            );
        }
        effects::motion_blur(&mut buf, w, h, self.motion_blur.0, self.motion_blur.1);
        effects::gaussian_blur(&mut buf, w, h, self.blur);

        // tone curve on the quantised level, then sensor noise
        let mut lut = [0f32; 256];
        for (i, l) in lut.iter_mut().enumerate() {
            let mut v = 128.0 + self.contrast * (i as f64 - 128.0);
            v = 255.0 * (v.clamp(0.0, 255.0) / 255.0).powf(self.gamma);
            if self.invert {
                v = 255.0 - v;
            }
            *l = v as f32;
        }
        let noise = self.noise as f32;
        let mut data = vec![0u8; w * h];
        // (x + 0.5) as u8 rounds (casts saturate), cheaper than f32::round
        if noise > 0.0 {
            for (d, &v) in data.iter_mut().zip(&buf) {
                let q = (v.clamp(0.0, 255.0) + 0.5) as u8;
                let o = lut[q as usize] + noise * rng.gauss_fast();
                *d = (o.clamp(0.0, 255.0) + 0.5) as u8;
            }
        } else {
            let lut8 = lut.map(|o| (o.clamp(0.0, 255.0) + 0.5) as u8);
            for (d, &v) in data.iter_mut().zip(&buf) {
                *d = lut8[(v.clamp(0.0, 255.0) + 0.5) as u8 as usize];
            }
        }
        let mut image = GrayImage {
            width: w,
            height: h,
            data,
        };
        if let Some(q) = self.jpeg_quality {
            image = jpeg_round_trip(&image, q)?;
        }
        Ok(SimFrame { image, truth })
    }
}

/// Most frames [`sequence`] makes in one call.
pub const MAX_SEQUENCE: usize = 10_000;

/// A moving-line sequence (symbols on a conveyor): frame `i` is `scene` with every
/// symbol moved by `i * velocity` pixels (wrapping around the frame horizontally and
/// vertically, so a long run keeps its symbols in view) and the noise seed advanced, so
/// sensor noise differs frame to frame. Pair with [`write_y4m`] for a fake camera.
pub fn sequence(
    scene: &Scene,
    frames: usize,
    velocity: (f64, f64),
) -> Result<Vec<SimFrame>, SimError> {
    if frames > MAX_SEQUENCE {
        return Err(SimError::TooMany {
            what: "frames",
            count: frames,
            max: MAX_SEQUENCE,
        });
    }
    check_range("velocity.0", velocity.0, -1e4, 1e4)?;
    check_range("velocity.1", velocity.1, -1e4, 1e4)?;
    let (w, h) = (scene.width as f64, scene.height as f64);
    let mut out = Vec::with_capacity(frames);
    for i in 0..frames {
        let mut s = scene.clone();
        s.seed = scene.seed.wrapping_add(i as u64);
        for sym in &mut s.symbols {
            let x = sym.centre.x + velocity.0 * i as f64;
            let y = sym.centre.y + velocity.1 * i as f64;
            sym.centre = Point::new(
                if w > 0.0 { x.rem_euclid(w) } else { x },
                if h > 0.0 { y.rem_euclid(h) } else { y },
            );
        }
        out.push(s.render()?);
    }
    Ok(out)
}

/// Pixel bounding box [x0, y0, x1, y1] of a symbol with its quiet zone.
fn symbol_bbox(s: &SimSymbol, hm: &Homography) -> [f64; 4] {
    let q = s.quiet_zone + 1.0;
    let (c, r) = (s.matrix.cols() as f64, s.matrix.rows() as f64);
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for (x, y) in [(-q, -q), (c + q, -q), (c + q, r + q), (-q, r + q)] {
        let p = hm.map(Point::new(x, y));
        b[0] = b[0].min(p.x);
        b[1] = b[1].min(p.y);
        b[2] = b[2].max(p.x);
        b[3] = b[3].max(p.y);
    }
    b
}

#[cfg(feature = "image")]
fn jpeg_round_trip(img: &GrayImage, quality: u8) -> Result<GrayImage, SimError> {
    use image::codecs::jpeg::JpegEncoder;
    use image::{ExtendedColorType, ImageEncoder};
    let mut out = Vec::new();
    let (w, h) = (img.width as u32, img.height as u32);
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(&img.data, w, h, ExtendedColorType::L8)
        .map_err(|e| SimError::Jpeg(e.to_string()))?;
    let dec = image::load_from_memory_with_format(&out, image::ImageFormat::Jpeg)
        .map_err(|e| SimError::Jpeg(e.to_string()))?
        .to_luma8();
    if dec.width() != w || dec.height() != h {
        return Err(SimError::Jpeg("decoded size differs".into()));
    }
    Ok(GrayImage {
        width: img.width,
        height: img.height,
        data: dec.into_raw(),
    })
}

#[cfg(not(feature = "image"))]
fn jpeg_round_trip(_img: &GrayImage, _quality: u8) -> Result<GrayImage, SimError> {
    Err(SimError::Jpeg(
        "jpeg simulation needs the `image` feature".into(),
    ))
}
