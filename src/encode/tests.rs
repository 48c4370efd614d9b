use super::*;
use crate::matrix::SizeFamily;
use plan::{EndKind, Planner};

fn cw(data: &[u8], opts: &EncodeOptions) -> (String, Vec<u8>) {
    let (s, v) = data_codewords(data, opts).unwrap();
    (s.to_string(), v)
}

#[test]
fn iso_123456() {
    let (s, v) = cw(b"123456", &EncodeOptions::default());
    assert_eq!(s, "10x10");
    assert_eq!(v, [142, 164, 186]);
}

fn runs(data: &[u8], opts: &EncodeOptions) -> Vec<(Mode, usize, usize)> {
    plan(data, opts)
        .unwrap()
        .runs
        .iter()
        .map(|r| (r.mode, r.start, r.end))
        .collect()
}

#[test]
fn single_char_and_pads() {
    // 'A' = 66, first pad 129, then the 253-state pad at position 3: 129 + 195 - 254 = 70
    let (s, v) = cw(b"A", &EncodeOptions::default());
    assert_eq!(s, "10x10");
    assert_eq!(v, [66, 129, 70]);
}

#[test]
fn c40_triples() {
    // "AIM" = 14, 22, 26 -> 1600*14 + 40*22 + 26 + 1 = 23307 = 91*256 + 11
    let (s, v) = cw(b"AIMAIMAIM", &EncodeOptions::default());
    assert_eq!(s, "14x14");
    // one codeword left at the triple boundary: no unlatch, the decoder is in ASCII
    assert_eq!(v, [230, 91, 11, 91, 11, 91, 11, 129]);
}

#[test]
fn c40_unlatch_when_two_or_more_remain() {
    let opts = EncodeOptions::default().size(SymbolSize::from_dims(16, 16));
    let (_, v) = cw(b"AIMAIMAIM", &opts);
    assert_eq!(&v[..8], &[230, 91, 11, 91, 11, 91, 11, 254]);
    assert_eq!(v[8], 129);
}

/// The end rule the encoder picks for `data`.
fn end_kind(data: &[u8], opts: &EncodeOptions) -> EndKind {
    let mut e = Encoder::new();
    let _ = e.prepare(&[Segment::Data(data)], opts).unwrap();
    let (_, k, _) = e.choose(opts).unwrap();
    e.planner.ends[k].kind
}

#[test]
fn c40_shift1_padding_of_the_last_triple() {
    // FNC1 + C40 latch + 4 full triples + 2 values = 12 codewords with the Shift 1 pad
    let opts = EncodeOptions::default().gs1(true);
    let (s, v) = cw(b"ABCDEFGHIJKLMN", &opts);
    assert_eq!(s, "16x16");
    assert_eq!(v.len(), 12);
    assert_eq!(v[0], 232);
    assert!(!v.contains(&129), "{v:?}");
}

#[test]
fn c40_implicit_unlatch_before_last_ascii_codeword() {
    // 15 uppercase in C40 (11 codewords) + 'p' as one ASCII codeword, no unlatch: only
    // this fits 16x16
    let data = b"ABCDEFGHIJKLMNOp";
    let (s, v) = cw(data, &EncodeOptions::default());
    assert_eq!(s, "16x16");
    assert_eq!(v.len(), 12);
    assert_eq!(v[0], 230);
    assert_eq!(v[11], b'p' + 1);
    assert!(!v.contains(&254));
    assert!(matches!(
        end_kind(data, &EncodeOptions::default()),
        EndKind::ImplicitTriple { pos: 15, .. }
    ));
}

/// Deterministic pseudo-random messages over the planner's character classes.
fn messages() -> Vec<Vec<u8>> {
    let classes: [&[u8]; 7] = [
        b"0123456789",
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        b"abcdefghijklmnopqrstuvwxyz",
        b" ",
        b"!#*>.,/:;=?@",
        b"\r\x1d\x00",
        b"\x80\xc1\xe9\xff",
    ];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let mut out = Vec::new();
    for _ in 0..6000 {
        let len = 1 + next(40) as usize;
        let mut v = Vec::with_capacity(len);
        let mut class = next(7) as usize;
        for _ in 0..len {
            if next(4) == 0 {
                class = next(7) as usize;
            }
            let c = classes[class];
            v.push(c[next(c.len() as u64) as usize]);
        }
        out.push(v);
    }
    out
}

#[test]
fn every_end_rule_is_used() {
    let mut seen = std::collections::HashSet::new();
    for (k, m) in messages().iter().enumerate() {
        let opts = EncodeOptions::default()
            .gs1(k % 3 == 0)
            .shape(if k % 2 == 0 {
                ShapePolicy::Square
            } else {
                ShapePolicy::Any
            })
            .allowed(if k % 5 == 0 {
                Modes::EDIFACT
            } else {
                Modes::ALL
            });
        let kind = end_kind(m, &opts);
        let tag = match kind {
            EndKind::Ascii => "ascii",
            EndKind::Triple(_) => "triple",
            EndKind::TriplePad(_) => "triple-pad",
            EndKind::Edifact(0) => "edifact-0",
            EndKind::Edifact(_) => "edifact-partial",
            EndKind::B256Final { .. } => "b256",
            EndKind::ImplicitTriple { .. } => "implicit-triple",
            EndKind::ImplicitEdifact { .. } => "implicit-edifact",
        };
        seen.insert(tag);
    }
    // (Shift 1 padding and a partial EDIFACT group at the end only ever tie with an
    // ASCII ending, which wins ties; see `forced_end_rules` for their codewords.)
    for tag in [
        "ascii",
        "triple",
        "edifact-0",
        "implicit-triple",
        "implicit-edifact",
    ] {
        assert!(seen.contains(tag), "{tag} never chosen: {seen:?}");
    }
}

#[test]
fn text_mode() {
    let data = b"abcdefghijklmnop";
    let r = runs(data, &EncodeOptions::default());
    assert!(
        r.iter().any(|r| r.0 == Mode::Text && r.2 - r.1 >= 12),
        "{r:?}"
    );
    let (_, v) = cw(data, &EncodeOptions::default());
    assert!(v.contains(&239));
    // 16 chars: Text needs 1 + 10 + 1 = 12 codewords, ASCII 16
    assert_eq!(plan(data, &EncodeOptions::default()).unwrap().codewords, 12);
}

#[test]
fn x12_mode() {
    // X12 beats C40 when the data uses '*' and '>' (one value each instead of two)
    let data = b"A*B>C*D>E*F>G*H>I*J>K*";
    let r = runs(data, &EncodeOptions::default());
    assert!(r.iter().any(|r| r.0 == Mode::X12), "{r:?}");
    let (_, v) = cw(data, &EncodeOptions::default());
    assert_eq!(v[0], 238);
}

#[test]
fn edifact_mode() {
    let data = b"A.B/C-D:E;F<G=H?I@J[K\\L]M^N";
    let opts = EncodeOptions::default().allowed(Modes::EDIFACT);
    let r = runs(data, &opts);
    assert!(r.iter().any(|r| r.0 == Mode::Edifact), "{r:?}");
    let (_, v) = cw(data, &opts);
    assert_eq!(v[0], 240);
    // first group "A.B/": 1, 46, 2, 47 -> 000001 101110 000010 101111
    assert_eq!(&v[1..4], &[0b0000_0110, 0b1110_0000, 0b1010_1111]);
}

#[test]
fn edifact_unlatch_value() {
    // EDIFACT only; 5 values then the unlatch 31 in the second group, zero-filled
    let data = b"A.B/C";
    let opts = EncodeOptions::default()
        .allowed(Modes::EDIFACT)
        .size(SymbolSize::from_dims(16, 16));
    let (_, v) = cw(data, &opts);
    let p = plan(data, &opts).unwrap();
    if p.runs[0].mode == Mode::Edifact {
        assert_eq!(v[0], 240);
        // 'C' = 3, unlatch 31: 000011 011111 0000 -> 0x0D, 0xF0
        assert_eq!(&v[4..6], &[0x0D, 0xF0]);
        assert_eq!(v[6], 129);
    }
}

#[test]
fn base256_and_randomising() {
    let data: Vec<u8> = (0..20).map(|i| 0x80 + i * 5).collect();
    let opts = EncodeOptions::default();
    let r = runs(&data, &opts);
    assert_eq!(r, vec![(Mode::Base256, 0, 20)]);
    let (_, v) = cw(&data, &opts);
    assert_eq!(v[0], 231);
    // length 20 at position 2: r = 149*2 % 255 + 1 = 44
    assert_eq!(v[1], 64);
    // first byte 0x80 at position 3: r = 447 % 255 + 1 = 193; 128 + 193 - 256 = 65
    assert_eq!(v[2], 65);
}

#[test]
fn base256_length_zero_fills_the_symbol() {
    // 64x64 holds 280: latch + length 0 + 278 bytes
    let data: Vec<u8> = (0..278).map(|i| 0x80 | (i as u8)).collect();
    let (s, v) = cw(&data, &EncodeOptions::default());
    assert_eq!(s, "64x64");
    assert_eq!(v[0], 231);
    let r = (149 * 2) % 255 + 1;
    assert_eq!(v[1] as usize, r); // 0 + r
                                  // one byte more needs the 2-byte length and the next size
    let data: Vec<u8> = (0..279).map(|i| 0x80 | (i as u8)).collect();
    let (s, v) = cw(&data, &EncodeOptions::default());
    assert_eq!(s, "72x72");
    assert_eq!(v[0], 231);
    let p = plan(&data, &EncodeOptions::default()).unwrap();
    assert_eq!(p.codewords, 282);
}

#[test]
fn upper_shift_ascii() {
    let (_, v) = cw(&[0xE9], &EncodeOptions::default());
    assert_eq!(&v[..2], &[235, 0xE9 - 127]);
}

#[test]
fn gs1_pharma() {
    let data = b"010950600013435217261231" as &[u8];
    let mut d = data.to_vec();
    d.extend_from_slice(b"10ABC123\x1d21SN0000000001");
    let opts = EncodeOptions::default().gs1(true);
    let (_, v) = cw(&d, &opts);
    assert_eq!(v[0], 232);
    // "01" "09" "50" ... digit pairs
    assert_eq!(&v[1..4], &[131, 139, 180]);
    assert!(v.contains(&232), "separator");
    assert_eq!(v.iter().filter(|&&c| c == 232).count(), 2);
}

#[test]
fn gs1_separator_in_c40() {
    // a long uppercase run around the separator keeps C40 and writes FNC1 as Shift 2, 27
    let data = b"ABCDEFGHIJKLMNOPQR\x1dSTUVWXYZABCDEFG";
    let opts = EncodeOptions::default().gs1(true).allowed(Modes::C40);
    let p = plan(data, &opts).unwrap();
    // the separator (item 18) sits inside a C40 run
    assert!(
        p.runs
            .iter()
            .any(|r| r.mode == Mode::C40 && r.start < 18 && r.end > 19),
        "{:?}",
        p.runs
    );
}

#[test]
fn structured_append_header() {
    let sa = StructuredAppend {
        position: 2,
        total: 7,
        file_id: [17, 42],
    };
    let opts = EncodeOptions::default().structured_append(Some(sa));
    let (_, v) = cw(b"1", &opts);
    assert_eq!(&v[..5], &[233, 0b0001_1010, 17, 42, b'1' + 1]);
    for bad in [
        StructuredAppend {
            position: 0,
            total: 2,
            file_id: [1, 1],
        },
        StructuredAppend {
            position: 3,
            total: 2,
            file_id: [1, 1],
        },
        StructuredAppend {
            position: 1,
            total: 1,
            file_id: [1, 1],
        },
        StructuredAppend {
            position: 1,
            total: 17,
            file_id: [1, 1],
        },
        StructuredAppend {
            position: 1,
            total: 2,
            file_id: [0, 1],
        },
        StructuredAppend {
            position: 1,
            total: 2,
            file_id: [1, 255],
        },
    ] {
        let e = data_codewords(b"1", &EncodeOptions::default().structured_append(Some(bad)));
        assert!(
            matches!(e, Err(EncodeError::BadStructuredAppend { .. })),
            "{bad:?}"
        );
    }
    // structured append + gs1: FNC1 in the fifth position
    let (_, v) = cw(b"01", &opts.clone().gs1(true));
    assert_eq!(&v[..6], &[233, 0b0001_1010, 17, 42, 232, 131]);
}

#[test]
fn reader_programming() {
    let (_, v) = cw(b"X", &EncodeOptions::default().reader_programming(true));
    assert_eq!(&v[..2], &[234, b'X' + 1]);
    let sa = StructuredAppend {
        position: 1,
        total: 2,
        file_id: [1, 1],
    };
    let e = data_codewords(
        b"X",
        &EncodeOptions::default()
            .reader_programming(true)
            .structured_append(Some(sa)),
    );
    assert!(matches!(e, Err(EncodeError::ConflictingOptions(_))));
    let e = data_codewords(
        b"X",
        &EncodeOptions::default().reader_programming(true).gs1(true),
    );
    assert!(matches!(e, Err(EncodeError::ConflictingOptions(_))));
}

#[test]
fn macro_05_06() {
    let msg = b"[)>\x1e05\x1dABC\x1e\x04";
    let (_, v) = cw(msg, &EncodeOptions::default().macro_header(Macro::Auto));
    assert_eq!(&v[..4], &[236, 66, 67, 68]);
    let msg6 = b"[)>\x1e06\x1d1\x1e\x04";
    let (_, v) = cw(msg6, &EncodeOptions::default().macro_header(Macro::Auto));
    assert_eq!(&v[..2], &[237, b'1' + 1]);
    // no envelope: auto leaves the data alone
    let (_, v) = cw(b"ABC", &EncodeOptions::default().macro_header(Macro::Auto));
    assert_eq!(&v[..3], &[66, 67, 68]);
    // without auto the envelope is data
    let p = plan(msg, &EncodeOptions::default()).unwrap();
    assert!(p.codewords > 4);
    let (_, v) = cw(
        b"ABC",
        &EncodeOptions::default().macro_header(Macro::Macro05),
    );
    assert_eq!(&v[..4], &[236, 66, 67, 68]);
    let e = data_codewords(
        b"ABC",
        &EncodeOptions::default()
            .macro_header(Macro::Macro06)
            .gs1(true),
    );
    assert!(matches!(e, Err(EncodeError::ConflictingOptions(_))));
}

#[test]
fn eci_designators() {
    let (_, v) = cw(b"A", &EncodeOptions::default().eci(Some(3)));
    assert_eq!(&v[..3], &[241, 4, 66]);
    let e = data_codewords(b"A", &EncodeOptions::default().eci(Some(1_000_000)));
    assert_eq!(e, Err(EncodeError::BadEci { value: 1_000_000 }));
    let e = encode_segments(&[Segment::Eci(2_000_000)], &EncodeOptions::default());
    assert!(matches!(e, Err(EncodeError::BadEci { value: 2_000_000 })));
    // mid-message ECI leaves C40 for ASCII
    let segs = [
        Segment::Data(b"ABCDEFGHIJKL"),
        Segment::Eci(26),
        Segment::Data(b"MNOPQRSTUVWX"),
    ];
    let (_, v) = segments_data_codewords(&segs, &EncodeOptions::default()).unwrap();
    let at = v.iter().position(|&c| c == 241).unwrap();
    assert_eq!(v[at + 1], 27);
    assert_eq!(v[at - 1], 254, "unlatch before the eci: {v:?}");
}

#[test]
fn utf8_text() {
    let s = encode_str("Grüße", &EncodeOptions::default()).unwrap();
    // Latin-1: no ECI
    assert!(!s.data_codewords().contains(&241));
    let s = encode_str("価格", &EncodeOptions::default()).unwrap();
    assert_eq!(&s.data_codewords()[..2], &[241, 27]);
    let e = encode_str("価格", &EncodeOptions::default().eci(Some(3)));
    assert!(matches!(
        e,
        Err(EncodeError::CannotEncode { position: 0, .. })
    ));
}

#[test]
fn shapes_and_limits() {
    let data = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let sq = plan(data, &EncodeOptions::default()).unwrap().size;
    assert!(sq.is_square());
    let r = plan(
        data,
        &EncodeOptions::default().shape(ShapePolicy::Rectangular),
    )
    .unwrap()
    .size;
    assert_eq!(r.family(), SizeFamily::Rectangular);
    let d = plan(
        data,
        &EncodeOptions::default()
            .shape(ShapePolicy::RectangularWithDmre)
            .max_rows(Some(8)),
    )
    .unwrap()
    .size;
    assert_eq!(d.rows(), 8);
    let any = plan(data, &EncodeOptions::default().shape(ShapePolicy::Any))
        .unwrap()
        .size;
    assert!(any.area() <= sq.area() && any.area() <= r.area() && any.area() <= d.area());
    // forced size too small
    let e = data_codewords(
        data,
        &EncodeOptions::default().size(SymbolSize::from_dims(10, 10)),
    );
    assert!(
        matches!(e, Err(EncodeError::DataTooLong { capacity: 3, .. })),
        "{e:?}"
    );
    // limits that leave nothing
    let e = data_codewords(data, &EncodeOptions::default().max_rows(Some(9)));
    assert!(
        matches!(e, Err(EncodeError::ConflictingOptions(_))),
        "{e:?}"
    );
    // rectangular holds at most 49
    let long = [b'a'; 200];
    let e = data_codewords(
        &long,
        &EncodeOptions::default().shape(ShapePolicy::Rectangular),
    );
    match e {
        Err(EncodeError::DataTooLong {
            needed,
            capacity,
            largest,
        }) => {
            assert_eq!(capacity, 49);
            assert_eq!(largest.to_string(), "16x48");
            assert!(needed > 49);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn size_order_is_by_area() {
    let o = size_order();
    assert_eq!(o.len(), 48);
    for w in o.windows(2) {
        assert!(w[0].area() <= w[1].area());
    }
    // equal area 32x32 vs 16x64: the square first
    let a = o.iter().position(|s| s.to_string() == "32x32").unwrap();
    let b = o.iter().position(|s| s.to_string() == "16x64").unwrap();
    assert!(a < b);
}

#[test]
fn equal_areas_prefer_fewer_codewords() {
    // 24x24 and 16x36 both have 576 modules; the text needs 33 data codewords in 24x24
    // (C40 unlatch before the padding) but fills 16x36 exactly with 32 (no unlatch)
    let text = b"Hello World, This Is Mixed Case Text 42";
    let any = EncodeOptions::default().shape(ShapePolicy::Any);
    let p = plan(text, &any).unwrap();
    assert_eq!((p.size.to_string(), p.codewords), ("16x36".to_string(), 32));
    let sq = plan(text, &EncodeOptions::default()).unwrap();
    assert_eq!(
        (sq.size.to_string(), sq.codewords),
        ("24x24".to_string(), 33)
    );
}

#[test]
fn too_long_input() {
    let big = vec![b'1'; MAX_ITEMS + 1];
    let e = data_codewords(&big, &EncodeOptions::default());
    assert!(matches!(e, Err(EncodeError::DataTooLong { .. })));
    let huge = vec![0u8; 1 << 20];
    let e = data_codewords(&huge, &EncodeOptions::default());
    assert!(matches!(e, Err(EncodeError::DataTooLong { .. })));
    let max = vec![b'1'; MAX_ITEMS];
    let (s, _) = data_codewords(&max, &EncodeOptions::default()).unwrap();
    assert_eq!(s.to_string(), "144x144");
}

#[test]
fn symbol_matches_codewords() {
    let s = encode(b"123456", &EncodeOptions::default()).unwrap();
    assert_eq!(s.codewords(), &[142, 164, 186, 114, 25, 5, 88, 102]);
    let mut e = Encoder::new();
    let s2 = e.encode(b"123456", &EncodeOptions::default()).unwrap();
    assert_eq!(s, s2);
}

#[test]
fn errors_display() {
    let e = EncodeError::BadEci { value: 1_000_000 };
    assert_eq!(e.to_string(), "eci 1000000 is above 999999");
}

/// Codewords (before padding) written with the first fitting end option `pick` accepts.
fn emit_with(
    data: &[u8],
    opts: &EncodeOptions,
    size: SymbolSize,
    pick: fn(&EndKind) -> bool,
) -> Vec<u8> {
    let mut e = Encoder::new();
    let (prefix, plen) = e.prepare(&[Segment::Data(data)], opts).unwrap();
    let cap = size.data_codewords();
    let k = (0..e.planner.ends.len())
        .find(|&k| pick(&e.planner.ends[k].kind) && e.planner.ends[k].used(cap as u32).is_some())
        .expect("no such option fits");
    let used = e.planner.ends[k].used(cap as u32).unwrap() as usize;
    let opt = e.planner.ends[k];
    e.trace(k);
    let mut out = prefix[..plen as usize].to_vec();
    let mut w = emit::Writer::new(&mut out, cap);
    w.write_path(&e.items, &e.planner.path, &opt);
    assert_eq!(out.len(), used, "prediction");
    out
}

fn triple(a: u32, b: u32, c: u32) -> [u8; 2] {
    let x = 1600 * a + 40 * b + c + 1;
    [(x >> 8) as u8, x as u8]
}

#[test]
fn forced_end_rules() {
    let s16 = SymbolSize::from_dims(16, 16).unwrap();
    // Shift 1 padding: FNC1, latch, ABC DEF GHI JKL, (M N Shift1)
    let v = emit_with(
        b"ABCDEFGHIJKLMN",
        &EncodeOptions::default().gs1(true).allowed(Modes::C40),
        s16,
        |k| matches!(k, EndKind::TriplePad(_)),
    );
    assert_eq!(v.len(), 12);
    assert_eq!(&v[..2], &[232, 230]);
    assert_eq!(&v[2..4], &triple(14, 15, 16));
    assert_eq!(&v[10..], &triple(26, 27, 0));
    // EDIFACT partial groups at the end: p values + unlatch, zero-filled
    let e = EncodeOptions::default().allowed(Modes::EDIFACT);
    let v = emit_with(b"ABCDE", &e, s16, |k| matches!(k, EndKind::Edifact(1)));
    // 'E' = 5, unlatch 31: 000101 011111 0000
    assert_eq!(&v[4..], &[0b0001_0101, 0b1111_0000]);
    let v = emit_with(b"ABCDEF", &e, s16, |k| matches!(k, EndKind::Edifact(2)));
    // 5, 6, 31: 000101 000110 011111 000000
    assert_eq!(&v[4..], &[0b0001_0100, 0b0110_0111, 0b1100_0000]);
    let v = emit_with(b"ABCDEFG", &e, s16, |k| matches!(k, EndKind::Edifact(3)));
    // 5, 6, 7, 31
    assert_eq!(&v[4..], &[0b0001_0100, 0b0110_0001, 0b1101_1111]);
    assert_eq!(v[0], 240);
    // a group boundary with more than 2 codewords left: unlatch 31 + zero bits
    let v = emit_with(b"ABCD", &e, s16, |k| matches!(k, EndKind::Edifact(0)));
    assert_eq!(v, [240, 0b0000_0100, 0b0010_0000, 0b1100_0100, 0b0111_1100]);
    // Base 256 to the end of the data
    let v = emit_with(b"\x80\x81", &EncodeOptions::default(), s16, |k| {
        matches!(k, EndKind::B256Final { .. })
    });
    assert_eq!(v.len(), 4);
    assert_eq!(v[0], 231);
}

#[test]
fn pruning_dominated_schemes_changes_nothing() {
    let mut a = Planner::default();
    let mut b = Planner::default();
    for (k, m) in messages().iter().enumerate() {
        let items: Vec<u32> = m.iter().map(|&x| x as u32).collect();
        let modes = Modes::from_bits((k % 32) as u8);
        a.run(&items, modes, (k % 3) as u32);
        b.run_with(&items, modes, (k % 3) as u32);
        for s in SymbolSize::all() {
            let cap = s.data_codewords() as u32;
            assert_eq!(
                a.best_for(cap).map(|x| x.1),
                b.best_for(cap).map(|x| x.1),
                "{m:?} {modes:?} {s}"
            );
        }
    }
}

#[test]
fn gs1_pharma_plan() {
    let data = b"010950600013435217261231\x1d10ABC123\x1d21SN0000000001";
    let opts = EncodeOptions::default().gs1(true);
    let p = plan(data, &opts).unwrap();
    let (s, v) = cw(data, &opts);
    assert_eq!(s, p.size.to_string());
    // ASCII throughout is optimal here; worked by hand from ISO/IEC 16022 5.2.3:
    // FNC1, 01 09 50 60 00 13 43 52 (pairs 130+nn), 17 26 12 31, FNC1, 10, A B C, 12,
    // 3, FNC1, 21, S N, 00 00 00 00 01, then one pad
    assert_eq!(p.runs.len(), 1);
    assert_eq!(
        v,
        [
            232, 131, 139, 180, 190, 130, 143, 173, 182, 147, 156, 142, 161, 232, 140, 66, 67, 68,
            142, 52, 232, 151, 84, 79, 130, 130, 130, 130, 131, 129
        ]
    );
    assert_eq!(p.codewords, 29);
    assert_eq!(s, "22x22");
}

/// CPU-time split of the pharma encode (run with --release -- --ignored --nocapture).
#[test]
#[ignore]
fn speed_breakdown() {
    use std::hint::black_box;
    use std::time::Instant;
    let data = b"010950600013435217261231\x1d10ABC123\x1d21SN0000000001";
    let opts = EncodeOptions::default().gs1(true);
    let mut e = Encoder::new();
    let n = 200_000u32;
    let t = Instant::now();
    for _ in 0..n {
        black_box(e.prepare(&[Segment::Data(black_box(data))], &opts).unwrap());
    }
    println!("prepare+run: {:?}", t.elapsed() / n);
    let items = e.items.clone();
    let mut p = Planner::default();
    let t = Instant::now();
    for _ in 0..n {
        p.run(black_box(&items), Modes::ALL, 1);
        black_box(p.ends.len());
    }
    println!("run: {:?}", t.elapsed() / n);
    for m in [
        Modes::ASCII_ONLY,
        Modes::C40,
        Modes::EDIFACT,
        Modes::C40 | Modes::EDIFACT,
    ] {
        let t = Instant::now();
        for _ in 0..n {
            p.run_with(black_box(&items), m, 1);
            black_box(p.ends.len());
        }
        println!("run {m:?}: {:?}", t.elapsed() / n);
    }
    let t = Instant::now();
    for _ in 0..n {
        black_box(e.choose(&opts).unwrap());
    }
    println!("choose: {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n {
        black_box(
            e.data_codewords(&[Segment::Data(black_box(data))], &opts)
                .unwrap()
                .0,
        );
    }
    println!("data_codewords: {:?}", t.elapsed() / n);
}

#[test]
fn encode_into_reuses_a_symbol_of_any_size() {
    // one symbol reused across sizes (growing, shrinking, other shape) must equal a
    // fresh encode every time, and an error must leave it untouched
    let mut enc = Encoder::new();
    let any = EncodeOptions::default().shape(ShapePolicy::Any);
    let long = vec![b'x'; 900];
    let inputs: [(&[u8], &EncodeOptions); 5] = [
        (b"123456", &EncodeOptions::default()),
        (&long, &EncodeOptions::default()),
        (b"ABCDEFGHIJKLMNOP", &any),
        (b"\x1d0109506000134352", &EncodeOptions::default()),
        (b"a", &EncodeOptions::default()),
    ];
    let mut sym = enc.encode(b"seed", &EncodeOptions::default()).unwrap();
    for (data, opts) in inputs {
        enc.encode_into(data, opts, &mut sym).unwrap();
        let fresh = encode(data, opts).unwrap();
        assert_eq!(sym.size(), fresh.size());
        assert_eq!(sym.codewords(), fresh.codewords());
        assert_eq!(sym.matrix(), fresh.matrix());
    }
    let before = sym.clone();
    let huge = vec![0xFFu8; 5000];
    assert!(enc
        .encode_into(&huge, &EncodeOptions::default(), &mut sym)
        .is_err());
    assert_eq!(sym.matrix(), before.matrix());
    assert_eq!(sym.codewords(), before.codewords());
}
