//! Criterion benchmarks of the reader: binarization per CPU level, run labelling, and
//! full reads of simulated 1920x1080 camera frames.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ecc200::binarize::Binarizer;
use ecc200::cpu::CpuLevel;
use ecc200::find::runs::Labeler;
use ecc200::read::{ReadOptions, Reader};
use ecc200::sim::{random_matrix, random_scene, Difficulty};
use ecc200::{GrayImage, SymbolSize};
use std::hint::black_box;

fn frames() -> Vec<(String, GrayImage)> {
    let s16 = SymbolSize::from_dims(16, 16).unwrap();
    let s24 = SymbolSize::from_dims(24, 24).unwrap();
    let r = SymbolSize::from_dims(16, 48).unwrap();
    let mut v = Vec::new();
    for (name, d, seed) in [
        ("easy", Difficulty::Easy, 3u64),
        ("clutter", Difficulty::Clutter, 4),
        ("perspective", Difficulty::Perspective, 5),
    ] {
        let mats = vec![
            random_matrix(seed, s16),
            random_matrix(seed + 1, s24),
            random_matrix(seed + 2, r),
        ];
        let sim = random_scene(seed, d, &mats)
            .render()
            .expect("scene renders");
        v.push((name.to_string(), sim.image));
    }
    v
}

fn binarize(c: &mut Criterion) {
    let fr = frames();
    let frame = fr[0].1.as_frame().unwrap();
    let mut g = c.benchmark_group("binarize_1920x1080");
    for level in CpuLevel::available() {
        let mut b = Binarizer::new(level);
        g.bench_function(BenchmarkId::from_parameter(level), |bench| {
            bench.iter(|| {
                b.run(black_box(&frame));
            })
        });
    }
    g.finish();
}

fn label(c: &mut Criterion) {
    let fr = frames();
    let frame = fr[1].1.as_frame().unwrap();
    let mut b = Binarizer::new(CpuLevel::detect());
    let bin = b.run(&frame).clone();
    let mut l = Labeler::default();
    c.bench_function("runs_and_components_1920x1080", |bench| {
        bench.iter(|| l.label(black_box(&bin), false, 1 << 22))
    });
}

fn read(c: &mut Criterion) {
    let fr = frames();
    let mut g = c.benchmark_group("read_1920x1080");
    for (name, img) in &fr {
        let frame = img.as_frame().unwrap();
        let mut reader = Reader::new(ReadOptions::default());
        let n = reader.read(&frame).len();
        eprintln!("{name}: {n} of 3 symbols read");
        g.bench_function(BenchmarkId::from_parameter(name), |bench| {
            bench.iter(|| black_box(reader.read(black_box(&frame))))
        });
    }
    g.finish();
}

criterion_group!(benches, binarize, label, read);
criterion_main!(benches);
