//! Serial ranges: every symbol equals `encode_gs1` of the same element string, and
//! the shared work is actually used.

use ecc200::encode::{encode_serials, EncodeOptions, SerialRange, SerialRangeError, ShapePolicy};
use ecc200::gs1::{self, ElementString};
use proptest::prelude::*;

const CSET82: &[u8] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

fn same_as_encode_gs1(base: &ElementString, serials: &[String], opts: &EncodeOptions) {
    let got = encode_serials(base, serials, opts).unwrap();
    assert_eq!(got.len(), serials.len());
    for (sn, sym) in serials.iter().zip(&got) {
        let mut es = base.clone();
        es.push("21", sn).unwrap();
        let want = ecc200::encode_gs1(&es, opts).unwrap();
        assert_eq!(sym, &want, "{} serial {sn:?}", base.to_bracketed());
    }
}

#[test]
fn pharma_range_uses_the_shared_work() {
    let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let serials: Vec<String> = (1..=300).map(|i| format!("SN{i:010}")).collect();
    same_as_encode_gs1(&base, &serials, &EncodeOptions::default());
    let range = SerialRange::new(&base, &EncodeOptions::default(), &serials[0]).unwrap();
    assert_eq!(range.size().map(|s| s.to_string()), Some("22x22".into()));
    let mut e = range.encoder();
    for s in &serials {
        e.encode(s).unwrap();
    }
    let (fast, total) = e.fast_count();
    assert_eq!(total, 300);
    assert_eq!(fast, 300, "every sequential serial shares the prefix work");
}

#[test]
fn mixed_lengths_and_alphabets() {
    let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let serials: Vec<String> = [
        "1",
        "12",
        "A",
        "abc",
        "SN0000000001",
        "ABCDEFGHJKLMNPQRSTUV",
        "abcdefghijklmnopqrst",
        "12345678901234567890",
        "!%&'()*+,-./:;<=>?_",
        "x",
        "Z9Z9Z9Z9",
        "00000000000000000000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    same_as_encode_gs1(&base, &serials, &EncodeOptions::default());
    same_as_encode_gs1(
        &base,
        &serials,
        &EncodeOptions::default().shape(ShapePolicy::RectangularWithDmre),
    );
}

#[test]
fn encode_into_reuses_one_symbol() {
    let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let range = SerialRange::new(&base, &EncodeOptions::default(), "SN0000000001").unwrap();
    let mut e = range.encoder();
    // start from a symbol of another size; sizes change along the way (short serials)
    let mut sym = ecc200::encode(b"x", &EncodeOptions::default()).unwrap();
    for sn in [
        "SN0000000001",
        "1",
        "SN0000000002",
        "abcdefghijklmnopqrst",
        "SN0000000003",
    ] {
        e.encode_into(sn, &mut sym).unwrap();
        let mut es = base.clone();
        es.push("21", sn).unwrap();
        assert_eq!(
            sym,
            ecc200::encode_gs1(&es, &EncodeOptions::default()).unwrap(),
            "{sn}"
        );
    }
    assert!(e.fast_count().0 >= 3);
}

#[test]
fn errors_name_the_serial() {
    let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let bad = vec!["SN1".to_string(), "SN 2".to_string()];
    match encode_serials(&base, &bad, &EncodeOptions::default()) {
        Err(SerialRangeError::BadSerial {
            index: 1,
            position: Some(2),
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    let long = vec!["123456789012345678901".to_string()];
    assert!(matches!(
        encode_serials(&base, &long, &EncodeOptions::default()),
        Err(SerialRangeError::BadSerial { index: 0, .. })
    ));
    let with21 = gs1::parse("(01)09506000134352(21)X").unwrap();
    assert!(matches!(
        SerialRange::new(&with21, &EncodeOptions::default(), "1"),
        Err(SerialRangeError::Base(_))
    ));
    let e = encode_serials(&base, &bad, &EncodeOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "serial 1, character 2: character outside GS1 character set 82"
    );
    let empty: Vec<String> = Vec::new();
    assert!(encode_serials(&base, &empty, &EncodeOptions::default())
        .unwrap()
        .is_empty());
}

fn cset82_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CSET82.to_vec()), 1..=max)
        .prop_map(|v| String::from_utf8(v).unwrap())
}

fn digits(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(0u8..10, n).prop_map(|v| v.iter().map(|d| (b'0' + d) as char).collect())
}

fn base() -> impl Strategy<Value = ElementString> {
    (
        digits(14),
        prop::option::of(digits(6)),
        prop::option::of(cset82_string(20)),
        prop::option::of(cset82_string(30)),
        prop::option::of(digits(6)),
    )
        .prop_map(|(gtin, exp, lot, part, prod)| {
            let mut es = ElementString::new();
            es.push("01", &gtin).unwrap();
            if let Some(x) = prod {
                es.push("11", &x).unwrap();
            }
            if let Some(x) = part {
                es.push("240", &x).unwrap();
            }
            if let Some(x) = lot {
                es.push("10", &x).unwrap();
            }
            if let Some(x) = exp {
                es.push("17", &x).unwrap();
            }
            es
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_ranges_equal_encode_gs1(
        base in base(),
        serials in prop::collection::vec(cset82_string(20), 1..24),
        seq_width in 1usize..14,
        seq_start in 0u64..1000,
        square in any::<bool>(),
    ) {
        let opts = if square {
            EncodeOptions::default()
        } else {
            EncodeOptions::default().shape(ShapePolicy::Any)
        };
        same_as_encode_gs1(&base, &serials, &opts);
        let seq: Vec<String> = (seq_start..seq_start + 20)
            .map(|i| format!("{i:0seq_width$}"))
            .collect();
        same_as_encode_gs1(&base, &seq, &opts);
    }
}

#[test]
fn interleaved_blocks() {
    // forced multi-block sizes (144x144 has blocks of unequal length) and a long base
    let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let serials: Vec<String> = (0..40).map(|i| format!("S{:08}", i * 7919)).collect();
    for dims in [(52, 52), (64, 64), (120, 120), (144, 144)] {
        let size = ecc200::SymbolSize::from_dims(dims.0, dims.1).unwrap();
        let opts = EncodeOptions::default().size(Some(size));
        same_as_encode_gs1(&base, &serials, &opts);
        let range = SerialRange::new(&base, &opts, &serials[0]).unwrap();
        let mut e = range.encoder();
        for s in &serials {
            e.encode(s).unwrap();
        }
        assert!(e.fast_count().0 > 0, "{size}: shared work used");
    }
    let long = gs1::parse(
        "(01)09506000134352(240)PART-0123456789-ABCDEFGHIJKLMNOP(91)abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz(92)ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789(10)LOT42",
    )
    .unwrap();
    same_as_encode_gs1(&long, &serials, &EncodeOptions::default());
}
