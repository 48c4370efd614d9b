//! Matrix and codeword-stream decoding: the ISO example, damaged, mirrored and rotated
//! matrices, erasures, damage beyond capacity, hostile input.

use ecc200::decode::{
    from_codewords, from_matrix, from_matrix_with_erasures, DecodeError, Orientation,
};
use ecc200::rs::RsError;
use ecc200::{ModuleMap, ModuleMatrix, Symbol, SymbolSize};
use proptest::prelude::*;

fn size(r: usize, c: usize) -> SymbolSize {
    SymbolSize::from_dims(r, c).unwrap()
}

/// ASCII encodation of printable text plus padding per ISO/IEC 16022 5.2.3: first pad
/// 129, then 253-state randomised pads (written out here).
fn ascii_padded(text: &[u8], s: SymbolSize) -> Vec<u8> {
    let mut v: Vec<u8> = text.iter().map(|&c| c + 1).collect();
    assert!(v.len() <= s.data_codewords());
    if v.len() < s.data_codewords() {
        v.push(129);
    }
    while v.len() < s.data_codewords() {
        let pos = v.len() + 1;
        let mut p = 129 + (149 * pos) % 253 + 1;
        if p > 254 {
            p -= 254;
        }
        v.push(p as u8);
    }
    v
}

fn flip_codeword(m: &mut ModuleMatrix, s: SymbolSize, k: usize, mask: u8) {
    for (j, &(r, c)) in ModuleMap::get(s).codeword_modules(k).iter().enumerate() {
        if mask & (0x80 >> j) != 0 {
            let (r, c) = (r as usize, c as usize);
            m.set(r, c, !m.get(r, c));
        }
    }
}

/// The reflection that keeps the finder L in place (left column <-> bottom row): what
/// a mirrored symbol looks like after the reader rotates its L into place.
fn anti_transposed(m: &ModuleMatrix) -> ModuleMatrix {
    let (rows, cols) = (m.rows(), m.cols());
    let mut t = ModuleMatrix::new(cols, rows);
    for r in 0..cols {
        for c in 0..rows {
            t.set(r, c, m.get(rows - 1 - c, cols - 1 - r));
        }
    }
    t
}

#[test]
fn iso_example_123456() {
    let s = size(10, 10);
    let sym = Symbol::from_data_codewords(s, &[142, 164, 186]).unwrap();
    assert_eq!(sym.codewords(), &[142, 164, 186, 114, 25, 5, 88, 102]);
    let d = from_matrix(sym.matrix()).unwrap();
    assert_eq!(d.bytes, b"123456");
    assert_eq!(d.text(), "123456");
    assert_eq!(d.size, s);
    assert!(!d.mirrored);
    assert_eq!((d.ec.errors, d.ec.erasures), (0, 0));
    assert_eq!(d.ec.unused_ec, 1.0);
    assert_eq!(d.fixed_pattern_errors, 0);
    assert_eq!(d.data_codewords, vec![142, 164, 186]);
    assert_eq!(d.codewords, sym.codewords());
}

#[test]
fn corrupted_modules_are_corrected() {
    let s = size(10, 10);
    let sym = Symbol::from_data_codewords(s, &[142, 164, 186]).unwrap();
    let mut m = sym.matrix().clone();
    flip_codeword(&mut m, s, 1, 0x81);
    flip_codeword(&mut m, s, 6, 0xFF);
    let d = from_matrix(&m).unwrap();
    assert_eq!(d.bytes, b"123456");
    assert_eq!(d.ec.errors, 2);
    assert!((d.ec.unused_ec - 0.2).abs() < 1e-9);
    assert_eq!(d.codewords, sym.codewords());

    // a bigger symbol: 12 errors in 24 EC codewords, plus a damaged finder
    let s = size(24, 24);
    let text = b"SERIAL 0123456789 LOT ABC-42";
    let sym = Symbol::from_data_codewords(s, &ascii_padded(text, s)).unwrap();
    let mut m = sym.matrix().clone();
    for k in 0..12 {
        flip_codeword(&mut m, s, 5 * k, 0x5A);
    }
    for c in 0..5 {
        m.set(23, c, false); // bottom row of the L
    }
    let d = from_matrix(&m).unwrap();
    assert_eq!(d.bytes, text);
    assert_eq!(d.ec.errors, 12);
    assert_eq!(d.ec.unused_ec, 0.0);
    assert_eq!(d.fixed_pattern_errors, 5);
}

#[test]
fn beyond_capacity_fails() {
    let s = size(24, 24);
    let sym = Symbol::from_data_codewords(s, &ascii_padded(b"HELLO", s)).unwrap();
    let mut m = sym.matrix().clone();
    for k in 0..13 {
        flip_codeword(&mut m, s, 4 * k + 1, 0xC3);
    }
    match from_matrix(&m) {
        Err(DecodeError::ErrorCorrection(RsError::TooManyErrors {
            block: 0,
            capacity: 24,
            ..
        })) => {}
        other => panic!("expected an error-correction failure, got {other:?}"),
    }
}

#[test]
fn mirrored_matrices_decode_mirrored() {
    for (r, c) in [(10, 10), (16, 16), (32, 32), (52, 52)] {
        let s = size(r, c);
        let text = b"MIR";
        let sym = Symbol::from_data_codewords(s, &ascii_padded(text, s)).unwrap();
        for m in [anti_transposed(sym.matrix()), sym.matrix().transposed()] {
            let d = from_matrix(&m).unwrap();
            assert_eq!(d.bytes, text, "{s}");
            assert!(d.mirrored, "{s}");
        }
        // with the L in place, the mirror found is the anti-diagonal one (the reader
        // swaps the top-left and bottom-right corners for it)
        let d = from_matrix(&anti_transposed(sym.matrix())).unwrap();
        assert_eq!(
            d.orientation,
            Orientation {
                transpose: true,
                flip_rows: true,
                flip_cols: true
            }
        );
        assert_eq!(d.fixed_pattern_errors, 0, "{s}");
        // a 180-degree rotation is not a mirror
        let mut rot = ModuleMatrix::new(r, c);
        for i in 0..r {
            for j in 0..c {
                rot.set(i, j, sym.matrix().get(r - 1 - i, c - 1 - j));
            }
        }
        let d = from_matrix(&rot).unwrap();
        assert_eq!(d.bytes, text);
        assert!(!d.mirrored);
    }
    // rectangular sizes have no transposed size: a mirror is a flip of rows or columns
    let s = size(12, 36);
    let sym = Symbol::from_data_codewords(s, &ascii_padded(b"RECT", s)).unwrap();
    let mut flip = ModuleMatrix::new(12, 36);
    for i in 0..12 {
        for j in 0..36 {
            flip.set(i, j, sym.matrix().get(11 - i, j));
        }
    }
    let d = from_matrix(&flip).unwrap();
    assert_eq!(d.bytes, b"RECT");
    assert!(d.mirrored);
}

#[test]
fn erasures_extend_correction() {
    let s = size(24, 24);
    let text = b"ERASURES";
    let sym = Symbol::from_data_codewords(s, &ascii_padded(text, s)).unwrap();
    let mut m = sym.matrix().clone();
    let mut u = ModuleMatrix::new(24, 24);
    // 20 wrong codewords, every module of each marked uncertain: 20 erasures <= 22
    for k in 0..20 {
        flip_codeword(&mut m, s, 2 * k, 0xFF);
        flip_codeword(&mut u, s, 2 * k, 0xFF);
    }
    assert!(from_matrix(&m).is_err());
    let d = from_matrix_with_erasures(&m, &u).unwrap();
    assert_eq!(d.bytes, text);
    assert_eq!((d.ec.erasures, d.ec.errors), (20, 0));

    // 10 wrong codewords fully uncertain + 20 correct ones with one uncertain module:
    // too many erasures for one block, so the most uncertain are kept
    let mut m = sym.matrix().clone();
    let mut u = ModuleMatrix::new(24, 24);
    for k in 0..10 {
        flip_codeword(&mut m, s, 3 * k, 0xFF);
        flip_codeword(&mut u, s, 3 * k, 0xFF);
    }
    for k in 0..20 {
        flip_codeword(&mut u, s, 31 + k, 0x01);
    }
    let d = from_matrix_with_erasures(&m, &u).unwrap();
    assert_eq!(d.bytes, text);
    assert_eq!(d.ec.errors, 0);
    // ISO/IEC 16022 Table 7: 24x24 corrects up to 21 erasures
    assert_eq!(d.ec.erasures, 21);

    // 10x10 takes no erasures (Table 7): uncertain modules are ignored, errors still
    // corrected
    let s = size(10, 10);
    let sym = Symbol::from_data_codewords(s, &[142, 164, 186]).unwrap();
    let mut m = sym.matrix().clone();
    let mut u = ModuleMatrix::new(10, 10);
    flip_codeword(&mut m, s, 0, 0xFF);
    for k in 0..8 {
        flip_codeword(&mut u, s, k, 0x01);
    }
    let d = from_matrix_with_erasures(&m, &u).unwrap();
    assert_eq!(d.bytes, b"123456");
    assert_eq!((d.ec.errors, d.ec.erasures), (1, 0));
}

#[test]
fn interleaved_blocks_report_per_block() {
    let s = size(144, 144);
    let text: Vec<u8> = (0..1200).map(|i| b'A' + (i % 26) as u8).collect();
    let sym = Symbol::from_data_codewords(s, &ascii_padded(&text, s)).unwrap();
    let mut m = sym.matrix().clone();
    // 40 consecutive stream codewords: 4 per block
    for k in 300..340 {
        flip_codeword(&mut m, s, k, 0x10);
    }
    let d = from_matrix(&m).unwrap();
    assert_eq!(d.bytes, text);
    assert_eq!(d.ec.blocks.len(), 10);
    assert!(d
        .ec
        .blocks
        .iter()
        .all(|b| b.errors == 4 && b.capacity == 62));
    assert!((d.ec.unused_ec - (1.0 - 8.0 / 62.0)).abs() < 1e-9);
}

#[test]
fn wrong_inputs_name_the_problem() {
    assert_eq!(
        from_matrix(&ModuleMatrix::new(11, 11)),
        Err(DecodeError::NotASize { rows: 11, cols: 11 })
    );
    // 18x8 is only a size transposed; blank, no orientation has a finder
    assert_eq!(
        from_matrix(&ModuleMatrix::new(18, 8)),
        Err(DecodeError::NoOrientation { rows: 18, cols: 8 })
    );
    // a transposed 8x18 symbol reads, mirrored
    let s = size(8, 18);
    let sym = Symbol::from_data_codewords(s, &ascii_padded(b"8X18", s)).unwrap();
    let d = from_matrix(&sym.matrix().transposed()).unwrap();
    assert_eq!(
        (d.bytes.as_slice(), d.mirrored, d.size),
        (&b"8X18"[..], true, s)
    );
    assert!(matches!(
        from_codewords(&[1, 2, 3], size(10, 10)),
        Err(DecodeError::WrongCodewordCount {
            expected: 8,
            got: 3,
            ..
        })
    ));
    // a valid codeword stream whose data is malformed
    let s = size(10, 10);
    let sym = Symbol::from_data_codewords(s, &[66, 0, 129]).unwrap();
    assert!(matches!(
        from_codewords(sym.codewords(), s),
        Err(DecodeError::Data {
            codeword_index: 1,
            value: 0,
            ..
        })
    ));
}

#[test]
fn every_size_round_trips() {
    for s in SymbolSize::all() {
        let n = s.data_codewords().min(40) - 1;
        let text: Vec<u8> = (0..n).map(|i| b'0' + (i % 10) as u8).collect();
        let sym = Symbol::from_data_codewords(s, &ascii_padded(&text, s)).unwrap();
        let d = from_matrix(sym.matrix()).unwrap();
        assert_eq!(d.bytes, text, "{s}");
        assert_eq!(d.size, s);
        assert!(!d.mirrored, "{s}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn damaged_symbols_within_capacity_decode(
        idx in 0..SymbolSize::COUNT,
        text in proptest::collection::vec(32u8..127, 0..30),
        seed in any::<u64>(),
    ) {
        let s = SymbolSize::from_index(idx).unwrap();
        prop_assume!(text.len() <= s.data_codewords());
        let sym = Symbol::from_data_codewords(s, &ascii_padded(&text, s)).unwrap();
        let mut m = sym.matrix().clone();
        // up to ne/2 damaged codewords in the symbol's first block
        let mut x = seed | 1;
        let blocks = s.blocks();
        let budget = s.ec_per_block() / 2;
        let mut hit = std::collections::BTreeSet::new();
        for _ in 0..budget {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            let k = (x as usize % (s.total_codewords() / blocks)) * blocks;
            if k < s.total_codewords() && hit.insert(k) {
                flip_codeword(&mut m, s, k, (x >> 32) as u8 | 1);
            }
        }
        let d = from_matrix(&m).unwrap();
        prop_assert_eq!(&d.bytes, &text);
        prop_assert_eq!(d.ec.errors, hit.len());
    }

    #[test]
    fn random_matrices_never_panic(idx in 0..SymbolSize::COUNT, bits in proptest::collection::vec(any::<bool>(), 144 * 144)) {
        let s = SymbolSize::from_index(idx).unwrap();
        let m = ModuleMatrix::from_bools(s.rows(), s.cols(), &bits[..s.area()]).unwrap();
        let _ = from_matrix(&m);
        let u = ModuleMatrix::from_bools(s.rows(), s.cols(), &bits[bits.len() - s.area()..]).unwrap();
        let _ = from_matrix_with_erasures(&m, &u);
    }

    #[test]
    fn random_streams_never_panic(idx in 0..SymbolSize::COUNT, cw in proptest::collection::vec(any::<u8>(), 0..2200)) {
        let s = SymbolSize::from_index(idx).unwrap();
        let _ = from_codewords(&cw, s);
        let _ = ecc200::decode::decode_data(&cw);
        // random data with valid RS: only the data stage can object
        let mut data = cw.clone();
        data.resize(s.data_codewords(), 129);
        let sym = Symbol::from_data_codewords(s, &data).unwrap();
        let _ = from_codewords(sym.codewords(), s);
    }
}
