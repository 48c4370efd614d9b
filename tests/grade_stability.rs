//! Stability of the grades: the same symbol at several rotations, resolutions and
//! mirrored grades the same within 0.3; clean renders grade 4.0.
mod grade_support;

use ecc200::grade::{grade_located, GradeOptions, ScanGrade};
use grade_support::Render;

fn scan(r: &Render) -> ScanGrade {
    let (img, loc) = r.render();
    grade_located(&img.as_frame().unwrap(), &loc, &GradeOptions::default())
        .expect("grades")
        .scans
        .remove(0)
}

fn variants(base: &Render) -> Vec<(String, Render)> {
    let mut v = Vec::new();
    for deg in [0.0f64, 7.0, 30.0, 45.0, 90.0] {
        let mut r = base.clone();
        r.angle = deg.to_radians();
        v.push((format!("{deg} deg"), r));
    }
    for ppm in [6.0, 15.0] {
        let mut r = base.clone();
        r.ppm_x *= ppm / 10.0;
        r.ppm_y *= ppm / 10.0;
        r.angle = 0.2;
        r.ss = 3;
        v.push((format!("{ppm} px/module"), r));
    }
    let mut r = base.clone();
    r.mirrored = true;
    r.angle = 0.4;
    v.push(("mirrored".to_string(), r));
    let mut r = base.clone();
    r.inverted = true;
    r.angle = -0.3;
    v.push(("inverted".to_string(), r));
    v
}

#[test]
fn clean_renders_grade_a_everywhere() {
    let mut fails = Vec::new();
    let mut n = 0;
    for (rows, cols) in [(10, 10), (24, 24), (8, 18), (16, 36)] {
        for (name, r) in variants(&Render::new(rows, cols)) {
            n += 1;
            let s = scan(&r);
            if s.grade != 4 {
                fails.push(format!(
                    "{rows}x{cols} {name}: grade {}\n{}",
                    s.grade,
                    s.to_text()
                ));
            }
            if s.an.value > 0.01 || s.gn.value > 0.1 || (s.sc.value - 200.0 / 255.0).abs() > 0.01 {
                fails.push(format!(
                    "{rows}x{cols} {name}: AN {} GN {} SC {}",
                    s.an.value, s.gn.value, s.sc.value
                ));
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

#[test]
fn defective_symbols_grade_the_same_in_every_pose() {
    let mut fails = Vec::new();
    let mut n = 0;
    let mut bases = Vec::new();
    // contrast B
    bases.push(("SC B", Render::new(20, 20).contrast(60, 220)));
    // 6 corrupted codewords: UEC 0.5 -> B
    let mut r = Render::new(24, 24);
    r.corrupt = (0..6).map(|i| (i * 4, 0x3C)).collect();
    bases.push(("UEC B", r));
    // axial non-uniformity 0.09 -> C
    let mut r = Render::new(22, 22);
    r.ppm_x = 10.45;
    r.ppm_y = 9.55;
    bases.push(("AN C", r));
    // two finder modules lost: L1 C
    let mut r = Render::new(24, 24);
    r.flips = vec![(5, 0), (11, 0)];
    bases.push(("FPD C", r));
    for (what, base) in &bases {
        let reference = scan(base).grade as f64;
        for (name, r) in variants(base) {
            n += 1;
            let s = scan(&r);
            if (s.grade as f64 - reference).abs() > 0.3 {
                fails.push(format!(
                    "{what} {name}: grade {} vs {reference}\n{}",
                    s.grade,
                    s.to_text()
                ));
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
