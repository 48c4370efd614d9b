//! Criterion benchmarks of the reader: binarization per CPU level, run labelling, and
//! full reads of simulated 1920x1080 camera frames.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ecc200::binarize::Binarizer;
use ecc200::cpu::CpuLevel;
use ecc200::find::runs::Labeler;
use ecc200::read::{ReadOptions, Reader};
use ecc200::sim::{random_matrix, random_scene, Difficulty, Scene, SimSymbol};
use ecc200::{GrayImage, Point, SymbolSize};
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

/// The camera simulator that makes the test and benchmark frames: one 1920x1080 frame
/// with three symbols, blur, noise, uneven light and clutter.
fn simulate(c: &mut Criterion) {
    let s24 = SymbolSize::from_dims(24, 24).unwrap();
    let s52 = SymbolSize::from_dims(52, 52).unwrap();
    let scene = Scene::default()
        .symbol(SimSymbol::new(random_matrix(1, s24), Point::new(400.0, 400.0), 6.0).rotation(0.4))
        .symbol(
            SimSymbol::new(random_matrix(2, s52), Point::new(1200.0, 500.0), 5.0).tilt(0.3, 0.2),
        )
        .symbol(
            SimSymbol::new(random_matrix(3, s24), Point::new(800.0, 850.0), 3.0)
                .round_dots(Some(0.9)),
        )
        .background(200, 2.0)
        .blur(1.0)
        .noise(3.0)
        .lighting(0.2, 0.5, 0.2)
        .clutter(10);
    let mut g = c.benchmark_group("simulate_1920x1080");
    g.sample_size(10);
    g.bench_function("three_symbols_blur_noise_clutter", |bench| {
        bench.iter(|| black_box(scene.render().unwrap()))
    });
    g.finish();
}

criterion_group!(benches, binarize, label, read, simulate);
criterion_main!(benches);
