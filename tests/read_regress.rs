//! Reader regressions: clean rendered symbols that were once missed.

use ecc200::read::{ReadOptions, Reader};
use ecc200::render::{self, RenderOptions};
use ecc200::{EncodeOptions, GrayImage, SymbolSize};

fn symbol(size: SymbolSize, seed: u64) -> (Vec<u8>, ecc200::Symbol) {
    // pseudo-random upper-case text, as long as the size allows
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let n = size.data_codewords().saturating_sub(2).max(1);
    let data: Vec<u8> = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b'A' + (x % 26) as u8
        })
        .collect();
    let sym = ecc200::encode(&data, &EncodeOptions::default().size(Some(size))).expect("fits");
    (data, sym)
}

/// Rotates a grey image by 90 degrees clockwise.
fn rot90(img: &GrayImage) -> GrayImage {
    let mut out = GrayImage::new(img.height, img.width, 0);
    for y in 0..img.height {
        for x in 0..img.width {
            out.set(img.height - 1 - y, x, img.get(x, y).unwrap_or(0));
        }
    }
    out
}

fn reads(img: &GrayImage, reader: &mut Reader, expected: &[u8]) -> bool {
    let frame = img.as_frame().expect("frame");
    let res = reader.read(&frame);
    for r in &res {
        assert_eq!(r.decoded.bytes, expected, "wrong read");
    }
    !res.is_empty()
}

/// Symbols cropped at their edge (no quiet zone), dark on light and light on dark,
/// at every quarter turn.
#[test]
fn pure_symbols_without_quiet_zone() {
    let mut reader = Reader::new(ReadOptions::default());
    let mut misses = Vec::new();
    for (i, (rows, cols)) in [(10, 10), (16, 16), (24, 24), (32, 32), (12, 26), (8, 32)]
        .into_iter()
        .enumerate()
    {
        let size = SymbolSize::from_dims(rows, cols).expect("size");
        let (data, sym) = symbol(size, i as u64 + 1);
        for (px, invert) in [(3, false), (5, true), (8, false)] {
            let opts = RenderOptions::default()
                .module_px(px)
                .quiet_zone(0)
                .invert(invert);
            let mut img = render::to_gray(sym.matrix(), &opts).expect("render");
            for quarter in 0..4 {
                if !reads(&img, &mut reader, &data) {
                    misses.push(format!("{rows}x{cols} {px}px inverted={invert} q{quarter}"));
                }
                img = rot90(&img);
            }
        }
    }
    assert!(misses.is_empty(), "missed: {misses:?}");
}

/// Clean upright symbols of every size at module sizes 3 to 17 px (quiet zone 2
/// modules), on a frame larger than the symbol.
#[test]
fn module_px_sweep() {
    let mut reader = Reader::new(ReadOptions::default());
    let mut misses = Vec::new();
    for (i, size) in SymbolSize::all().enumerate() {
        let (data, sym) = symbol(size, 100 + i as u64);
        for px in 3..=17u32 {
            // (frames up to 1400 px a side)
            if (size.rows().max(size.cols()) as u32 + 4) * px > 1400 {
                continue;
            }
            let opts = RenderOptions::default().module_px(px).quiet_zone(2);
            let img = render::to_gray(sym.matrix(), &opts).expect("render");
            // place it off-centre in a larger frame
            let (w, h) = (img.width + 37, img.height + 23);
            let mut f = GrayImage::new(w, h, 255);
            for y in 0..img.height {
                for x in 0..img.width {
                    f.set(x + 19, y + 11, img.get(x, y).unwrap_or(255));
                }
            }
            for (q, frame) in [img.clone(), rot90(&img), f.clone(), rot90(&f)]
                .iter()
                .enumerate()
            {
                if !reads(frame, &mut reader, &data) {
                    misses.push(format!("{}x{} {px}px q{q}", size.rows(), size.cols()));
                }
            }
        }
    }
    assert!(misses.is_empty(), "{} missed: {misses:?}", misses.len());
}

/// `try_mirrored(false)` reports no mirrored symbol; the default reads it.
#[test]
fn mirrored_only_when_asked() {
    for (i, (rows, cols)) in [(16, 16), (12, 26)].into_iter().enumerate() {
        let size = SymbolSize::from_dims(rows, cols).expect("size");
        let (data, sym) = symbol(size, 50 + i as u64);
        let img =
            render::to_gray(sym.matrix(), &RenderOptions::default().module_px(5)).expect("render");
        // mirror left to right
        let mut m = GrayImage::new(img.width, img.height, 0);
        for y in 0..img.height {
            for x in 0..img.width {
                m.set(img.width - 1 - x, y, img.get(x, y).unwrap_or(0));
            }
        }
        let frame = m.as_frame().expect("frame");
        let all = Reader::new(ReadOptions::default()).read(&frame);
        assert_eq!(all.len(), 1, "{rows}x{cols}");
        assert!(all[0].mirrored && all[0].decoded.bytes == data);
        let none = Reader::new(ReadOptions::default().try_mirrored(false)).read(&frame);
        assert!(
            none.iter().all(|r| !r.mirrored),
            "{rows}x{cols}: mirrored reported"
        );
        assert!(none.is_empty());
        // upright still reads with try_mirrored(false)
        let up = Reader::new(ReadOptions::default().try_mirrored(false))
            .read(&img.as_frame().expect("frame"));
        assert_eq!(up.len(), 1);
        assert!(!up[0].mirrored);
    }
}
