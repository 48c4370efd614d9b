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
    // CPU time per grade from /proc (Linux), immune to other processes' load
    if let Some(t0) = cpu_ticks() {
        let n = 300;
        for _ in 0..n {
            black_box(grade_located(black_box(&frame), black_box(&loc), &opts).ok());
        }
        if let Some(t1) = cpu_ticks() {
            // USER_HZ is 100 on Linux
            eprintln!(
                "grade_24x24_10px: {:.3} ms CPU per grade ({} grades)",
                (t1 - t0) as f64 * 10.0 / n as f64,
                n
            );
        }
    }
    c.bench_function("grade_24x24_10px", |b| {
        b.iter(|| grade_located(black_box(&frame), black_box(&loc), &opts))
    });
}

/// utime + stime of this process in clock ticks.
fn cpu_ticks() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

criterion_group!(benches, grade_24x24_10px);
criterion_main!(benches);
