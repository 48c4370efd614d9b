//! Terminal text: half blocks (two module rows per line) and a plain `#` form.

use super::{inked, layout, RenderError, RenderOptions};
use crate::matrix::ModuleMatrix;

/// Renders `m` with Unicode half blocks, two module rows per line and one module per
/// character: `█` both inked, `▀` top only, `▄` bottom only, space neither. Uses the
/// quiet zone and inversion of `opts` (the pixel size is ignored). On a terminal with
/// light text on a dark background, blocks show light: pass `invert(true)` to get dark
/// marks there.
pub fn to_text(m: &ModuleMatrix, opts: &RenderOptions) -> Result<String, RenderError> {
    let l = layout(m, &opts.clone().module_px(1))?;
    let (wm, hm) = (l.width_modules, l.height_modules);
    let mut s = String::with_capacity(((wm as usize) * 3 + 1) * (hm as usize).div_ceil(2));
    for r in (0..hm).step_by(2) {
        for c in 0..wm {
            let top = inked(m, l.quiet_zone, opts.invert, r, c);
            // below the last row is outside the symbol: ground, or ink when inverted
            let bottom = if r + 1 < hm {
                inked(m, l.quiet_zone, opts.invert, r + 1, c)
            } else {
                false
            };
            s.push(match (top, bottom) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        s.push('\n');
    }
    Ok(s)
}

/// Renders `m` as plain ASCII, one line per module row, two characters per module
/// (`##` inked, two spaces not) so the symbol looks square in most fonts.
pub fn to_ascii(m: &ModuleMatrix, opts: &RenderOptions) -> Result<String, RenderError> {
    let l = layout(m, &opts.clone().module_px(1))?;
    let (wm, hm) = (l.width_modules, l.height_modules);
    let mut s = String::with_capacity((wm as usize * 2 + 1) * hm as usize);
    for r in 0..hm {
        for c in 0..wm {
            s.push_str(if inked(m, l.quiet_zone, opts.invert, r, c) {
                "##"
            } else {
                "  "
            });
        }
        s.push('\n');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_blocks_and_ascii() {
        let m = ModuleMatrix::from_strings(&["10", "11", "01"]).unwrap();
        let o = RenderOptions::default().quiet_zone(0);
        assert_eq!(to_text(&m, &o).unwrap(), "█▄\n ▀\n");
        assert_eq!(to_ascii(&m, &o).unwrap(), "##  \n####\n  ##\n");
        let t = to_text(&m, &RenderOptions::default()).unwrap();
        assert_eq!(t.lines().count(), 3);
        assert_eq!(t, " ▄  \n ▀█ \n    \n");
    }
}
