//! Criterion benchmarks of GS1 element string parsing and validation.
use criterion::{criterion_group, criterion_main, Criterion};
use ecc200::gs1::{self, ElementString, ValidateOptions};
use std::hint::black_box;

fn parse_validate_pharma(c: &mut Criterion) {
    let input = "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001";
    let opts = ValidateOptions::default();
    c.bench_function("parse_validate_pharma", |b| {
        b.iter(|| {
            let es = ElementString::parse_bracketed(black_box(input)).expect("valid");
            gs1::validate(&es, &opts).expect("valid")
        })
    });
}

fn parse_digital_link(c: &mut Criterion) {
    let uri = "https://id.gs1.org/01/09506000134352/10/ABC123/21/SN0000000001?17=261231";
    let opts = ValidateOptions::default();
    c.bench_function("parse_digital_link", |b| {
        b.iter(|| {
            let es = ElementString::parse_digital_link(black_box(uri)).expect("valid");
            gs1::validate(&es, &opts).expect("valid")
        })
    });
}

fn parse_validate_raw(c: &mut Criterion) {
    let raw = b"01095060001343521726123110ABC123\x1d21SN0000000001";
    let opts = ValidateOptions::default();
    c.bench_function("parse_validate_raw", |b| {
        b.iter(|| {
            let es = ElementString::parse_raw(black_box(raw)).expect("valid");
            gs1::validate(&es, &opts).expect("valid")
        })
    });
}

criterion_group!(
    benches,
    parse_validate_pharma,
    parse_digital_link,
    parse_validate_raw
);
criterion_main!(benches);
