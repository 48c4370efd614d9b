//! Criterion benchmarks of the encoder: a GS1 pharma string to its module matrix, the
//! data codewords alone, and a long mixed text.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecc200::encode::{EncodeOptions, Encoder, Segment, SerialRange};
use ecc200::render::{self, RenderOptions};
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
    // the PNG of that symbol at 10 px/module: 22x22 + the default 1-module quiet zone
    // = 24x24 modules, 240x240 px
    let sym = enc.encode(&data, &gs1).unwrap();
    let ropts = RenderOptions::default().module_px(10);
    g.bench_function("png_24x24_10px", |b| {
        b.iter(|| {
            let png = render::to_png(black_box(sym.matrix()), &ropts).unwrap();
            black_box(png.bytes.len())
        })
    });
    // a serial range: the same base, sequential serials, one thread (per-core rate)
    let base = ecc200::gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let serials: Vec<String> = (1..=1000).map(|i| format!("SN{i:010}")).collect();
    let range = SerialRange::new(&base, &EncodeOptions::default(), &serials[0]).unwrap();
    let mut se = range.encoder();
    let mut sym = se.encode(&serials[0]).unwrap();
    g.throughput(Throughput::Elements(serials.len() as u64));
    g.bench_function("serials_range", |b| {
        b.iter(|| {
            // one reused symbol: a sink that consumes each symbol before the next
            let mut dark = 0;
            for s in &serials {
                se.encode_into(black_box(s), &mut sym).unwrap();
                dark ^= sym.matrix().raw_words()[0];
            }
            black_box(dark)
        })
    });
    g.throughput(Throughput::Elements(1));
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
