//! Human-readable text beside the symbol: the symbol's pixels stay those of `to_png`,
//! text pixels stay in the text area, the SVG escapes hostile text, limits hold.

use ecc200::gs1::{self, PharmaStyle};
use ecc200::render::{
    layout, layout_with_hri, to_png, to_png_with_hri, to_svg, to_svg_with_hri, HriPlacement,
    RenderError, RenderOptions, MAX_HRI_LINES, MAX_HRI_LINE_CHARS,
};
use ecc200::sim::random_matrix;
use ecc200::{ModuleMatrix, SymbolSize};

fn pharma_lines() -> Vec<Vec<String>> {
    let es = gs1::parse("(01)09506000134352(17)261231(10)ABC123(21)SN0000000001").unwrap();
    vec![
        es.pharma_hri(PharmaStyle::EuFmd),
        es.pharma_hri(PharmaStyle::Dscsa),
        es.hri(),
        vec!["x".to_string()],
        vec![String::new(), "Ünïcödé & <tags>".to_string(), String::new()],
        (0..MAX_HRI_LINES)
            .map(|i| format!("{i:02}").repeat(MAX_HRI_LINE_CHARS / 2))
            .collect(),
    ]
}

#[cfg(feature = "image")]
fn decode(bytes: &[u8]) -> image::GrayImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .unwrap()
        .to_luma8()
}

#[cfg(feature = "image")]
#[test]
fn symbol_untouched_and_text_inside_its_area() {
    let mut cases = 0;
    for (i, (r, c)) in [(10, 10), (24, 24), (16, 48), (52, 52)]
        .into_iter()
        .enumerate()
    {
        let m = random_matrix(i as u64, SymbolSize::from_dims(r, c).unwrap());
        for (mp, q, inv, place) in [
            (1, 1, false, HriPlacement::Right),
            (3, 0, false, HriPlacement::Right),
            (5, 2, true, HriPlacement::Right),
            (7, 1, false, HriPlacement::Below),
            (10, 1, true, HriPlacement::Below),
        ] {
            let o = RenderOptions::default()
                .module_px(mp)
                .quiet_zone(q)
                .invert(inv)
                .hri_placement(place);
            let plain = decode(&to_png(&m, &o).unwrap().bytes);
            for lines in pharma_lines() {
                let png = to_png_with_hri(&m, &o, &lines).unwrap();
                let img = decode(&png.bytes);
                let l = png.layout;
                let b = l.hri.unwrap();
                assert_eq!((img.width(), img.height()), (l.width_px, l.height_px));
                let (sw, sh) = (plain.width(), plain.height());
                // the text area is clear of the symbol and its quiet zone
                match place {
                    HriPlacement::Right => {
                        assert!(b.x_px >= sw && b.x_px - (sw - q * mp) >= mp);
                        assert_eq!(b.y_px, q * mp, "top-aligned with the symbol");
                    }
                    _ => {
                        assert!(b.y_px >= sh && b.y_px - (sh - q * mp) >= mp);
                        assert_eq!(b.x_px, q * mp);
                    }
                }
                assert!(b.x_px + b.width_px <= l.width_px && b.y_px + b.height_px <= l.height_px);
                let ground = if inv { 0 } else { 255 };
                let mut text_ink = 0;
                for (x, y, p) in img.enumerate_pixels() {
                    let v = p.0[0];
                    if x < sw && y < sh {
                        assert_eq!(v, plain.get_pixel(x, y).0[0], "symbol pixel ({x},{y})");
                    } else if x >= b.x_px
                        && x < b.x_px + b.width_px
                        && y >= b.y_px
                        && y < b.y_px + b.height_px
                    {
                        text_ink += (v != ground) as usize;
                    } else {
                        assert_eq!(v, ground, "outside the text area ({x},{y})");
                    }
                }
                let printable: usize = lines
                    .iter()
                    .flat_map(|t| t.chars())
                    .filter(|&c| c != ' ')
                    .count();
                // every non-space glyph has at least 4 dots of ink
                let dot2 = (b.dot_px * b.dot_px) as usize;
                assert!(text_ink >= printable * 4 * dot2, "{text_ink} {printable}");
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 4 * 5 * 6);
}

#[cfg(feature = "image")]
#[test]
fn outside_ascii_is_drawn_as_question_mark() {
    let m = random_matrix(3, SymbolSize::from_dims(12, 12).unwrap());
    let o = RenderOptions::default().module_px(4);
    let a = to_png_with_hri(&m, &o, &["Exp: 26\u{e9}1\u{7}".to_string()]).unwrap();
    let b = to_png_with_hri(&m, &o, &["Exp: 26?1?".to_string()]).unwrap();
    assert_eq!(decode(&a.bytes), decode(&b.bytes));
    let c = to_png_with_hri(&m, &o, &["Exp: 26?1!".to_string()]).unwrap();
    assert_ne!(decode(&a.bytes), decode(&c.bytes));
}

/// The whole label, read back by the crate's reader: the text does not disturb the code.
#[cfg(feature = "image")]
#[test]
fn label_reads_back() {
    use ecc200::read::{ReadOptions, Reader};
    use ecc200::Frame;
    let m = random_matrix(11, SymbolSize::from_dims(20, 20).unwrap());
    for place in [HriPlacement::Right, HriPlacement::Below] {
        let o = RenderOptions::default()
            .module_px(6)
            .quiet_zone(2)
            .hri_placement(place);
        let lines = &pharma_lines()[0];
        let img = decode(&to_png_with_hri(&m, &o, lines).unwrap().bytes);
        let (w, h) = (img.width() as usize, img.height() as usize);
        let frame = Frame::luma(img.as_raw(), w, h, w).unwrap();
        let res = Reader::new(ReadOptions::default()).read(&frame);
        assert!(
            res.iter().any(|r| r.matrix == m),
            "{place:?}: {}",
            res.len()
        );
    }
}

#[test]
fn no_lines_is_the_plain_render() {
    let m = random_matrix(2, SymbolSize::from_dims(14, 14).unwrap());
    let o = RenderOptions::default().x_dim(0.4, 600);
    assert_eq!(
        to_png_with_hri(&m, &o, &[]).unwrap(),
        to_png(&m, &o).unwrap()
    );
    assert_eq!(
        to_svg_with_hri(&m, &o, &[]).unwrap(),
        to_svg(&m, &o).unwrap()
    );
    assert_eq!(
        layout_with_hri(&m, &o, &[]).unwrap(),
        layout(&m, &o).unwrap()
    );
}

/// XML character data back to text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The `<text>` elements of an SVG: (attributes, content).
fn texts(svg: &str) -> Vec<(String, String)> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let (attrs, rest) = t.split_once('>').unwrap();
            let (content, _) = rest.split_once("</text>").unwrap();
            (attrs.to_string(), content.to_string())
        })
        .collect()
}

fn attr(attrs: &str, name: &str) -> f64 {
    let v = attrs
        .split(&format!(" {name}=\""))
        .nth(1)
        .or_else(|| attrs.strip_prefix(&format!("{name}=\"")))
        .unwrap();
    v.split('"').next().unwrap().parse().unwrap()
}

#[test]
fn svg_escapes_hostile_text() {
    let m = random_matrix(4, SymbolSize::from_dims(16, 16).unwrap());
    let hostile = vec![
        "</text><script>alert(1)</script>".to_string(),
        "\" onload=\"alert(2)".to_string(),
        "' x='&amp;<![CDATA[".to_string(),
        "a\u{0}b\u{1b}[31m\u{ffff}".to_string(),
        "<!-- -->&#x3c;".to_string(),
    ];
    let svg = to_svg_with_hri(&m, &RenderOptions::default(), &hostile)
        .unwrap()
        .text;
    assert!(!svg.contains("<script") && !svg.contains("<!") && !svg.contains('\u{0}'));
    let t = texts(&svg);
    assert_eq!(t.len(), hostile.len());
    for ((attrs, content), want) in t.iter().zip(&hostile) {
        assert!(!content.contains('<') && !content.contains('>'));
        assert!(!content.contains('"') && !content.contains('\''));
        // every & starts an entity
        for (i, _) in content.match_indices('&') {
            let e = &content[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|x| e.starts_with(x)),
                "{content}"
            );
        }
        let back: String = want
            .chars()
            .map(|c| {
                if c.is_control() || c == '\u{ffff}' {
                    '?'
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(unescape(content), back);
        assert!(
            attrs.contains("font-family=\"OCR-B, monospace\""),
            "{attrs}"
        );
    }
    // the document has exactly the elements it should
    assert_eq!(svg.matches('<').count(), 1 + 1 + 1 + 2 * hostile.len() + 1);
}

#[test]
fn svg_text_geometry_matches_the_layout() {
    let m = random_matrix(5, SymbolSize::from_dims(24, 24).unwrap());
    let lines = &pharma_lines()[0];
    for place in [HriPlacement::Right, HriPlacement::Below] {
        let o = RenderOptions::default()
            .x_dim(0.35, 600)
            .hri_placement(place);
        let svg = to_svg_with_hri(&m, &o, lines).unwrap();
        let png = to_png_with_hri(&m, &o, lines).unwrap();
        let l = svg.layout;
        assert_eq!(l, png.layout);
        let b = l.hri.unwrap();
        let mp = l.module_px as f64;
        let x = l.x_dim_mm.unwrap();
        // size in mm: the whole label at the achieved X-dimension
        let wmm = l.width_px as f64 / mp * x;
        assert!(
            svg.text.contains(&format!("width=\"{}mm\"", trim(wmm))),
            "{}",
            &svg.text[..200]
        );
        let t = texts(&svg.text);
        assert_eq!(t.len(), lines.len());
        for (i, (attrs, content)) in t.iter().enumerate() {
            assert_eq!(unescape(content), lines[i]);
            let (tx, ty, fs) = (attr(attrs, "x"), attr(attrs, "y"), attr(attrs, "font-size"));
            let dot = b.dot_px as f64 / mp;
            // same geometry as the PNG, in modules
            assert!((tx - b.x_px as f64 / mp).abs() < 1e-3);
            let top = (b.y_px + i as u32 * b.line_pitch_px) as f64 / mp;
            assert!((ty - (top + 7.0 * dot)).abs() < 1e-3, "{ty} {top}");
            assert!((fs - 10.0 * dot).abs() < 1e-3);
            let len = attr(attrs, "textLength");
            assert!((len - lines[i].chars().count() as f64 * 6.0 * dot).abs() < 1e-3);
            // never over the symbol or its quiet zone
            match place {
                HriPlacement::Right => assert!(tx >= l.width_modules as f64),
                _ => assert!(ty - 7.0 * dot >= l.height_modules as f64),
            }
        }
    }
    // inverted: dark ground beyond the symbol, text in the light colour
    let o = RenderOptions::default().invert(true);
    let svg = to_svg_with_hri(&m, &o, lines).unwrap().text;
    assert!(svg.contains("<rect x=\"26\""), "{svg}");
    assert!(texts(&svg).iter().all(|(a, _)| a.contains("fill=\"#fff\"")));
}

fn trim(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[test]
fn limits_are_errors() {
    let m = ModuleMatrix::new(10, 10);
    let o = RenderOptions::default();
    let many = vec!["SN: 1".to_string(); MAX_HRI_LINES + 1];
    assert_eq!(
        to_png_with_hri(&m, &o, &many).unwrap_err(),
        RenderError::TooManyHriLines(MAX_HRI_LINES + 1)
    );
    assert_eq!(
        to_svg_with_hri(&m, &o, &many).unwrap_err(),
        RenderError::TooManyHriLines(MAX_HRI_LINES + 1)
    );
    let long = vec!["PC: 1".to_string(), "9".repeat(MAX_HRI_LINE_CHARS + 1)];
    let e = to_png_with_hri(&m, &o, &long).unwrap_err();
    assert_eq!(
        e,
        RenderError::HriLineTooLong {
            line: 1,
            chars: MAX_HRI_LINE_CHARS + 1
        }
    );
    assert_eq!(
        e.to_string(),
        "human-readable line 1 has 65 characters, the limit is 64"
    );
    assert!(to_svg_with_hri(&m, &o, &long).is_err());
    // a huge line is refused without trouble
    let huge = vec!["A".repeat(10 << 20)];
    assert!(matches!(
        to_png_with_hri(&m, &o, &huge),
        Err(RenderError::HriLineTooLong { line: 0, .. })
    ));
    assert_eq!(
        to_png_with_hri(&m, &o.clone().hri_dot_px(0), &long[..1]).unwrap_err(),
        RenderError::ZeroHriDot
    );
    // the text can make the image too large even when the symbol fits
    let big = RenderOptions::default().module_px(200);
    assert!(to_png(&m, &big).is_ok());
    assert!(matches!(
        to_png_with_hri(&m, &big, &["W".repeat(64)]),
        Err(RenderError::TooLarge { .. })
    ));
    // the plain limits still apply
    assert!(to_png_with_hri(&m, &o.clone().module_px(0), &long[..1]).is_err());
    assert!(to_svg_with_hri(&m, &o.clone().colors("red\"/>", None), &long[..1]).is_err());
}
