//! Criterion benchmarks: grading (ISO/IEC 15415) of a located symbol.
use criterion::{criterion_group, criterion_main, Criterion};
use ecc200::grade::{grade_located, GradeOptions};
use std::hint::black_box;

#[path = "../tests/grade_support/mod.rs"]
mod grade_support;

fn grade_24x24_10px(c: &mut Criterion) {
    let mut r = grade_support::Render::new(24, 24);
    r.angle = 0.3;
    let (img, loc) = r.render();
    let frame = img.as_frame().expect("frame");
    let opts = GradeOptions::default();
    assert_eq!(
        grade_located(&frame, &loc, &opts).expect("grades").scans[0].grade,
        4
    );
    c.bench_function("grade_24x24_10px", |b| {
        b.iter(|| grade_located(black_box(&frame), black_box(&loc), &opts))
    });
}

criterion_group!(benches, grade_24x24_10px);
criterion_main!(benches);
