//! The grader on frames from the crate's simulator (blur, noise, rotation, mirroring):
//! what a camera adds must not move the grades of a good symbol much.
use ecc200::geometry::Point;
use ecc200::grade::{grade_located, GradeOptions, ScanGrade, SymbolLocation};
use ecc200::sim::{Scene, SimSymbol};
use ecc200::{Symbol, SymbolSize};

fn grade_sim(
    blur: f64,
    noise: f64,
    angle: f64,
    mirrored: bool,
    inverted: bool,
    seed: u64,
) -> ScanGrade {
    let size = SymbolSize::from_dims(24, 24).unwrap();
    let data: Vec<u8> = (0..size.data_codewords())
        .map(|i| (i * 29 + 3) as u8)
        .collect();
    let sym = Symbol::from_data_codewords(size, &data).unwrap();
    let s = SimSymbol::new(sym.into_matrix(), Point::new(200.0, 200.0), 10.0)
        .rotation(angle)
        .mirrored(mirrored)
        .inverted(inverted)
        .levels(30, 220)
        .quiet_zone(3.0);
    let f = Scene::new(400, 400)
        .symbol(s)
        .blur(blur)
        .noise(noise)
        .seed(seed)
        .render()
        .expect("renders");
    let t = &f.truth[0];
    let mut loc = SymbolLocation::new(size, t.module_to_pixel);
    loc.mirrored = t.mirrored;
    loc.inverted = t.inverted;
    grade_located(&f.image.as_frame().unwrap(), &loc, &GradeOptions::default())
        .expect("grades")
        .scans
        .remove(0)
}

#[test]
fn camera_effects_keep_a_good_symbol_good() {
    let mut fails = Vec::new();
    let mut n = 0;
    for (blur, noise) in [
        (0.0, 0.0),
        (0.7, 0.0),
        (1.2, 0.0),
        (0.0, 4.0),
        (0.0, 8.0),
        (0.8, 4.0),
    ] {
        for (angle, mirrored, inverted) in
            [(0.0, false, false), (0.35, false, true), (1.1, true, false)]
        {
            n += 1;
            let s = grade_sim(blur, noise, angle, mirrored, inverted, n as u64);
            let ok = s.decode == 4
                && s.grade >= 3
                && s.an.value < 0.03
                && s.gn.value < 0.2
                && (s.sc.value - 190.0 / 255.0).abs() < 0.06;
            if !ok {
                fails.push(format!("blur {blur} noise {noise} angle {angle} mirrored {mirrored} inverted {inverted}:\n{}", s.to_text()));
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{} of {n}:\n{}",
        fails.len(),
        fails.join("\n")
    );
}
