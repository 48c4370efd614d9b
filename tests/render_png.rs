//! PNG, grey and RGBA renders: decoded with the `image` crate they match the matrix
//! pixel for pixel.

use ecc200::render::{layout, to_gray, to_png, to_rgba, RenderOptions};
use ecc200::sim::random_matrix;
use ecc200::{ModuleMatrix, SymbolSize};

fn matrices() -> Vec<ModuleMatrix> {
    let mut v: Vec<ModuleMatrix> = [(10, 10), (24, 24), (8, 18), (16, 48), (26, 64), (144, 144)]
        .iter()
        .enumerate()
        .map(|(i, &(r, c))| random_matrix(i as u64, SymbolSize::from_dims(r, c).unwrap()))
        .collect();
    v.push(ModuleMatrix::from_strings(&["1"]).unwrap());
    v.push(ModuleMatrix::new(3, 7)); // all light: long equal rows
    v
}

/// The grey level the render must have at pixel (x, y).
fn expected(m: &ModuleMatrix, mp: u32, q: u32, invert: bool, x: u32, y: u32) -> u8 {
    let (r, c) = ((y / mp) as usize, (x / mp) as usize);
    let q = q as usize;
    let dark = r >= q && c >= q && m.get(r - q, c - q);
    if dark != invert {
        0
    } else {
        255
    }
}

#[test]
fn gray_and_rgba_match_the_matrix() {
    for m in matrices() {
        for (mp, q, inv) in [(1, 0, false), (3, 1, false), (7, 2, true)] {
            let o = RenderOptions::default()
                .module_px(mp)
                .quiet_zone(q)
                .invert(inv);
            let g = to_gray(&m, &o).unwrap();
            assert_eq!(g.width, (m.cols() + 2 * q as usize) * mp as usize);
            for y in 0..g.height {
                for x in 0..g.width {
                    assert_eq!(
                        g.data[y * g.width + x],
                        expected(&m, mp, q, inv, x as u32, y as u32)
                    );
                }
            }
        }
        let rgba = to_rgba(&m, 4).unwrap();
        let g = to_gray(&m, &RenderOptions::default().module_px(4)).unwrap();
        assert_eq!(rgba.len(), g.data.len() * 4);
        for (px, &v) in rgba.chunks(4).zip(&g.data) {
            assert_eq!(px, [v, v, v, 255]);
        }
    }
}

#[test]
fn png_structure_and_checksums() {
    let m = random_matrix(5, SymbolSize::from_dims(24, 24).unwrap());
    let png = to_png(&m, &RenderOptions::default().x_dim(0.3, 600)).unwrap();
    let b = &png.bytes;
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n");
    let mut pos = 8;
    let mut kinds = Vec::new();
    while pos < b.len() {
        let len = u32::from_be_bytes(b[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &b[pos + 4..pos + 8];
        let data = &b[pos + 8..pos + 8 + len];
        let crc = u32::from_be_bytes(b[pos + 8 + len..pos + 12 + len].try_into().unwrap());
        assert_eq!(crc, crc32(&b[pos + 4..pos + 8 + len]));
        if kind == b"pHYs" {
            // 600 dpi = 23622 pixels per metre
            assert_eq!(u32::from_be_bytes(data[..4].try_into().unwrap()), 23_622);
            assert_eq!(data[8], 1);
        }
        kinds.push(String::from_utf8_lossy(kind).to_string());
        pos += 12 + len;
    }
    assert_eq!(kinds, ["IHDR", "pHYs", "IDAT", "IEND"]);
    // 0.3 mm at 600 dpi: 7.09 dots -> 7 dots
    assert_eq!(png.layout.module_px, 7);
    assert_eq!(png.layout.width_px, 26 * 7);
}

/// Bitwise CRC-32, independent of the encoder's table.
fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[cfg(feature = "image")]
#[test]
fn png_decodes_back_exactly() {
    let mut n = 0;
    for m in matrices() {
        for (mp, q, inv) in [
            (1, 0, false),
            (1, 1, true),
            (2, 1, false),
            (10, 1, false),
            (13, 4, true),
            (20, 2, false),
        ] {
            let o = RenderOptions::default()
                .module_px(mp)
                .quiet_zone(q)
                .invert(inv);
            let Ok(png) = to_png(&m, &o) else {
                continue;
            };
            let img = image::load_from_memory_with_format(&png.bytes, image::ImageFormat::Png)
                .unwrap()
                .to_luma8();
            let g = to_gray(&m, &o).unwrap();
            assert_eq!(
                (img.width(), img.height()),
                (g.width as u32, g.height as u32)
            );
            assert_eq!(
                img.as_raw(),
                &g.data,
                "{}x{} mp {mp} q {q}",
                m.rows(),
                m.cols()
            );
            n += 1;
        }
    }
    assert!(n >= 45, "{n}");
}

#[test]
fn png_is_small_and_limits_hold() {
    let m = random_matrix(1, SymbolSize::from_dims(24, 24).unwrap());
    let png = to_png(&m, &RenderOptions::default()).unwrap();
    // 260x260 1-bit: 8.8 KB raw; repeated rows make it far smaller
    assert!(png.bytes.len() < 2500, "{}", png.bytes.len());
    assert!(to_png(&m, &RenderOptions::default().module_px(1000)).is_err());
    assert!(layout(&m, &RenderOptions::default().quiet_zone(101)).is_err());
}
