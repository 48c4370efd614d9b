//! `EncodeOptions::fnc1_ascii_only`: every FNC1 is written in ASCII (never as a C40/Text
//! Shift 2 value), the symbol still decodes to its input, and the constraint costs
//! codewords only within bounds: never fewer than without it, never more than ASCII
//! only. (Exact minimality under the constraint is not checked against an exhaustive
//! search here; `tests/encode_bruteforce.rs` does that for the unconstrained planner.)

use ecc200::decode::from_matrix as decode_matrix;
use ecc200::encode::{encode, plan, EncodeOptions, Mode, Modes, SerialRange};
use ecc200::gs1;
use proptest::prelude::*;

const GS: u8 = 0x1D;

/// True when some FNC1 (a GS byte of GS1 data) lies inside a C40 or Text run.
fn fnc1_in_triples(data: &[u8], opts: &EncodeOptions) -> bool {
    let p = plan(data, opts).unwrap();
    p.runs
        .iter()
        .any(|r| matches!(r.mode, Mode::C40 | Mode::Text) && data[r.start..r.end].contains(&GS))
}

/// GS1-like raw data: AI-like digit heads and uppercase/digit bodies, GS separated.
fn gs1_like() -> impl Strategy<Value = Vec<u8>> {
    let field = ("[0-9]{2,4}", "[A-Z0-9]{1,20}").prop_map(|(a, b)| format!("{a}{b}"));
    prop::collection::vec(field, 1..6).prop_map(|f| f.join("\u{1d}").into_bytes())
}

#[test]
fn the_default_does_put_fnc1_in_c40_and_the_option_prevents_it() {
    // uppercase on both sides of a separator: C40 across the FNC1 saves codewords
    let data = b"10ABCDEFGHIJKL\x1d21MNOPQRSTUV\x1d240XYZWVUTS";
    let gs1 = EncodeOptions::default().gs1(true);
    assert!(
        fnc1_in_triples(data, &gs1),
        "test data no longer exercises FNC1 in C40"
    );
    let strict = gs1.clone().fnc1_ascii_only(true);
    assert!(!fnc1_in_triples(data, &strict));
    let sym = encode(data, &strict).unwrap();
    let d = decode_matrix(sym.matrix()).unwrap();
    assert_eq!(d.bytes, data);
}

#[test]
fn serial_ranges_follow_the_option() {
    let base = gs1::parse("(01)09506000134352(17)261231(10)ABCDEFGH").unwrap();
    let opts = EncodeOptions::default().gs1(true).fnc1_ascii_only(true);
    let serials = ["SNABCDEFGH01", "ABCDEFGHIJ", "X1"];
    let range = SerialRange::new(&base, &opts, serials[0]).unwrap();
    for s in serials {
        let sym = range.encoder().encode(s).unwrap();
        let mut raw = base.to_raw();
        raw.push(GS);
        raw.extend_from_slice(b"21");
        raw.extend_from_slice(s.as_bytes());
        assert_eq!(&sym, &encode(&raw, &opts).unwrap(), "serial {s}");
        assert!(!fnc1_in_triples(&raw, &opts), "serial {s}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn fnc1_stays_in_ascii_and_decodes(data in gs1_like()) {
        let free = EncodeOptions::default().gs1(true);
        let strict = free.clone().fnc1_ascii_only(true);
        prop_assert!(!fnc1_in_triples(&data, &strict));
        let sym = encode(&data, &strict).unwrap();
        let d = decode_matrix(sym.matrix()).unwrap();
        prop_assert_eq!(&d.bytes, &data);
        let n_free = plan(&data, &free).unwrap().codewords;
        let n_strict = plan(&data, &strict).unwrap().codewords;
        let n_ascii = plan(&data, &strict.clone().allowed(Modes::ASCII_ONLY)).unwrap().codewords;
        prop_assert!(n_free <= n_strict && n_strict <= n_ascii, "{n_free} {n_strict} {n_ascii}");
    }
}
