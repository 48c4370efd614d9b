//! SVG: one `<path>` of merged horizontal runs in module units, sized in millimetres
//! (with an X-dimension) or pixels.

use super::{inked, layout, Layout, RenderError, RenderOptions};
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
    let dark = check_color(&opts.dark_color)?;
    let light = opts.light_color.as_deref().map(check_color).transpose()?;
    let (wm, hm) = (l.width_modules, l.height_modules);
    let (w, h) = match l.x_dim_mm {
        Some(x) => (
            format!("{}mm", fmt_num(wm as f64 * x)),
            format!("{}mm", fmt_num(hm as f64 * x)),
        ),
        None => (l.width_px.to_string(), l.height_px.to_string()),
    };
    let mut s = String::with_capacity(256 + (m.rows() * m.cols()) * 4);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {wm} {hm}\" shape-rendering=\"crispEdges\">"
    );
    if let Some(light) = light {
        let _ = write!(s, "<rect width=\"{wm}\" height=\"{hm}\" fill=\"{light}\"/>");
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
    s.push_str("\"/></svg>\n");
    Ok(Svg { text: s, layout: l })
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
}
