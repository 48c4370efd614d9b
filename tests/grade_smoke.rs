//! A clean render grades 4.0 with every value at its ideal.
mod grade_support;
use ecc200::grade::{grade_located, GradeOptions};
use grade_support::Render;

#[test]
fn clean_symbol_grades_a() {
    let r = Render::new(24, 24);
    let (img, loc) = r.render();
    let f = img.as_frame().unwrap();
    let rep = grade_located(&f, &loc, &GradeOptions::default()).unwrap();
    let s = &rep.scans[0];
    eprintln!("{}", rep.to_text());
    assert_eq!((rep.grade, rep.letter), (4.0, 'A'));
    assert_eq!(s.decode, 4);
    assert!((s.sc.value - 200.0 / 255.0).abs() < 1e-3);
    assert!(s.modulation.value > 0.99 && s.reflectance_margin.value > 0.99);
    assert!(s.an.value < 1e-3 && s.gn.value < 0.02 && s.uec.value == 1.0);
    assert!(s.print_growth_x.abs() < 0.01 && s.print_growth_y.abs() < 0.01);
    assert!((s.x_avg - 10.0).abs() < 0.01 && (s.aperture_px - 8.0).abs() < 0.01);
    assert!(s.warnings.is_empty() && s.reasons.is_empty());
}
