//! Encoder round trips through an independent test decoder, and planner properties.

mod encode_common;

use ecc200::encode::{
    data_codewords, plan, plan_segments, segments_data_codewords, EncodeOptions, Modes, Segment,
    ShapePolicy,
};
use encode_common::{decode, It};
use proptest::prelude::*;

fn items_of(data: &[u8], gs1: bool) -> Vec<It> {
    let mut v = Vec::new();
    if gs1 {
        v.push(It::Fnc1);
    }
    v.extend(
        data.iter()
            .map(|&b| if gs1 && b == 0x1D { It::Fnc1 } else { It::B(b) }),
    );
    v
}

/// Bytes drawn from the classes that matter to the planner.
fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        4 => b'0'..=b'9',
        3 => b'A'..=b'Z',
        2 => b'a'..=b'z',
        1 => Just(b' '),
        1 => prop::sample::select(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\r\x1d".to_vec()),
        1 => 0u8..=31,
        1 => 128u8..=255,
    ]
}

fn modes() -> impl Strategy<Value = Modes> {
    (0u8..32).prop_map(Modes::from_bits)
}

fn shape() -> impl Strategy<Value = ShapePolicy> {
    prop_oneof![
        Just(ShapePolicy::Square),
        Just(ShapePolicy::Rectangular),
        Just(ShapePolicy::RectangularWithDmre),
        Just(ShapePolicy::Any),
    ]
}

fn check(data: &[u8], opts: &EncodeOptions) -> Result<usize, TestCaseError> {
    let (size, cw) = match data_codewords(data, opts) {
        Ok(x) => x,
        Err(e) => {
            // only a size limit may refuse; rectangular symbols hold at most 49
            prop_assert!(
                matches!(e, ecc200::encode::EncodeError::DataTooLong { .. }),
                "{e}"
            );
            return Ok(0);
        }
    };
    prop_assert_eq!(cw.len(), size.data_codewords());
    let d = decode(&cw).map_err(|e| TestCaseError::fail(format!("{e}: {cw:?}")))?;
    prop_assert_eq!(&d.items, &items_of(data, opts.gs1), "codewords {:?}", cw);
    let p = plan(data, opts).unwrap();
    prop_assert_eq!(p.size, size);
    let written = d.pad_at.unwrap_or(cw.len());
    prop_assert_eq!(p.codewords, written, "prediction vs emitted, {:?}", cw);
    Ok(p.codewords)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn round_trip_and_prediction(
        data in prop::collection::vec(byte(), 0..40),
        m in modes(),
        s in shape(),
        gs1 in any::<bool>(),
    ) {
        let opts = EncodeOptions::default().allowed(m).shape(s).gs1(gs1);
        check(&data, &opts)?;
    }

    #[test]
    fn round_trip_runs_of_one_class(
        parts in prop::collection::vec((0usize..6, 1usize..12), 1..6),
        m in modes(),
    ) {
        // long single-class runs make the planner switch modes
        let sets: [&[u8]; 6] = [b"0123456789", b"ABCXYZ ", b"abcxyz ", b"ABC*>\r ", b"ABC!?;=", b"\x80\xff\xe9\x00"];
        let mut data = Vec::new();
        for (k, (set, len)) in parts.into_iter().enumerate() {
            for i in 0..len {
                data.push(sets[set][(i * 7 + k) % sets[set].len()]);
            }
        }
        let opts = EncodeOptions::default().allowed(m).shape(ShapePolicy::Any);
        check(&data, &opts)?;
    }

    #[test]
    fn every_size_forced(data in prop::collection::vec(byte(), 0..30), idx in 0usize..48) {
        let size = ecc200::SymbolSize::from_index(idx).unwrap();
        let opts = EncodeOptions::default().size(Some(size));
        check(&data, &opts)?;
    }

    #[test]
    fn more_modes_never_cost_more(data in prop::collection::vec(byte(), 0..40), m in modes()) {
        let big = ecc200::SymbolSize::from_dims(144, 144).unwrap();
        let sub = plan(&data, &EncodeOptions::default().allowed(m).size(Some(big))).unwrap();
        let all = plan(&data, &EncodeOptions::default().size(Some(big))).unwrap();
        prop_assert!(all.codewords <= sub.codewords, "{} > {}", all.codewords, sub.codewords);
        // and the automatically chosen symbol is never larger
        let sub = plan(&data, &EncodeOptions::default().allowed(m)).unwrap();
        let all = plan(&data, &EncodeOptions::default()).unwrap();
        prop_assert!(all.size.area() <= sub.size.area());
    }

    #[test]
    fn never_worse_than_single_scheme_baselines(data in prop::collection::vec(byte(), 1..60)) {
        let big = ecc200::SymbolSize::from_dims(144, 144).unwrap();
        let p = plan(&data, &EncodeOptions::default().size(Some(big))).unwrap();
        // ASCII only, computed here: digit pairs greedily, upper shift for high bytes
        let mut a2 = 0;
        let mut i = 0;
        while i < data.len() {
            if data[i].is_ascii_digit() && data.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
                a2 += 1;
                i += 2;
            } else {
                a2 += if data[i] >= 128 { 2 } else { 1 };
                i += 1;
            }
        }
        prop_assert!(p.codewords <= a2);
        // all Base 256: latch, length, bytes
        prop_assert!(p.codewords <= 2 + data.len());
        let ao = plan(&data, &EncodeOptions::default().size(Some(big)).allowed(Modes::ASCII_ONLY)).unwrap();
        prop_assert_eq!(ao.codewords, a2);
    }

    #[test]
    fn segments_with_eci_round_trip(
        a in prop::collection::vec(byte(), 0..20),
        b in prop::collection::vec(byte(), 0..20),
        eci in prop_oneof![0u32..127, 127u32..16383, 16383u32..=999_999],
    ) {
        let segs = [Segment::Data(&a), Segment::Eci(eci), Segment::Fnc1, Segment::Data(&b)];
        let opts = EncodeOptions::default().shape(ShapePolicy::Any);
        let (size, cw) = segments_data_codewords(&segs, &opts).unwrap();
        let d = decode(&cw).map_err(TestCaseError::fail)?;
        let mut want: Vec<It> = a.iter().map(|&x| It::B(x)).collect();
        want.push(It::Eci(eci));
        want.push(It::Fnc1);
        want.extend(b.iter().map(|&x| It::B(x)));
        prop_assert_eq!(d.items, want);
        let p = plan_segments(&segs, &opts).unwrap();
        prop_assert_eq!(p.size, size);
        prop_assert_eq!(p.codewords, d.pad_at.unwrap_or(cw.len()));
    }
}

#[test]
fn long_inputs_round_trip() {
    // Base 256 with 1- and 2-byte lengths, length 0 to the end, long C40/Text/EDIFACT
    let mut cases: Vec<Vec<u8>> = Vec::new();
    for len in [249usize, 250, 251, 277, 278, 279, 500, 1000, 1554, 1555] {
        cases.push((0..len).map(|i| (i * 131 + 128) as u8 | 0x80).collect());
    }
    cases.push((0..2000).map(|i| b"ABCDEFGHIJ"[i % 10]).collect());
    cases.push((0..2000).map(|i| b"abcdefghij"[i % 10]).collect());
    cases.push((0..1500).map(|i| b"A.B/C-D:E"[i % 9]).collect());
    cases.push((0..3116).map(|i| b'0' + (i % 10) as u8).collect());
    for data in &cases {
        let (size, cw) = data_codewords(data, &EncodeOptions::default()).unwrap();
        let d = decode(&cw).unwrap_or_else(|e| panic!("{e} (len {})", data.len()));
        assert_eq!(d.items, items_of(data, false), "len {}", data.len());
        let p = plan(data, &EncodeOptions::default()).unwrap();
        assert_eq!(p.size, size);
        assert_eq!(
            p.codewords,
            d.pad_at.unwrap_or(cw.len()),
            "len {}",
            data.len()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary bytes and option combinations: an answer or an error, never a panic;
    /// every answer decodes back (header codewords aside).
    #[test]
    fn arbitrary_input_and_options_never_panic(
        data in prop::collection::vec(any::<u8>(), 0..80),
        m in modes(),
        s in shape(),
        gs1 in any::<bool>(),
        eci in prop::option::of(0u32..1_100_000),
        sa in prop::option::of((0u8..18, 0u8..18, any::<u8>(), any::<u8>())),
        rp in any::<bool>(),
        mac in 0u8..4,
        rows in prop::option::of(0usize..150),
    ) {
        use ecc200::encode::{Macro, StructuredAppend};
        let macro_header = [Macro::None, Macro::Auto, Macro::Macro05, Macro::Macro06][mac as usize];
        let opts = EncodeOptions::default()
            .allowed(m)
            .shape(s)
            .gs1(gs1)
            .eci(eci)
            .structured_append(sa.map(|(p, t, a, b)| StructuredAppend { position: p, total: t, file_id: [a, b] }))
            .reader_programming(rp)
            .macro_header(macro_header)
            .max_rows(rows);
        if let Ok((size, cw)) = data_codewords(&data, &opts) {
            prop_assert_eq!(cw.len(), size.data_codewords());
            let d = decode(&cw).map_err(TestCaseError::fail)?;
            let mut want = Vec::new();
            if let Some(e) = eci {
                want.push(It::Eci(e));
            }
            let body = items_of(&data, gs1);
            // GS1 mode: the leading FNC1 is a header codeword after structured append
            let explicit = matches!(macro_header, Macro::Macro05 | Macro::Macro06);
            let d_items: Vec<It> = if gs1 && !rp && !explicit {
                let mut v = d.items.clone();
                prop_assert_eq!(v.first(), Some(&It::Fnc1));
                v.remove(0);
                v
            } else {
                d.items.clone()
            };
            let body = if gs1 { body[1..].to_vec() } else { body };
            want.extend(body);
            if d.macro_cw.is_none() {
                prop_assert_eq!(d_items, want);
            }
            prop_assert_eq!(d.reader_programming, rp);
            prop_assert_eq!(d.structured_append.is_some(), sa.is_some());
        }
    }
}
