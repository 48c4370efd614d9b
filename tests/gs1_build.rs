//! Output forms, warnings, JSON, serial provisioning and no-panic checks.

use ecc200::gs1::{self, ElementString, Linter, PharmaStyle, SerialGenerator, ValidateOptions};
use proptest::prelude::*;
use std::collections::HashSet;

const PHARMA: &str = "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001";

#[test]
fn raw_has_gs_only_after_variable_length_values_not_last() {
    let es = gs1::parse(PHARMA).unwrap();
    assert_eq!(
        es.to_raw(),
        b"01095060001343521726123110ABC123\x1d21SN0000000001".to_vec()
    );
    let es = gs1::parse("(10)ABC(21)S1(01)09506000134352").unwrap();
    assert_eq!(es.to_raw(), b"10ABC\x1d21S1\x1d0109506000134352".to_vec());
    // (422) has a fixed-length N3 but is not predefined-length: it needs a separator
    let es = gs1::parse("(01)09506000134352(422)276(10)L").unwrap();
    assert_eq!(es.to_raw(), b"0109506000134352422276\x1d10L".to_vec());
    assert_eq!(
        es.to_scan_data(),
        b"]d20109506000134352422276\x1d10L".to_vec()
    );
}

#[test]
fn round_trips_between_syntaxes() {
    let es: ElementString = PHARMA.parse().unwrap();
    assert_eq!(es.to_string(), PHARMA);
    assert!(es.validate(&ValidateOptions::default()).is_ok());
    assert_eq!(
        ElementString::parse("[01]09506000134352")
            .unwrap()
            .to_bracketed(),
        "(01)09506000134352"
    );
    let raw = ElementString::parse_raw(&es.to_raw()).unwrap();
    assert_eq!(raw.to_bracketed(), PHARMA);
    let scan = ElementString::parse_scan_data(&es.to_scan_data()).unwrap();
    assert_eq!(scan.to_bracketed(), PHARMA);
    let dl = es.to_digital_link("https://id.gs1.org/").unwrap();
    assert_eq!(
        dl,
        "https://id.gs1.org/01/09506000134352/10/ABC123/21/SN0000000001?17=261231"
    );
    let back = ElementString::from_digital_link(&dl).unwrap();
    assert_eq!(back.get("17"), Some("261231"));
    assert_eq!(back.get("21"), Some("SN0000000001"));
    let esc = gs1::parse("(01)09506000134352(10)A\\(B)").unwrap();
    assert_eq!(esc.get("10"), Some("A(B)"));
    assert_eq!(esc.to_bracketed(), "(01)09506000134352(10)A\\(B)");
    let dl = esc.to_digital_link("https://example.com/x").unwrap();
    assert_eq!(dl, "https://example.com/x/01/09506000134352/10/A%28B%29");
    assert_eq!(
        ElementString::parse_digital_link(&dl).unwrap().get("10"),
        Some("A(B)")
    );
}

#[test]
fn digital_link_build_rules() {
    let es = gs1::parse("(01)09506000134352(21)S1(22)V(10)L").unwrap();
    assert_eq!(
        es.to_digital_link("https://a.b").unwrap(),
        "https://a.b/01/09506000134352/22/V/10/L/21/S1"
    );
    let es = gs1::parse("(01)09506000134352(235)T1").unwrap();
    assert_eq!(
        es.to_digital_link("https://a.b").unwrap(),
        "https://a.b/01/09506000134352/235/T1"
    );
    let e = gs1::parse("(10)L(17)261231")
        .unwrap()
        .to_digital_link("https://a.b")
        .unwrap_err();
    assert_eq!(e.rule, "dl");
    // (8020) is not a DL data attribute
    let es = gs1::parse("(415)9521234543213(8020)R").unwrap();
    assert_eq!(
        es.to_digital_link("https://a.b").unwrap(),
        "https://a.b/415/9521234543213/8020/R"
    );
    let es = gs1::parse("(00)106141411234567897(8020)R").unwrap();
    let e = es.to_digital_link("https://a.b").unwrap_err();
    assert_eq!(
        (e.ai.as_deref(), e.position, e.rule),
        (Some("8020"), 22, "dl")
    );
}

#[test]
fn hri_and_pharma_blocks() {
    let es =
        gs1::parse("(01)09506000134352(17)261200(10)ABC123(21)SN0000000001(714)PT1234567").unwrap();
    assert_eq!(es.hri()[0], "(01) 09506000134352");
    assert_eq!(es.hri()[4], "(714) PT1234567");
    assert_eq!(
        es.pharma_hri(PharmaStyle::EuFmd),
        vec![
            "PC: 09506000134352",
            "SN: SN0000000001",
            "Batch: ABC123",
            "Exp: 261200",
            "NN: PT1234567"
        ]
    );
    assert_eq!(
        es.pharma_hri(PharmaStyle::Dscsa),
        vec![
            "GTIN: 09506000134352",
            "SN: SN0000000001",
            "LOT: ABC123",
            "EXP: 2026-12"
        ]
    );
    let es = gs1::parse(PHARMA).unwrap();
    assert_eq!(es.pharma_hri(PharmaStyle::Dscsa)[3], "EXP: 2026-12-31");
}

#[test]
fn warnings() {
    let opts = ValidateOptions::default();
    let es = gs1::parse("(01)09506000134352(10)ABC17261231").unwrap();
    let w = gs1::validate(&es, &opts).unwrap().warnings;
    assert_eq!(w.len(), 1);
    assert_eq!(
        (w[0].ai.as_deref(), w[0].position, w[0].rule),
        (Some("10"), 25, "embedded-ai")
    );
    let no = ValidateOptions::default().warn_embedded_ais(false);
    assert!(gs1::validate(&es, &no).unwrap().warnings.is_empty());
    // random serials with "10"/"21" inside are not flagged
    let es = gs1::parse("(01)09506000134352(21)K7Q2101A9").unwrap();
    assert!(gs1::validate(&es, &opts).unwrap().warnings.is_empty());
    let es = gs1::parse("(01)09506000134352(21)X0109506000134352").unwrap();
    let w = gs1::validate(&es, &opts).unwrap().warnings;
    assert_eq!(w[0].rule, "embedded-ai");
    let es = ElementString::parse_raw(b"010950600013435210ABC\x1d").unwrap();
    let w = gs1::validate(&es, &opts).unwrap().warnings;
    assert_eq!((w[0].position, w[0].rule), (21, "trailing-separator"));
    let es = gs1::parse("(01)09506000134352(10)A(10)A").unwrap();
    assert_eq!(
        gs1::validate(&es, &opts).unwrap().warnings[0].rule,
        "duplicate"
    );
    let es = gs1::parse("https://id.gs1.org/01/09506000134352?linkType=all").unwrap();
    assert_eq!(
        gs1::validate(&es, &opts).unwrap().warnings[0].rule,
        "dl-ignored-param"
    );
}

#[test]
fn all_errors_are_reported_in_order() {
    let es = gs1::parse("(01)09506000134353(17)261332(10)A B").unwrap();
    let errs = gs1::validate(&es, &ValidateOptions::default())
        .unwrap_err()
        .0;
    let got: Vec<_> = errs
        .iter()
        .map(|e| (e.ai.clone().unwrap(), e.position, e.rule))
        .collect();
    assert_eq!(
        got,
        vec![
            ("01".to_string(), 17, "csum"),
            ("17".to_string(), 24, "yymmd0"),
            ("10".to_string(), 33, "cset82")
        ]
    );
    assert_eq!(
        errs[1].to_string(),
        "AI (17): month 13 is not valid (01-12) (position 25-26)"
    );
    let es = gs1::parse("(01)09506000134352(17)261232").unwrap();
    let e = &gs1::validate(&es, &ValidateOptions::default())
        .unwrap_err()
        .0[0];
    assert_eq!(
        e.to_string(),
        "AI (17): day 32 is not a valid day of the month (position 27-28)"
    );
    let es = gs1::parse("(01)09506000134352(17)260230").unwrap();
    let e = &gs1::validate(&es, &ValidateOptions::default())
        .unwrap_err()
        .0[0];
    assert_eq!(
        e.to_string(),
        "AI (17): day 30 is not a valid day in February 2026 (position 27-28)"
    );
}

#[test]
fn json_report() {
    let r = gs1::check("(01)09506000134352(17)261232", &ValidateOptions::default());
    assert!(!r.is_valid());
    assert_eq!(
        r.to_json(),
        "{\"valid\":false,\"ais\":[{\"ai\":\"01\",\"value\":\"09506000134352\"},{\"ai\":\"17\",\"value\":\"261232\"}],\
\"hri\":\"(01) 09506000134352\\n(17) 261232\",\"dl\":null,\"errors\":[{\"ai\":\"17\",\"position\":26,\"length\":2,\
\"rule\":\"yymmd0\",\"message\":\"AI (17): day 32 is not a valid day of the month (position 27-28)\"}],\"warnings\":[]}"
    );
    let r = gs1::check("(01)09506000134352(10)A\"B", &ValidateOptions::default());
    assert!(r.is_valid());
    assert!(r.to_json().contains("\"value\":\"A\\\"B\""));
    assert!(r
        .to_json()
        .contains("\"dl\":\"https://id.gs1.org/01/09506000134352/10/A%22B\""));
    let r = gs1::check("(1", &ValidateOptions::default());
    assert!(r.to_json().starts_with(
        "{\"valid\":false,\"ais\":[],\"hri\":null,\"dl\":null,\"errors\":[{\"ai\":null,"
    ));
}

#[test]
fn push_builds_and_positions_follow_bracketed_form() {
    let mut es = ElementString::new();
    es.push("01", "09506000134352")
        .unwrap()
        .push("17", "261232")
        .unwrap();
    let e = &gs1::validate(&es, &ValidateOptions::default())
        .unwrap_err()
        .0[0];
    assert_eq!((e.position, e.rule), (26, "yymmd0"));
    assert!(es.push("1", "X").is_err());
    assert!(es.push("10", "").is_err());
    assert_eq!(es.len(), 2);
}

#[test]
fn limits() {
    let long = "(91)".to_string() + &"A".repeat(20_000);
    assert_eq!(gs1::parse(&long).unwrap_err().rule, "limit");
    let mut s = String::from("(01)09506000134352");
    for i in 0..40 {
        s.push_str(&format!("(91){:0>90}", i));
    }
    let es = gs1::parse(&s).unwrap();
    let errs = gs1::validate(&es, &ValidateOptions::default())
        .unwrap_err()
        .0;
    assert!(errs.iter().any(|e| e.rule == "limit"));
}

#[test]
fn linters_directly() {
    assert!(gs1::lint::run(Linter::Csum, b"09506000134352").is_ok());
    assert!(gs1::lint::run(Linter::CsumAlpha, b"1987654Ad4X4bL5ttr2310c2K").is_ok());
    assert!(gs1::lint::run(Linter::Iban, b"DE89370400440532013000").is_ok());
    assert!(gs1::lint::run(Linter::Iban, b"DE89370400440532013001").is_err());
    assert!(gs1::lint::run(Linter::PackageType, b"PX").is_ok());
    assert!(gs1::lint::run(Linter::Iso4217, b"840").is_ok());
    assert!(gs1::lint::run(Linter::Iso3166Alpha2, b"FR").is_ok());
    assert!(gs1::lint::run(Linter::YyyyMmDd, b"20240229").is_ok());
    assert_eq!(
        gs1::lint::run(Linter::YyMmDd, b"261200")
            .unwrap_err()
            .offset,
        4
    );
}

#[test]
fn sequential_serials() {
    let g = SerialGenerator::sequential("SN", 10, 1).unwrap();
    let v: Vec<String> = g.take(3).collect();
    assert_eq!(v, vec!["SN0000000001", "SN0000000002", "SN0000000003"]);
    let g = SerialGenerator::sequential("X", 1, 8).unwrap();
    assert_eq!(g.collect::<Vec<_>>(), vec!["X8", "X9"]);
    assert!(SerialGenerator::sequential("TOO-LONG-PREFIX-", 5, 0).is_err());
    assert!(SerialGenerator::sequential("S N", 5, 0).is_err());
}

#[test]
fn random_serials_unique_valid_and_reproducible() {
    let cs = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let a: Vec<String> = SerialGenerator::random(cs, 12, Some(42))
        .unwrap()
        .take(5000)
        .collect();
    let b: Vec<String> = SerialGenerator::random(cs, 12, Some(42))
        .unwrap()
        .take(5000)
        .collect();
    let c: Vec<String> = SerialGenerator::random(cs, 12, Some(43))
        .unwrap()
        .take(5000)
        .collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let set: HashSet<&String> = a.iter().collect();
    assert_eq!(set.len(), a.len());
    for s in &a {
        assert_eq!(s.len(), 12);
        let es = gs1::parse(&format!("(01)09506000134352(21){s}")).unwrap();
        gs1::validate(&es, &ValidateOptions::default().warn_embedded_ais(false)).unwrap();
    }
    // not sequential: consecutive outputs differ in more than the last character
    assert!(a.windows(2).filter(|w| w[0][..11] == w[1][..11]).count() < 10);
    // a small space is exhausted exactly, each value once
    let all: Vec<String> = SerialGenerator::random("AB", 4, Some(1)).unwrap().collect();
    assert_eq!(all.len(), 16);
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 16);
    // full-length CSET 82 space (82^20) works
    let g = SerialGenerator::random(
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
        20,
        None,
    )
    .unwrap();
    assert_eq!(g.take(100).collect::<HashSet<_>>().len(), 100);
    assert!(SerialGenerator::random("AA", 4, None).is_err());
    assert!(SerialGenerator::random("A", 4, None).is_err());
    assert!(SerialGenerator::random("AB", 21, None).is_err());
    assert!(SerialGenerator::random("A B", 4, None).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,80}") {
        let r = gs1::check(&s, &ValidateOptions::default());
        let _ = r.to_json();
    }

    #[test]
    fn never_panics_on_gs1_like_text(s in "[\\(\\)\\[\\]0-9A-Za-z%/?=&\\\\\x1d]{0,80}") {
        for input in [s.clone(), format!("(01)09506000134352{s}"), format!("]d2{s}"), format!("https://x.y/01/09506000134352{s}")] {
            let r = gs1::check(&input, &ValidateOptions::default().permit_unknown_ais(true));
            for e in &r.errors {
                prop_assert!(e.position + e.length <= input.len() + 1, "{e:?} in {input:?}");
            }
            let _ = r.to_json();
        }
    }

    #[test]
    fn raw_never_panics(b in proptest::collection::vec(any::<u8>(), 0..80)) {
        let _ = ElementString::parse_raw(&b).map(|es| gs1::validate(&es, &ValidateOptions::default()));
        let _ = ElementString::parse_scan_data(&b);
    }
}
