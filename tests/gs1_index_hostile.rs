//! Hostile input for the parsers of untrusted data (GS1 element strings in every
//! syntax, Digital Link URIs, scanner data, validation, data codewords): none may
//! panic, and every element string that parses must come back the same from its
//! own text forms (bracketed always; raw and scanner data for raw-parsed or valid
//! data; Digital Link for valid data without repeated AIs).

use ecc200::decode::decode_data;
use ecc200::gs1::{self, ElementString, PharmaStyle, ValidateOptions};
use proptest::prelude::*;

/// Well-formed inputs in every syntax; the strategies cut and mutate them.
const SEEDS: &[&str] = &[
    "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001",
    "[01]09506000134352[3103]000189[11]200229[7006]20240231[8011]0123",
    "(01)09506000134352(10)AB\\(1\\)(21)A(B(7011)2412311200(4321)1(8001)12345678901234",
    "(00)106141411234567897(02)09506000134352(37)12(253)9506000134352ABC(8030)QUJD==",
    "(01)09506000134352(8110)0123456123456111101231102234103012345(8112)001234561234560123456",
    "(8004)ABCDEF(7040)1A2B(4300)AB%2F(8007)DE44500105175407324931(8013)1987654Ad4X4bL5ttr2310c2K",
    "]d201095060001343521726123110ABC123\u{1d}21SN0000000001",
    "]C10109506000134352\u{1d}10A\u{1d}",
    "01095060001343521726123110ABC123\u{1d}21SN0000000001",
    "\u{1d}00106141411234567897",
    "https://id.gs1.org/01/09506000134352/10/AB%2F1/21/12345?17=261231&3103=000189&linkType=x#frag",
    "HTTP://example.com/a/b/00/106141411234567897?99=ab%41&&x",
    "https://d.example/01/09506000134352/235/ABC%25?7003=2412311200",
];

/// Bytes that mean something to one of the syntaxes.
const ALPHABET: &[u8] = b"0123456789()[]\\%/?&=#]d2C1eQJAZaz-_.:\x1d\xff \xc3\xa9";

fn pairs(es: &ElementString) -> Vec<(String, String)> {
    es.fields()
        .map(|f| (f.ai.to_string(), f.value.to_string()))
        .collect()
}

/// Everything the element string API offers on a parsed value, and its round trips.
fn exercise(es: &ElementString, how: &str) {
    if es.is_empty() {
        return;
    }
    let fields = pairs(es);
    // bracketed: always, except after a value ending in '\' (documented: the syntax
    // has no escape for a backslash)
    let bracketed = es.to_bracketed();
    let backslash_before_field = fields.iter().rev().skip(1).any(|(_, v)| v.ends_with('\\'));
    if !backslash_before_field {
        let back = gs1::parse(&bracketed)
            .unwrap_or_else(|e| panic!("{how}: {bracketed:?} does not parse back: {e}"));
        assert_eq!(pairs(&back), fields, "{how}: bracketed {bracketed:?}");
    }
    let opts = [
        ValidateOptions::default(),
        ValidateOptions::default()
            .permit_unknown_ais(true)
            .check_associations(false)
            .warn_embedded_ais(false),
    ];
    let valid = gs1::validate(es, &opts[0]).is_ok();
    for o in &opts {
        let (errs, _) = gs1::validate_all(es, o);
        for e in &errs {
            let _ = e.to_string();
        }
    }
    let _ = es.hri();
    let _ = es.pharma_hri(PharmaStyle::EuFmd);
    let _ = es.pharma_hri(PharmaStyle::Dscsa);
    let _ = es.to_string();
    // raw and scanner data: exact for raw-parsed data and for valid data (fixed
    // lengths right, CSET 82 values)
    if how == "raw" || how == "scan" || valid {
        let raw = es.to_raw();
        let back = ElementString::parse_raw(&raw)
            .unwrap_or_else(|e| panic!("{how}: raw {raw:?} does not parse back: {e}"));
        assert_eq!(pairs(&back), fields, "{how}: raw {raw:?}");
        let scan = es.to_scan_data();
        let back = ElementString::parse_scan_data(&scan)
            .unwrap_or_else(|e| panic!("{how}: scan {scan:?} does not parse back: {e}"));
        assert_eq!(pairs(&back), fields, "{how}: scan data {scan:?}");
    }
    // Digital Link: the same pairs (key and qualifiers first) for valid data
    // without repeated AIs
    let mut ais: Vec<&str> = fields.iter().map(|(a, _)| a.as_str()).collect();
    ais.sort_unstable();
    let repeated = ais.windows(2).any(|w| matches!(w, [a, b] if a == b));
    if let Ok(uri) = es.to_digital_link("https://id.gs1.org") {
        if valid && !repeated {
            let back = ElementString::parse_digital_link(&uri)
                .unwrap_or_else(|e| panic!("{how}: {uri:?} does not parse back: {e}"));
            let (mut got, mut want) = (pairs(&back), fields.clone());
            got.sort();
            want.sort();
            assert_eq!(got, want, "{how}: Digital Link {uri:?}");
        }
    }
}

/// Every entry point on one input: parse (auto), each syntax, check.
fn throw(s: &str) {
    let b = s.as_bytes();
    if let Ok(es) = gs1::parse(s) {
        exercise(&es, "parse");
    }
    if let Ok(es) = ElementString::parse_bracketed(s) {
        exercise(&es, "bracketed");
    }
    if let Ok(es) = ElementString::parse_raw(b) {
        exercise(&es, "raw");
    }
    if let Ok(es) = ElementString::parse_scan_data(b) {
        exercise(&es, "scan");
    }
    if let Ok(es) = ElementString::parse_digital_link(s) {
        exercise(&es, "dl");
    }
    let r = gs1::check(s, &ValidateOptions::default());
    let _ = r.to_json();
    for e in &r.errors {
        assert!(
            e.position + e.length <= s.len(),
            "{s:?}: error {e} past the input"
        );
    }
}

fn mutated() -> impl Strategy<Value = String> {
    (
        prop::sample::select(SEEDS),
        prop::collection::vec(
            (0usize..3, any::<prop::sample::Index>(), 0..ALPHABET.len()),
            0..4,
        ),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(seed, edits, cut, cut_front)| {
            let mut b = seed.as_bytes().to_vec();
            for (op, at, c) in edits {
                let c = ALPHABET.get(c).copied().unwrap_or(b'0');
                match op {
                    0 if !b.is_empty() => {
                        let i = at.index(b.len());
                        b[i] = c;
                    }
                    1 => b.insert(at.index(b.len() + 1), c),
                    _ if !b.is_empty() => {
                        b.remove(at.index(b.len()));
                    }
                    _ => {}
                }
            }
            let k = cut.index(b.len() + 1);
            if cut_front {
                b.drain(..k);
            } else {
                b.truncate(k);
            }
            String::from_utf8_lossy(&b).into_owned()
        })
}

fn syntax_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(0..ALPHABET.len(), 0..48).prop_map(|ix| {
        let b: Vec<u8> = ix
            .into_iter()
            .filter_map(|i| ALPHABET.get(i).copied())
            .collect();
        String::from_utf8_lossy(&b).into_owned()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn arbitrary_bytes(b in prop::collection::vec(any::<u8>(), 0..96)) {
        throw(&String::from_utf8_lossy(&b));
        let _ = ElementString::parse_raw(&b);
        let _ = ElementString::parse_scan_data(&b);
    }

    #[test]
    fn arbitrary_strings(s in ".{0,64}") {
        throw(&s);
    }

    #[test]
    fn syntax_characters(s in syntax_soup()) {
        throw(&s);
        throw(&format!("({s}"));
        throw(&format!("]d2{s}"));
        throw(&format!("https://x.y/01/09506000134352/{s}"));
        throw(&format!("https://x.y/01/09506000134352?{s}"));
    }

    #[test]
    fn mutated_and_truncated_seeds(s in mutated()) {
        throw(&s);
    }

    #[test]
    fn data_codewords(cw in prop::collection::vec(any::<u8>(), 0..80)) {
        if let Ok(c) = decode_data(&cw) {
            let _ = c.text();
            let _ = c.eci_transmission();
            let _ = c.symbology_identifier();
        }
    }

    #[test]
    fn data_codewords_near_latches(
        cw in prop::collection::vec(
            prop_oneof![
                3 => any::<u8>(),
                2 => prop::sample::select(&[230u8, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 254, 129][..]),
                2 => 1u8..=129,
            ],
            0..80,
        )
    ) {
        if let Ok(c) = decode_data(&cw) {
            let _ = c.text();
            let _ = c.eci_transmission();
        }
    }
}

#[test]
fn lone_markers_and_stubs() {
    for s in [
        "",
        "(",
        ")",
        "[",
        "]",
        "]d",
        "]d2",
        "]d2\u{1d}",
        "]d1",
        "]C1",
        "]e0",
        "]Q3",
        "]J1",
        "(0",
        "(01",
        "(01)",
        "(01)(",
        "(01)0",
        "(01)\\(",
        "()",
        "(12345)1",
        "[01",
        "[01]",
        "[01](",
        "\u{1d}",
        "\u{1d}\u{1d}",
        "0",
        "01",
        "010950600013435",
        "10ABC\u{1d}",
        "8110",
        "800",
        "http://",
        "https://",
        "https://x",
        "https://x/",
        "https://x/01",
        "https://x/01/",
        "https://x?",
        "https://x/01/09506000134352?",
        "https://x/01/09506000134352?17",
        "https://x/01/09506000134352?17=",
        "https://x/01/09506000134352?=1",
        "%",
        "(10)%",
    ] {
        throw(s);
    }
}

#[test]
fn digital_link_uris_cut_at_every_position() {
    let is_uri = |s: &&&str| s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("http"));
    for uri in SEEDS.iter().filter(is_uri) {
        for k in 0..=uri.len() {
            if let (Some(head), Some(tail)) = (uri.get(..k), uri.get(k..)) {
                throw(head);
                throw(&format!("https://id.gs1.org/{tail}"));
            }
        }
    }
}

#[test]
fn percent_escapes_cut_short() {
    for esc in [
        "%", "%2", "%2F", "%G1", "%1G", "%%", "%C3%A9", "%00", "%7F", "%80", "%FF",
    ] {
        for place in [
            "https://id.gs1.org/01/09506000134352/10/A{}",
            "https://id.gs1.org/01/09506000134352/10/{}B",
            "https://id.gs1.org/01/09506000134352/21/1{}?17=261231",
            "https://id.gs1.org/01/09506000134352?10={}",
            "https://id.gs1.org/01/09506000134352?10=A{}&21=1",
            "https://id.gs1.org/01/0950600013435{}",
            "(01)09506000134352(4300)AB{}",
            "(01)09506000134352(8030)AB{}",
        ] {
            throw(&place.replace("{}", esc));
        }
    }
}
