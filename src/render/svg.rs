//! SVG: one `<path>` of merged horizontal runs in module units, sized in millimetres
//! (with an X-dimension) or pixels.

use super::font::{ADVANCE, CAP_H, PITCH};
use super::{inked, layout, layout_with_hri, Layout, RenderError, RenderOptions};
use crate::matrix::ModuleMatrix;
use std::fmt::Write;

fn check_color(c: &str) -> Result<&str, RenderError> {
    let hex = c.strip_prefix('#').is_some_and(|h| {
        (h.len() == 3 || h.len() == 6) && h.bytes().all(|b| b.is_ascii_hexdigit())
    });
    let name = !c.is_empty() && c.len() <= 32 && c.bytes().all(|b| b.is_ascii_alphabetic());
    if hex || name {
        Ok(c)
    } else {
        Err(RenderError::BadColor(c.chars().take(40).collect()))
    }
}

/// A rendered SVG document.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Svg {
    /// The document text.
    pub text: String,
    /// Its geometry (with the X-dimension achieved, when one was asked for).
    pub layout: Layout,
}

/// Renders `m` as an SVG document: a background rectangle (unless the light colour is
/// `None`) and one path whose subpaths are the horizontal runs of marks, each
/// `M x y h w v 1 h -w z` in module units (viewBox in modules, quiet zone included).
/// `width`/`height` are in millimetres when an X-dimension is set (the achieved one,
/// see [`super::Layout::x_dim_mm`]), else in pixels at `module_px`.
pub fn to_svg(m: &ModuleMatrix, opts: &RenderOptions) -> Result<Svg, RenderError> {
    let l = layout(m, opts)?;
    write_svg(m, opts, l, &[])
}

/// Renders `m` as an SVG document (like [`to_svg`]) with the human-readable `lines`
/// beside it, at the geometry of [`super::layout_with_hri`]: one `<text>` element a
/// line, `font-family="OCR-B, monospace"`, `font-size` 10 font dots, `textLength` the
/// line's advance (6 dots a character), positions in the document's user units
/// (modules; millimetres through `width`/`height` when an X-dimension is set).
///
/// Text is escaped (`&`, `<`, `>`, quotes); control characters, which XML cannot
/// carry, become `?`; other non-ASCII characters are kept for the font to draw. With
/// [`RenderOptions::invert`] the area around the text is filled with the dark colour
/// and the text takes the light colour (white when that is `None`).
pub fn to_svg_with_hri(
    m: &ModuleMatrix,
    opts: &RenderOptions,
    lines: &[String],
) -> Result<Svg, RenderError> {
    let l = layout_with_hri(m, opts, lines)?;
    write_svg(m, opts, l, lines)
}

fn write_svg(
    m: &ModuleMatrix,
    opts: &RenderOptions,
    l: Layout,
    lines: &[String],
) -> Result<Svg, RenderError> {
    let dark = check_color(&opts.dark_color)?;
    let light = opts.light_color.as_deref().map(check_color).transpose()?;
    let (wm, hm) = (l.width_modules, l.height_modules);
    // document size in modules (fractional when a text block widens it)
    let mp = l.module_px as f64;
    let (vw, vh) = (
        fmt_num(l.width_px as f64 / mp),
        fmt_num(l.height_px as f64 / mp),
    );
    let (w, h) = match l.x_dim_mm {
        Some(x) => (
            format!("{}mm", fmt_num(l.width_px as f64 / mp * x)),
            format!("{}mm", fmt_num(l.height_px as f64 / mp * x)),
        ),
        None => (l.width_px.to_string(), l.height_px.to_string()),
    };
    let text_len: usize = lines.iter().map(|t| t.len() * 6 + 200).sum();
    let mut s = String::with_capacity(256 + (m.rows() * m.cols()) * 4 + text_len);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {vw} {vh}\" shape-rendering=\"crispEdges\">"
    );
    if let Some(light) = light {
        let _ = write!(s, "<rect width=\"{vw}\" height=\"{vh}\" fill=\"{light}\"/>");
    }
    if opts.invert && l.hri.is_some() {
        // the ground beyond the symbol is dark, like the quiet zone
        let (wf, hf) = (l.width_px as f64 / mp, l.height_px as f64 / mp);
        if wf > wm as f64 {
            let rw = fmt_num(wf - wm as f64);
            let _ = write!(
                s,
                "<rect x=\"{wm}\" width=\"{rw}\" height=\"{vh}\" fill=\"{dark}\"/>"
            );
        }
        if hf > hm as f64 {
            let rh = fmt_num(hf - hm as f64);
            let _ = write!(
                s,
                "<rect y=\"{hm}\" width=\"{wm}\" height=\"{rh}\" fill=\"{dark}\"/>"
            );
        }
    }
    let _ = write!(s, "<path fill=\"{dark}\" d=\"");
    for r in 0..hm {
        let mut c = 0;
        while c < wm {
            if inked(m, l.quiet_zone, opts.invert, r, c) {
                let start = c;
                while c < wm && inked(m, l.quiet_zone, opts.invert, r, c) {
                    c += 1;
                }
                let n = c - start;
                let _ = write!(s, "M{start} {r}h{n}v1h-{n}z");
            } else {
                c += 1;
            }
        }
    }
    s.push_str("\"/>");
    if let Some(b) = l.hri {
        let fill = if opts.invert {
            light.unwrap_or("#fff")
        } else {
            dark
        };
        let dot = b.dot_px as f64 / mp;
        let x = fmt_num(b.x_px as f64 / mp);
        let size = fmt_num(PITCH as f64 * dot);
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let base =
                (b.y_px as f64 + (i as u32 * b.line_pitch_px) as f64) / mp + CAP_H as f64 * dot;
            let len = fmt_num((line.chars().count() as u32 * ADVANCE) as f64 * dot);
            let _ = write!(
                s,
                "<text x=\"{x}\" y=\"{}\" font-family=\"OCR-B, monospace\" font-size=\"{size}\" textLength=\"{len}\" lengthAdjust=\"spacing\" xml:space=\"preserve\" fill=\"{fill}\">",
                fmt_num(base)
            );
            push_escaped(&mut s, line);
            s.push_str("</text>");
        }
    }
    s.push_str("</svg>\n");
    Ok(Svg { text: s, layout: l })
}

/// Appends `text` as XML character data: markup characters as entities, characters XML
/// cannot carry (controls, U+FFFE, U+FFFF) as `?`.
fn push_escaped(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => s.push('?'),
            c => s.push(c),
        }
    }
}

/// A number with at most 4 decimals and no trailing zeros.
fn fmt_num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_sizes() {
        let m = ModuleMatrix::from_strings(&["110", "011"]).unwrap();
        let s = to_svg(&m, &RenderOptions::default().quiet_zone(0))
            .unwrap()
            .text;
        assert!(s.contains("d=\"M0 0h2v1h-2zM1 1h2v1h-2z\""), "{s}");
        assert!(
            s.contains("width=\"30\" height=\"20\" viewBox=\"0 0 3 2\""),
            "{s}"
        );
        let s = to_svg(&m, &RenderOptions::default().x_dim(0.5, 600))
            .unwrap()
            .text;
        // 0.5 mm at 600 dpi = 11.81 dots -> 12 dots = 0.508 mm; 5 modules wide
        assert!(s.contains("width=\"2.54mm\" height=\"2.032mm\""), "{s}");
        assert!(s.contains("M1 1h2v1h-2z"), "{s}");
        let inv = to_svg(&m, &RenderOptions::default().invert(true))
            .unwrap()
            .text;
        assert!(
            inv.contains("d=\"M0 0h5v1h-5zM0 1h1v1h-1zM3 1h2v1h-2z"),
            "{inv}"
        );
        assert!(matches!(
            to_svg(&m, &RenderOptions::default().colors("#12\"/>", None)),
            Err(RenderError::BadColor(_))
        ));
        let t = to_svg(&m, &RenderOptions::default().colors("navy", None))
            .unwrap()
            .text;
        assert!(t.contains("fill=\"navy\"") && !t.contains("<rect"));
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        push_escaped(&mut s, "a<b>&\"'\u{0}\n\u{FFFF}é");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;&apos;???é");
    }
}
