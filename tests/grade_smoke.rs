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
    eprintln!(
        "{:?}",
        (
            s.decode,
            s.sc,
            s.modulation,
            s.reflectance_margin,
            &s.fpd,
            s.an,
            s.gn,
            s.uec
        )
    );
    eprintln!(
        "{:?}",
        (
            s.print_growth_x,
            s.print_growth_y,
            s.x_avg,
            s.y_avg,
            &s.warnings
        )
    );
    assert_eq!(s.grade, 4);
}
