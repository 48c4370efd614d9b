//! Rendering a [`ModuleMatrix`] for print and screen: PNG (own encoder, no dependency),
//! SVG (one path, exact geometry), terminal text, grey images and RGBA buffers.
//!
//! Size is set either in pixels per module ([`RenderOptions::module_px`]) or as a
//! physical X-dimension at a printer resolution ([`RenderOptions::x_dim`]): a module must
//! be a whole number of printer dots, so the X-dimension is rounded to the nearest
//! achievable value (at least one dot) and reported in [`Layout::x_dim_mm`].
//!
//! [`to_png_with_hri`] and [`to_svg_with_hri`] add the human-readable text block (e.g.
//! the lines of [`crate::gs1::ElementString::pharma_hri`]) to the right of or below
//! the symbol, without touching the symbol's pixels.
//!
//! ```
//! use ecc200::render::{to_png, RenderOptions};
//! use ecc200::ModuleMatrix;
//! let m = ModuleMatrix::from_strings(&["10", "11"]).unwrap();
//! let png = to_png(&m, &RenderOptions::default().x_dim(0.5, 300)).unwrap();
//! // 0.5 mm at 300 dpi is 5.9 dots: 6 dots, 0.508 mm achieved
//! assert_eq!(png.layout.module_px, 6);
//! assert!((png.layout.x_dim_mm.unwrap() - 0.508).abs() < 1e-9);
//! assert_eq!(&png.bytes[1..4], b"PNG");
//! ```

mod font;
mod hri;
mod png;
mod svg;
mod text;

pub use hri::{
    layout_with_hri, to_png_with_hri, HriBox, HriPlacement, MAX_HRI_LINES, MAX_HRI_LINE_CHARS,
};
pub use svg::{to_svg, to_svg_with_hri, Svg};
pub use text::{to_ascii, to_text};

use crate::frame::{GrayImage, MAX_FRAME_DIM, MAX_FRAME_PIXELS};
use crate::matrix::ModuleMatrix;
use std::fmt;

/// Widest quiet zone accepted, in modules.
pub const MAX_QUIET_ZONE: u32 = 100;

/// Why a matrix could not be rendered.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum RenderError {
    /// The matrix has no modules.
    EmptyMatrix,
    /// `module_px` is zero.
    ZeroModuleSize,
    /// The X-dimension is not a positive finite number of millimetres (or is above
    /// 100 mm).
    BadXDim(f64),
    /// The printer resolution is zero or above 100 000 dpi.
    BadDpi(u32),
    /// The quiet zone is wider than [`MAX_QUIET_ZONE`].
    QuietZoneTooWide(u32),
    /// The output would exceed the frame limits of [`crate::frame`].
    TooLarge {
        /// Width that would result, pixels.
        width: u64,
        /// Height that would result, pixels.
        height: u64,
    },
    /// A colour is not `#rgb`, `#rrggbb` or a plain CSS name of letters.
    BadColor(String),
    /// More human-readable lines than [`MAX_HRI_LINES`].
    TooManyHriLines(usize),
    /// A human-readable line longer than [`MAX_HRI_LINE_CHARS`] characters.
    HriLineTooLong {
        /// Index of the line, from 0.
        line: usize,
        /// Its length in characters (Unicode scalar values).
        chars: usize,
    },
    /// [`RenderOptions::hri_dot_px`] is zero.
    ZeroHriDot,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::EmptyMatrix => write!(f, "matrix has no modules"),
            RenderError::ZeroModuleSize => write!(f, "module size is zero pixels"),
            RenderError::BadXDim(x) => {
                write!(f, "x-dimension {x} mm is not in (0, 100]")
            }
            RenderError::BadDpi(d) => write!(f, "resolution {d} dpi is not in 1..=100000"),
            RenderError::QuietZoneTooWide(q) => write!(
                f,
                "quiet zone of {q} modules exceeds {MAX_QUIET_ZONE}"
            ),
            RenderError::TooLarge { width, height } => write!(
                f,
                "output {width}x{height} exceeds the limit ({MAX_FRAME_DIM} pixels a side, {MAX_FRAME_PIXELS} pixels in all)"
            ),
            RenderError::BadColor(c) => write!(f, "colour {c:?} is not #rgb, #rrggbb or a name"),
            RenderError::TooManyHriLines(n) => write!(
                f,
                "{n} human-readable lines exceed the limit of {MAX_HRI_LINES}"
            ),
            RenderError::HriLineTooLong { line, chars } => write!(
                f,
                "human-readable line {line} has {chars} characters, the limit is {MAX_HRI_LINE_CHARS}"
            ),
            RenderError::ZeroHriDot => write!(f, "human-readable font dot size is zero pixels"),
        }
    }
}

impl std::error::Error for RenderError {}

/// How to render. Build with `RenderOptions::default()` and the chained setters.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Pixels per module when no X-dimension is set. Default 10.
    pub module_px: u32,
    /// Physical module size in millimetres; when set, the module is
    /// `round(x_dim_mm * dpi / 25.4)` (at least 1) dots and `module_px` is ignored.
    /// Default `None`.
    pub x_dim_mm: Option<f64>,
    /// Printer resolution in dots per inch, used with `x_dim_mm` (and written to PNG
    /// pHYs). Default 300.
    pub dpi: u32,
    /// Light margin on every side, in modules (ISO/IEC 16022: at least 1). Default 1.
    pub quiet_zone: u32,
    /// Light modules on a dark ground (the quiet zone becomes dark too). Default `false`.
    pub invert: bool,
    /// SVG colour of dark marks (`#rgb`, `#rrggbb` or a CSS name). Default `"#000"`.
    pub dark_color: String,
    /// SVG background colour, or `None` for a transparent background. Default `"#fff"`.
    pub light_color: Option<String>,
    /// Where [`to_png_with_hri`] and [`to_svg_with_hri`] put the text block. Default
    /// [`HriPlacement::Right`].
    pub hri_placement: HriPlacement,
    /// Pixels (printer dots) per dot of the 5x7 HRI font, or `None` to size the text
    /// automatically (the block about as high as the symbol, cap height at least 7 pixels
    /// and 2 modules; see [`layout_with_hri`]). Default `None`.
    pub hri_dot_px: Option<u32>,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            module_px: 10,
            x_dim_mm: None,
            dpi: 300,
            quiet_zone: 1,
            invert: false,
            dark_color: "#000".to_string(),
            light_color: Some("#fff".to_string()),
            hri_placement: HriPlacement::Right,
            hri_dot_px: None,
        }
    }
}

impl RenderOptions {
    /// Sets [`RenderOptions::module_px`] and clears any X-dimension.
    pub fn module_px(mut self, px: u32) -> Self {
        self.module_px = px;
        self.x_dim_mm = None;
        self
    }
    /// Sets the X-dimension (mm) and the printer resolution (dpi).
    pub fn x_dim(mut self, mm: f64, dpi: u32) -> Self {
        self.x_dim_mm = Some(mm);
        self.dpi = dpi;
        self
    }
    /// Sets [`RenderOptions::quiet_zone`] (modules).
    pub fn quiet_zone(mut self, modules: u32) -> Self {
        self.quiet_zone = modules;
        self
    }
    /// Sets [`RenderOptions::invert`].
    pub fn invert(mut self, yes: bool) -> Self {
        self.invert = yes;
        self
    }
    /// Sets the SVG colours (dark marks, background or `None` for transparent).
    pub fn colors(mut self, dark: &str, light: Option<&str>) -> Self {
        self.dark_color = dark.to_string();
        self.light_color = light.map(str::to_string);
        self
    }
    /// Sets [`RenderOptions::hri_placement`].
    pub fn hri_placement(mut self, placement: HriPlacement) -> Self {
        self.hri_placement = placement;
        self
    }
    /// Sets [`RenderOptions::hri_dot_px`] to a fixed size (pixels per font dot).
    pub fn hri_dot_px(mut self, px: u32) -> Self {
        self.hri_dot_px = Some(px);
        self
    }
}

/// The geometry a render produced.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Layout {
    /// Pixels (printer dots) per module.
    pub module_px: u32,
    /// Quiet zone, modules.
    pub quiet_zone: u32,
    /// Width in modules, quiet zone included.
    pub width_modules: u32,
    /// Height in modules, quiet zone included.
    pub height_modules: u32,
    /// Width of the whole image in pixels: the symbol with its quiet zone
    /// (`width_modules * module_px`, at the left) plus any HRI block.
    pub width_px: u32,
    /// Height of the whole image in pixels: the symbol with its quiet zone
    /// (`height_modules * module_px`, at the top) plus any HRI block.
    pub height_px: u32,
    /// The X-dimension achieved (mm), when an X-dimension was asked for.
    pub x_dim_mm: Option<f64>,
    /// The resolution, when an X-dimension was asked for.
    pub dpi: Option<u32>,
    /// The human-readable text block, when one is drawn ([`to_png_with_hri`],
    /// [`to_svg_with_hri`] with at least one line); `None` otherwise.
    pub hri: Option<HriBox>,
}

/// Works out the geometry of a render of `m` with `opts`, checking every limit.
pub fn layout(m: &ModuleMatrix, opts: &RenderOptions) -> Result<Layout, RenderError> {
    if m.rows() == 0 || m.cols() == 0 {
        return Err(RenderError::EmptyMatrix);
    }
    if opts.quiet_zone > MAX_QUIET_ZONE {
        return Err(RenderError::QuietZoneTooWide(opts.quiet_zone));
    }
    let (module_px, x_dim_mm, dpi) = match opts.x_dim_mm {
        Some(x) => {
            if !(x.is_finite() && x > 0.0 && x <= 100.0) {
                return Err(RenderError::BadXDim(x));
            }
            if opts.dpi == 0 || opts.dpi > 100_000 {
                return Err(RenderError::BadDpi(opts.dpi));
            }
            let dots = (x * opts.dpi as f64 / 25.4).round().max(1.0) as u32;
            (
                dots,
                Some(dots as f64 * 25.4 / opts.dpi as f64),
                Some(opts.dpi),
            )
        }
        None => {
            if opts.module_px == 0 {
                return Err(RenderError::ZeroModuleSize);
            }
            (opts.module_px, None, None)
        }
    };
    let q = opts.quiet_zone as u64;
    let wm = m.cols() as u64 + 2 * q;
    let hm = m.rows() as u64 + 2 * q;
    let (w, h) = (wm * module_px as u64, hm * module_px as u64);
    if w > MAX_FRAME_DIM as u64 || h > MAX_FRAME_DIM as u64 || w * h > MAX_FRAME_PIXELS as u64 {
        return Err(RenderError::TooLarge {
            width: w,
            height: h,
        });
    }
    Ok(Layout {
        module_px,
        quiet_zone: opts.quiet_zone,
        width_modules: wm as u32,
        height_modules: hm as u32,
        width_px: w as u32,
        height_px: h as u32,
        x_dim_mm,
        dpi,
        hri: None,
    })
}

/// Whether the module at (row, col) of the quiet-zone-padded grid is inked (drawn dark).
#[inline]
pub(crate) fn inked(m: &ModuleMatrix, q: u32, invert: bool, row: u32, col: u32) -> bool {
    let (q, r, c) = (q as usize, row as usize, col as usize);
    let dark = r >= q && c >= q && m.get(r - q, c - q);
    dark != invert
}

/// Inked flags of one padded module row into `out` (length `width_modules`).
fn ink_row(m: &ModuleMatrix, l: &Layout, invert: bool, row: u32, out: &mut [bool]) {
    for (c, o) in out.iter_mut().enumerate() {
        *o = inked(m, l.quiet_zone, invert, row, c as u32);
    }
}

/// A rendered PNG.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Png {
    /// The file bytes.
    pub bytes: Vec<u8>,
    /// Its geometry.
    pub layout: Layout,
}

/// Renders `m` as a 1-bit greyscale PNG (black marks on white, or the reverse with
/// [`RenderOptions::invert`]). With an X-dimension the resolution goes into a pHYs chunk
/// so print software keeps the size.
pub fn to_png(m: &ModuleMatrix, opts: &RenderOptions) -> Result<Png, RenderError> {
    let l = layout(m, opts)?;
    let packed = paint_1bit(m, &l, opts.invert, &[]);
    let bytes = png::encode(&packed, l.width_px, l.height_px, 1, l.dpi);
    Ok(Png { bytes, layout: l })
}

/// Paints the 1-bit image of `l` (MSB first, 1 = white, rows padded to whole bytes with
/// 0): the symbol with its quiet zone at the top left, the ground elsewhere, and the
/// text of `l.hri` (when set) from `lines`, which [`layout_with_hri`] has checked.
pub(crate) fn paint_1bit(m: &ModuleMatrix, l: &Layout, invert: bool, lines: &[String]) -> Vec<u8> {
    let (w, h) = (l.width_px as usize, l.height_px as usize);
    let row_bytes = w.div_ceil(8);
    let mp = l.module_px as usize;
    let (sym_w, sym_h) = (
        l.width_modules as usize * mp,
        l.height_modules as usize * mp,
    );
    // outside the symbol: white ground, or dark when inverted (like the quiet zone)
    let ground = !invert;
    let mut packed = vec![0u8; row_bytes * h];
    let mut flags = vec![false; l.width_modules as usize];
    for mr in 0..l.height_modules {
        ink_row(m, l, invert, mr, &mut flags);
        let first = mr as usize * mp * row_bytes;
        let line = &mut packed[first..first + row_bytes];
        for (mc, &ink) in flags.iter().enumerate() {
            if !ink {
                // white = 1 bits over [mc*mp, (mc+1)*mp)
                fill_bits(line, mc * mp, mp, true);
            }
        }
        if ground && w > sym_w {
            fill_bits(line, sym_w, w - sym_w, true);
        }
        let (head, tail) = packed.split_at_mut(first + row_bytes);
        let src = &head[first..];
        for k in 1..mp {
            tail[(k - 1) * row_bytes..k * row_bytes].copy_from_slice(src);
        }
    }
    if ground {
        for line in packed.chunks_mut(row_bytes).skip(sym_h) {
            fill_bits(line, 0, w, true);
        }
    }
    if let Some(b) = l.hri {
        hri::draw_1bit(&mut packed, row_bytes, &b, lines, !ground);
    }
    packed
}

/// Encodes any grey image as an 8-bit greyscale PNG (rows that repeat the row above
/// are compressed; other rows are stored), e.g. to save simulated frames without the
/// `image` crate.
pub fn gray_png(img: &GrayImage) -> Result<Vec<u8>, RenderError> {
    let (w, h) = (img.width, img.height);
    if w == 0 || h == 0 {
        return Err(RenderError::EmptyMatrix);
    }
    if w > MAX_FRAME_DIM || h > MAX_FRAME_DIM || w * h > MAX_FRAME_PIXELS || img.data.len() != w * h
    {
        return Err(RenderError::TooLarge {
            width: w as u64,
            height: h as u64,
        });
    }
    Ok(png::encode(&img.data, w as u32, h as u32, 8, None))
}

/// Sets (`on`) or clears `n` bits from bit `start` (MSB-first packing). The range must
/// lie inside `line`.
pub(crate) fn fill_bits(line: &mut [u8], start: usize, n: usize, on: bool) {
    let mut b = start;
    let end = start + n;
    let put = |line: &mut [u8], b: usize| {
        if on {
            line[b / 8] |= 0x80 >> (b % 8);
        } else {
            line[b / 8] &= !(0x80 >> (b % 8));
        }
    };
    while b < end && !b.is_multiple_of(8) {
        put(line, b);
        b += 1;
    }
    let full = if on { 0xFF } else { 0 };
    while b + 8 <= end {
        line[b / 8] = full;
        b += 8;
    }
    while b < end {
        put(line, b);
        b += 1;
    }
}

/// Renders `m` as a grey image: 0 for marks, 255 for the ground.
pub fn to_gray(m: &ModuleMatrix, opts: &RenderOptions) -> Result<GrayImage, RenderError> {
    let l = layout(m, opts)?;
    let (w, mp) = (l.width_px as usize, l.module_px as usize);
    let mut img = GrayImage::new(w, l.height_px as usize, 255);
    let mut flags = vec![false; l.width_modules as usize];
    for mr in 0..l.height_modules as usize {
        ink_row(m, &l, opts.invert, mr as u32, &mut flags);
        let first = mr * mp * w;
        for (mc, &ink) in flags.iter().enumerate() {
            if ink {
                img.data[first + mc * mp..first + (mc + 1) * mp].fill(0);
            }
        }
        let (head, tail) = img.data.split_at_mut(first + w);
        let src = &head[first..];
        for k in 1..mp {
            tail[(k - 1) * w..k * w].copy_from_slice(src);
        }
    }
    Ok(img)
}

/// Renders `m` as RGBA bytes (opaque black on white, 4 bytes a pixel, row-major) at
/// `scale` pixels per module with a one-module quiet zone, for a browser canvas: the
/// image is `(cols + 2) * scale` wide and `(rows + 2) * scale` high.
pub fn to_rgba(m: &ModuleMatrix, scale: u32) -> Result<Vec<u8>, RenderError> {
    let img = to_gray(m, &RenderOptions::default().module_px(scale).quiet_zone(1))?;
    let mut out = Vec::with_capacity(img.data.len() * 4);
    for &v in &img.data {
        out.extend_from_slice(&[v, v, v, 255]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_rounds_x_dim_to_whole_dots() {
        let m = ModuleMatrix::new(10, 10);
        let l = layout(&m, &RenderOptions::default().x_dim(0.254, 600)).unwrap();
        assert_eq!((l.module_px, l.width_px, l.dpi), (6, 72, Some(600)));
        assert!((l.x_dim_mm.unwrap() - 0.254).abs() < 1e-12);
        // tiny X-dimension: never below one dot
        let l = layout(&m, &RenderOptions::default().x_dim(0.01, 300)).unwrap();
        assert_eq!(l.module_px, 1);
        assert!((l.x_dim_mm.unwrap() - 25.4 / 300.0).abs() < 1e-12);
        assert!(matches!(
            layout(&m, &RenderOptions::default().x_dim(f64::NAN, 300)),
            Err(RenderError::BadXDim(x)) if x.is_nan()
        ));
        assert!(matches!(
            layout(&m, &RenderOptions::default().x_dim(0.3, 0)),
            Err(RenderError::BadDpi(0))
        ));
        assert!(matches!(
            layout(&m, &RenderOptions::default().module_px(0)),
            Err(RenderError::ZeroModuleSize)
        ));
        assert!(matches!(
            layout(&m, &RenderOptions::default().module_px(5000)),
            Err(RenderError::TooLarge { .. })
        ));
        assert!(matches!(
            layout(&ModuleMatrix::new(0, 3), &RenderOptions::default()),
            Err(RenderError::EmptyMatrix)
        ));
    }

    #[test]
    fn bits_fill() {
        let mut l = [0u8; 3];
        fill_bits(&mut l, 3, 14, true);
        assert_eq!(l, [0b0001_1111, 0xFF, 0b1000_0000]);
        fill_bits(&mut l, 1, 4, false);
        assert_eq!(l, [0b0000_0111, 0xFF, 0b1000_0000]);
        fill_bits(&mut l, 6, 11, false);
        assert_eq!(l, [0b0000_0100, 0, 0]);
    }
}
