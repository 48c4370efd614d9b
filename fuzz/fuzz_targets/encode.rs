//! Any data and options -> `encode::encode` / `encode_segments`; every symbol made must
//! decode back (`decode::from_matrix`) to its input and options.
#![no_main]
use ecc200::decode::from_matrix;
use ecc200::encode::{
    encode, encode_segments, EncodeOptions, Macro, Modes, Segment, ShapePolicy, StructuredAppend,
};
use ecc200::{SizeFamily, SymbolSize};
use libfuzzer_sys::fuzz_target;

include!("common.rs");

const HEADER_05: &[u8] = b"[)>\x1e05\x1d";
const HEADER_06: &[u8] = b"[)>\x1e06\x1d";
const TRAILER: &[u8] = b"\x1e\x04";

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let f1 = b.u8();
    let f2 = b.u8();
    let mut opts = EncodeOptions::default()
        .shape(match f1 & 3 {
            0 => ShapePolicy::Square,
            1 => ShapePolicy::Rectangular,
            2 => ShapePolicy::RectangularWithDmre,
            _ => ShapePolicy::Any,
        })
        .allowed(Modes::from_bits(b.u8()))
        .gs1(f1 & 4 != 0)
        .reader_programming(f1 & 8 != 0);
    if f1 & 16 != 0 {
        let v = u32::from(b.u16()) | u32::from(b.u8() & 0x1f) << 16;
        opts = opts.eci(Some(v));
    }
    opts = opts.macro_header(match f1 >> 5 & 3 {
        0 => Macro::None,
        1 => Macro::Auto,
        2 => Macro::Macro05,
        _ => Macro::Macro06,
    });
    if f1 & 128 != 0 {
        opts = opts.structured_append(Some(StructuredAppend {
            position: b.u8() % 18,
            total: b.u8() % 18,
            file_id: [b.u8(), b.u8()],
        }));
    }
    if f2 & 1 != 0 {
        opts = opts.size(SymbolSize::from_index(b.u8() as usize % SymbolSize::COUNT));
    }
    if f2 & 2 != 0 {
        opts = opts.max_rows(Some(b.u8() as usize));
    }
    if f2 & 4 != 0 {
        opts = opts.max_cols(Some(b.u8() as usize));
    }
    let input = b.rest();

    if f2 & 8 != 0 {
        // segments: data pieces with ECIs between them
        let mut segs = Vec::new();
        let mut expect_bytes = Vec::new();
        let mut expect_eci = Vec::new();
        for (i, piece) in input.split(|&c| c == 0xff).enumerate() {
            if i > 0 {
                let e = u32::from(piece.first().copied().unwrap_or(0)) * 3;
                segs.push(Segment::Eci(e));
                expect_eci.push((expect_bytes.len(), e));
            }
            segs.push(Segment::Data(piece));
            expect_bytes.extend_from_slice(piece);
        }
        let plain = EncodeOptions::default()
            .shape(opts.shape)
            .allowed(opts.allowed);
        if let Ok(sym) = encode_segments(&segs, &plain) {
            let d = from_matrix(sym.matrix()).expect("encoded segments decode");
            assert_eq!(d.bytes, expect_bytes);
            assert_eq!(d.eci, expect_eci);
        }
        return;
    }

    let Ok(sym) = encode(input, &opts) else {
        return;
    };
    let size = sym.size();
    // size selection obeys the options
    if let Some(s) = opts.size {
        assert_eq!(size, s);
    } else {
        let fam_ok = match opts.shape {
            ShapePolicy::Square => size.family() == SizeFamily::Square,
            ShapePolicy::Rectangular => size.family() == SizeFamily::Rectangular,
            ShapePolicy::RectangularWithDmre => size.family() != SizeFamily::Square,
            _ => true,
        };
        assert!(fam_ok, "{size} not allowed by {:?}", opts.shape);
        assert!(opts.max_rows.is_none_or(|r| size.rows() <= r));
        assert!(opts.max_cols.is_none_or(|c| size.cols() <= c));
    }
    let d = match from_matrix(sym.matrix()) {
        Ok(d) => d,
        Err(e) => panic!("symbol {size} for {input:?} with {opts:?} does not decode: {e}"),
    };
    assert_eq!(d.size, size);
    let expect: Vec<u8> = match opts.macro_header {
        _ if opts.gs1 => input.to_vec(),
        Macro::Macro05 => [HEADER_05, input, TRAILER].concat(),
        Macro::Macro06 => [HEADER_06, input, TRAILER].concat(),
        _ => input.to_vec(),
    };
    assert_eq!(d.bytes, expect, "round trip of {input:?} with {opts:?}");
    assert_eq!(d.gs1, opts.gs1, "gs1 flag");
    assert_eq!(d.reader_programming, opts.reader_programming);
    assert_eq!(
        d.structured_append
            .map(|s| (s.position, s.total, s.file_id)),
        opts.structured_append
            .map(|s| (s.position, s.total, s.file_id))
    );
    match opts.eci {
        // after a Macro 05/06 header expanded by the decoder, the ECI applies from the
        // body (offset 7)
        Some(e) if opts.macro_header == Macro::None || opts.gs1 => {
            assert_eq!(d.eci, vec![(0, e)])
        }
        Some(e) => assert!(
            d.eci == vec![(0, e)] || d.eci == vec![(7, e)],
            "{:?}",
            d.eci
        ),
        None => assert!(d.eci.is_empty()),
    }
});
