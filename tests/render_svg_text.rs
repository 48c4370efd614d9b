//! SVG and text renders carry exactly the matrix: parse them back and compare.

use ecc200::render::{gray_png, to_ascii, to_svg, to_text, RenderOptions};
use ecc200::sim::random_matrix;
use ecc200::{ModuleMatrix, SymbolSize};

fn padded(m: &ModuleMatrix, q: usize, invert: bool) -> Vec<Vec<bool>> {
    (0..m.rows() + 2 * q)
        .map(|r| {
            (0..m.cols() + 2 * q)
                .map(|c| (r >= q && c >= q && m.get(r - q, c - q)) != invert)
                .collect()
        })
        .collect()
}

/// Rasterises the SVG path (only the `M x y h w v 1 h -w z` form) into module cells.
fn parse_path(svg: &str, rows: usize, cols: usize) -> Vec<Vec<bool>> {
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut g = vec![vec![false; cols]; rows];
    for sub in d.split('M').filter(|s| !s.is_empty()) {
        let (xy, rest) = sub.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let (w, rest) = rest.split_once('v').unwrap();
        let w: usize = w.parse().unwrap();
        assert_eq!(rest, format!("1h-{w}z"));
        assert!(x + w <= g[y].len(), "run {x}+{w} beyond the row");
        for (c, cell) in g[y].iter_mut().enumerate().skip(x).take(w) {
            assert!(!*cell, "overlap at {y},{c}");
            *cell = true;
        }
    }
    g
}

#[test]
fn svg_path_is_the_matrix() {
    for (i, (r, c)) in [(10, 10), (32, 32), (12, 36), (8, 64)]
        .into_iter()
        .enumerate()
    {
        let m = random_matrix(i as u64, SymbolSize::from_dims(r, c).unwrap());
        for (q, inv) in [(0, false), (1, false), (3, true)] {
            let o = RenderOptions::default().quiet_zone(q).invert(inv);
            let svg = to_svg(&m, &o).unwrap();
            let want = padded(&m, q as usize, inv);
            assert_eq!(parse_path(&svg.text, want.len(), want[0].len()), want);
            assert_eq!(svg.layout.width_modules as usize, c + 2 * q as usize);
            assert!(svg.text.contains("shape-rendering=\"crispEdges\""));
        }
    }
}

#[test]
fn text_forms_are_the_matrix() {
    let m = random_matrix(3, SymbolSize::from_dims(14, 14).unwrap());
    for (q, inv) in [(0, false), (1, true), (2, false)] {
        let o = RenderOptions::default().quiet_zone(q).invert(inv);
        let want = padded(&m, q as usize, inv);
        let ascii = to_ascii(&m, &o).unwrap();
        let got: Vec<Vec<bool>> = ascii
            .lines()
            .map(|l| l.as_bytes().chunks(2).map(|p| p == b"##").collect())
            .collect();
        assert_eq!(got, want);
        let text = to_text(&m, &o).unwrap();
        let mut got = vec![vec![false; want[0].len()]; want.len().div_ceil(2) * 2];
        for (i, line) in text.lines().enumerate() {
            for (c, ch) in line.chars().enumerate() {
                let (t, b) = match ch {
                    '█' => (true, true),
                    '▀' => (true, false),
                    '▄' => (false, true),
                    ' ' => (false, false),
                    _ => panic!("{ch:?}"),
                };
                got[2 * i][c] = t;
                got[2 * i + 1][c] = b;
            }
        }
        got.truncate(want.len());
        assert_eq!(got, want);
    }
}

#[cfg(feature = "image")]
#[test]
fn gray_png_decodes_back_exactly() {
    use ecc200::sim::{Scene, SimSymbol};
    use ecc200::Point;
    let m = random_matrix(3, SymbolSize::from_dims(20, 20).unwrap());
    // noisy frame (stored blocks, several of them) and a clean one (row copies)
    for noise in [4.0, 0.0] {
        let f = Scene::new(641, 480)
            .symbol(SimSymbol::new(m.clone(), Point::new(300.0, 200.0), 5.0).rotation(0.2))
            .noise(noise)
            .render()
            .unwrap();
        let png = gray_png(&f.image).unwrap();
        let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
            .unwrap()
            .to_luma8();
        assert_eq!((img.width(), img.height()), (641, 480));
        assert_eq!(img.as_raw(), &f.image.data);
        if noise == 0.0 {
            assert!(png.len() < f.image.data.len());
        }
    }
}
