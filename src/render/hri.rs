//! Human-readable interpretation (HRI) printed beside a symbol: the text lines of
//! [`crate::gs1::ElementString::pharma_hri`] or [`crate::gs1::ElementString::hri`] as a
//! block to the right of (or below) the symbol and its quiet zone.
//!
//! The PNG draws the crate's own 5x7 bitmap font (plus a descender row) scaled by a
//! whole number of pixels per font dot; the SVG writes `<text>` elements with the same
//! geometry (`font-size` = 10 font dots, advance 6 dots = 0.6 em, as monospace fonts
//! have).

use super::font::{glyph, ADVANCE, CAP_H, GLYPH_H, GLYPH_W, PITCH};
use super::{fill_bits, layout, paint_1bit, png, Layout, Png, RenderError, RenderOptions};
use crate::frame::{MAX_FRAME_DIM, MAX_FRAME_PIXELS};
use crate::matrix::ModuleMatrix;

/// Most human-readable lines accepted.
pub const MAX_HRI_LINES: usize = 16;
/// Longest human-readable line accepted, in characters (Unicode scalar values).
pub const MAX_HRI_LINE_CHARS: usize = 64;

/// Where the human-readable text block goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum HriPlacement {
    /// Right of the symbol's quiet zone, first line top-aligned with the symbol.
    #[default]
    Right,
    /// Below the symbol's quiet zone, left-aligned with the symbol.
    Below,
}

/// The text block of a render, in pixels of the image (for SVG, divide by
/// [`Layout::module_px`] to get the user units of the document, i.e. modules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct HriBox {
    /// Where the block is.
    pub placement: HriPlacement,
    /// Left edge of the text area.
    pub x_px: u32,
    /// Top edge of the text area (top of the first line's capitals).
    pub y_px: u32,
    /// Width of the text area: the longest line, `chars * 6 - 1` font dots.
    pub width_px: u32,
    /// Height of the text area: `(lines - 1) * 10 + 8` font dots.
    pub height_px: u32,
    /// Pixels per font dot (the glyphs are 5 dots wide, capitals 7 high, one more row
    /// for descenders).
    pub dot_px: u32,
    /// Distance between the tops of successive lines (10 font dots).
    pub line_pitch_px: u32,
    /// Number of lines.
    pub lines: u32,
}

/// Checks the line limits and returns the longest line's length in characters.
fn check_lines(lines: &[String]) -> Result<usize, RenderError> {
    if lines.len() > MAX_HRI_LINES {
        return Err(RenderError::TooManyHriLines(lines.len()));
    }
    let mut longest = 0;
    for (i, s) in lines.iter().enumerate() {
        // no line is counted past the limit plus one (a huge string costs nothing more)
        let n = s.chars().take(MAX_HRI_LINE_CHARS + 1).count();
        if n > MAX_HRI_LINE_CHARS {
            return Err(RenderError::HriLineTooLong {
                line: i,
                chars: s.chars().count(),
            });
        }
        longest = longest.max(n);
    }
    Ok(longest)
}

/// The geometry of a render of `m` with the text block `lines`, every limit checked.
///
/// The symbol and its quiet zone stay at the top left exactly as [`layout`] places
/// them. The text block starts after the quiet zone (at least one module of space from
/// the symbol even without a quiet zone) and gets a margin of one quiet zone on its
/// far sides; the image grows to hold it.
///
/// Text size, unless [`RenderOptions::hri_dot_px`] fixes it: a line pitch (10 font
/// dots) of at most the symbol height over the number of lines, so the block about
/// matches the symbol height, but never a cap height (7 dots) below 7 pixels or below
/// 2 modules.
///
/// With no lines the result is [`layout`]'s (no block, [`Layout::hri`] `None`).
pub fn layout_with_hri(
    m: &ModuleMatrix,
    opts: &RenderOptions,
    lines: &[String],
) -> Result<Layout, RenderError> {
    let mut l = layout(m, opts)?;
    if opts.hri_dot_px == Some(0) {
        return Err(RenderError::ZeroHriDot);
    }
    let longest = check_lines(lines)? as u64;
    if lines.is_empty() {
        return Ok(l);
    }
    let n = lines.len() as u64;
    let mp = l.module_px as u64;
    let q_px = l.quiet_zone as u64 * mp;
    let (sym_w, sym_h) = (l.width_px as u64, l.height_px as u64);
    let dot = match opts.hri_dot_px {
        Some(d) => d as u64,
        None => {
            let fit = m.rows() as u64 * mp / (n * PITCH as u64);
            let min = (2 * mp).div_ceil(CAP_H as u64).max(1);
            fit.max(min)
        }
    };
    let text_w = (longest * ADVANCE as u64).saturating_sub(1) * dot;
    let text_h = ((n - 1) * PITCH as u64 + GLYPH_H as u64) * dot;
    // at least one module of light space between the symbol and the text
    let gap = mp.saturating_sub(q_px);
    let (x, y, w, h) = match opts.hri_placement {
        HriPlacement::Right => {
            let x = sym_w + gap;
            (x, q_px, x + text_w + q_px, sym_h.max(q_px + text_h + q_px))
        }
        HriPlacement::Below => {
            let y = sym_h + gap;
            (q_px, y, sym_w.max(q_px + text_w + q_px), y + text_h + q_px)
        }
    };
    if w > MAX_FRAME_DIM as u64 || h > MAX_FRAME_DIM as u64 || w * h > MAX_FRAME_PIXELS as u64 {
        return Err(RenderError::TooLarge {
            width: w,
            height: h,
        });
    }
    // every value is below MAX_FRAME_DIM now
    l.width_px = w as u32;
    l.height_px = h as u32;
    l.hri = Some(HriBox {
        placement: opts.hri_placement,
        x_px: x as u32,
        y_px: y as u32,
        width_px: text_w as u32,
        height_px: text_h as u32,
        dot_px: dot as u32,
        line_pitch_px: (PITCH as u64 * dot) as u32,
        lines: n as u32,
    });
    Ok(l)
}

/// Renders `m` as a 1-bit PNG (like [`super::to_png`]) with the human-readable `lines`
/// beside it (see [`layout_with_hri`] for the geometry). The symbol's pixels are exactly
/// those of [`super::to_png`]; the text uses the crate's bitmap font, with characters
/// outside printable ASCII drawn as `?`. With [`RenderOptions::invert`] the whole label
/// is inverted (light text on a dark ground).
///
/// ```
/// use ecc200::render::{to_png_with_hri, RenderOptions};
/// use ecc200::ModuleMatrix;
/// let m = ModuleMatrix::new(10, 10);
/// let lines = ["PC: 09506000134352".to_string(), "SN: SN0000000001".to_string()];
/// let png = to_png_with_hri(&m, &RenderOptions::default().module_px(4), &lines).unwrap();
/// let b = png.layout.hri.unwrap();
/// assert!(b.x_px >= 12 * 4); // after the symbol and its quiet zone
/// assert_eq!(png.layout.width_px, b.x_px + b.width_px + 4);
/// ```
pub fn to_png_with_hri(
    m: &ModuleMatrix,
    opts: &RenderOptions,
    lines: &[String],
) -> Result<Png, RenderError> {
    let l = layout_with_hri(m, opts, lines)?;
    let packed = paint_1bit(m, &l, opts.invert, lines);
    let bytes = png::encode(&packed, l.width_px, l.height_px, 1, l.dpi);
    Ok(Png { bytes, layout: l })
}

/// Draws the text of `b` into a packed 1-bit image with `row_bytes` bytes a row; `ink`
/// is the bit value of text pixels. `b` comes from [`layout_with_hri`] for these
/// `lines`, so every glyph lies inside the image.
pub(crate) fn draw_1bit(
    packed: &mut [u8],
    row_bytes: usize,
    b: &HriBox,
    lines: &[String],
    ink: bool,
) {
    let dot = b.dot_px as usize;
    let (x0, y0) = (b.x_px as usize, b.y_px as usize);
    let advance = ADVANCE as usize * dot;
    let rows = packed
        .chunks_mut(row_bytes)
        .skip(y0)
        .take(b.height_px as usize);
    for (dy, line) in rows.enumerate() {
        let (li, within) = (dy / (PITCH as usize * dot), dy % (PITCH as usize * dot));
        let gr = within / dot;
        let Some(text) = lines.get(li) else {
            break;
        };
        if gr >= GLYPH_H as usize {
            continue;
        }
        for (k, c) in text.chars().enumerate() {
            let bits = glyph(c)[gr];
            let gx = x0 + k * advance;
            let mut gc = 0;
            while gc < GLYPH_W as usize {
                if bits & (0x10 >> gc) == 0 {
                    gc += 1;
                    continue;
                }
                // one run of adjacent dots
                let start = gc;
                while gc < GLYPH_W as usize && bits & (0x10 >> gc) != 0 {
                    gc += 1;
                }
                fill_bits(line, gx + start * dot, (gc - start) * dot, ink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn geometry_right_and_below() {
        let m = ModuleMatrix::new(24, 24);
        let o = RenderOptions::default().module_px(10);
        let lines = s(&["PC: 09506000134352", "SN: 1", "Batch: A", "Exp: 261231"]);
        let l = layout_with_hri(&m, &o, &lines).unwrap();
        let b = l.hri.unwrap();
        // 240 px symbol over 4 lines of 10 dots: 6 px a dot
        assert_eq!((b.dot_px, b.line_pitch_px), (6, 60));
        assert_eq!((b.x_px, b.y_px), (260, 10));
        assert_eq!(b.width_px, (18 * 6 - 1) * 6);
        assert_eq!(b.height_px, 38 * 6);
        assert!(b.y_px + b.height_px <= 10 + 240);
        assert_eq!((l.width_px, l.height_px), (260 + b.width_px + 10, 260));
        let l = layout_with_hri(&m, &o.clone().hri_placement(HriPlacement::Below), &lines).unwrap();
        let b = l.hri.unwrap();
        assert_eq!((b.x_px, b.y_px), (10, 260));
        assert_eq!(l.height_px, 260 + b.height_px + 10);
        assert_eq!(l.width_px, (20 + b.width_px).max(260));
        // minimum: cap height at least 2 modules (7 dots >= 20 px -> 3 px a dot)
        let small = ModuleMatrix::new(10, 10);
        let b = layout_with_hri(&small, &o, &lines).unwrap().hri.unwrap();
        assert_eq!(b.dot_px, 3);
        // and at least 7 px at one pixel a module
        let l = layout_with_hri(&small, &o.clone().module_px(1), &lines).unwrap();
        assert_eq!(l.hri.unwrap().dot_px, 1);
        assert!(l.height_px > 38);
        // no quiet zone: still a module of space
        let l = layout_with_hri(&small, &o.clone().quiet_zone(0), &lines).unwrap();
        assert_eq!(l.hri.unwrap().x_px, 110);
        // fixed size
        let b = layout_with_hri(&small, &o.clone().hri_dot_px(2), &lines)
            .unwrap()
            .hri
            .unwrap();
        assert_eq!(b.dot_px, 2);
        // no lines: the plain layout
        assert_eq!(
            layout_with_hri(&small, &o, &[]).unwrap(),
            layout(&small, &o).unwrap()
        );
    }

    #[test]
    fn limits() {
        let m = ModuleMatrix::new(10, 10);
        let o = RenderOptions::default();
        let many = vec!["x".to_string(); 17];
        assert_eq!(
            layout_with_hri(&m, &o, &many),
            Err(RenderError::TooManyHriLines(17))
        );
        assert!(layout_with_hri(&m, &o, &many[..16]).is_ok());
        let long = vec!["a".to_string(), "é".repeat(65)];
        assert_eq!(
            layout_with_hri(&m, &o, &long),
            Err(RenderError::HriLineTooLong { line: 1, chars: 65 })
        );
        assert!(layout_with_hri(&m, &o, &["é".repeat(64)]).is_ok());
        assert_eq!(
            layout_with_hri(&m, &o.clone().hri_dot_px(0), &long[..1]),
            Err(RenderError::ZeroHriDot)
        );
        assert!(matches!(
            layout_with_hri(&m, &o.clone().hri_dot_px(u32::MAX), &["x".repeat(64)]),
            Err(RenderError::TooLarge { .. })
        ));
        let e = RenderError::HriLineTooLong { line: 1, chars: 65 }.to_string();
        assert!(e.contains("64") && e.contains("65"), "{e}");
        assert!(RenderError::TooManyHriLines(17).to_string().contains("16"));
    }

    #[test]
    fn glyph_bits_land_where_the_font_says() {
        let m = ModuleMatrix::new(10, 10);
        let o = RenderOptions::default().module_px(2).hri_dot_px(3);
        let lines = s(&["Hg", "", "~é"]);
        let l = layout_with_hri(&m, &o, &lines).unwrap();
        let b = l.hri.unwrap();
        let packed = paint_1bit(&m, &l, false, &lines);
        let row_bytes = (l.width_px as usize).div_ceil(8);
        let px = |x: usize, y: usize| packed[y * row_bytes + x / 8] & (0x80 >> (x % 8)) == 0;
        for y in 0..l.height_px as usize {
            for x in 0..l.width_px as usize {
                let want = if x < 28 && y < 28 {
                    continue; // the symbol, checked elsewhere
                } else if x < b.x_px as usize || y < b.y_px as usize {
                    false
                } else {
                    let (dx, dy) = (x - b.x_px as usize, y - b.y_px as usize);
                    let (li, gr) = (dy / 30, dy % 30 / 3);
                    let (k, gc) = (dx / 18, dx % 18 / 3);
                    let c = lines.get(li).and_then(|t| t.chars().nth(k)).unwrap_or(' ');
                    gr < 8 && gc < 5 && glyph(c)[gr] & (0x10 >> gc) != 0
                };
                assert_eq!(px(x, y), want, "({x},{y})");
            }
        }
    }
}
