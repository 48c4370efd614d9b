//! Criterion benchmarks of the encoder: a GS1 pharma string to its module matrix, the
//! data codewords alone, and a long mixed text.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecc200::encode::{EncodeOptions, Encoder, Segment};
use std::hint::black_box;

/// (01)09506000134352(17)261231(10)ABC123(21)SN0000000001: GS (FNC1) after each
/// variable-length field that is not last.
const PHARMA: &[u8] = b"010950600013435217261231\x1d10ABC123\x1d21SN0000000001";

fn pharma() -> Vec<u8> {
    PHARMA.to_vec()
}

fn long_text() -> Vec<u8> {
    let mut v = Vec::new();
    while v.len() < 1200 {
        v.extend_from_slice(
            b"Lot 4711-B, exp. 2026-12-31; SERIAL ABCDEF0123456789 qty=250 \
              <Pharma GmbH> http://example.com/x?id=42 \xe9t\xe9 ",
        );
    }
    v.truncate(1200);
    v
}

fn bench(c: &mut Criterion) {
    let data = pharma();
    let gs1 = EncodeOptions::default().gs1(true);
    let mut enc = Encoder::new();

    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("encode_gs1_pharma", |b| {
        b.iter(|| {
            let s = enc.encode(black_box(&data), &gs1).unwrap();
            black_box(s.matrix().count_dark())
        })
    });
    g.bench_function("data_codewords_gs1_pharma", |b| {
        b.iter(|| {
            let (_, cw) = enc
                .data_codewords(&[Segment::Data(black_box(&data))], &gs1)
                .unwrap();
            black_box(cw.len())
        })
    });
    let text = long_text();
    let any = EncodeOptions::default();
    g.bench_function("encode_long_mixed_text_1200", |b| {
        b.iter(|| {
            let s = enc.encode(black_box(&text), &any).unwrap();
            black_box(s.size())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
