//! The grader's checks, errors and outputs.
mod grade_support;

use ecc200::geometry::Homography;
use ecc200::grade::{
    grade_located, grade_many, Aperture, GradeError, GradeOptions, SymbolLocation,
};
use grade_support::Render;

#[test]
fn errors_name_what_is_wrong() {
    let r = Render::new(12, 12);
    let (img, loc) = r.render();
    let f = img.as_frame().unwrap();
    let d = GradeOptions::default();
    // quiet zone outside the frame
    let mut shifted = loc;
    let m = loc.module_to_pixel.matrix();
    shifted.module_to_pixel =
        Homography::from_matrix([m[0], m[1], m[2] - 48.0, m[3], m[4], m[5], m[6], m[7], m[8]]);
    let e = grade_located(&f, &shifted, &d).unwrap_err();
    assert!(matches!(e, GradeError::OutsideFrame { .. }), "{e}");
    assert!(e.to_string().contains("frame edge"));
    // singular location
    let bad = SymbolLocation {
        module_to_pixel: Homography::from_matrix([0.0; 9]),
        ..loc
    };
    assert_eq!(
        grade_located(&f, &bad, &d).unwrap_err(),
        GradeError::BadLocation
    );
    let nan = SymbolLocation {
        module_to_pixel: Homography::from_matrix([f64::NAN; 9]),
        ..loc
    };
    assert_eq!(
        grade_located(&f, &nan, &d).unwrap_err(),
        GradeError::BadLocation
    );
    // aperture in mils without dpi; bad fraction
    let e = grade_located(&f, &loc, &d.aperture(Aperture::Mils(8.0))).unwrap_err();
    assert_eq!(e, GradeError::ApertureNeedsDpi);
    let e = grade_located(&f, &loc, &d.aperture(Aperture::XFraction(-1.0))).unwrap_err();
    assert!(matches!(e, GradeError::BadOption(_)));
    // low resolution: warning by default, error on request
    let low = Render::new(12, 12).ppm(4.0);
    let (img4, loc4) = low.render();
    let f4 = img4.as_frame().unwrap();
    let rep = grade_located(&f4, &loc4, &d).unwrap();
    assert!(rep.scans[0]
        .warnings
        .iter()
        .any(|w| w.contains("pixels per module")));
    let e = grade_located(&f4, &loc4, &d.low_resolution_is_error(true)).unwrap_err();
    assert!(matches!(e, GradeError::LowResolution { .. }), "{e}");
    assert_eq!(grade_many(&[], &d).unwrap_err(), GradeError::NoImages);
}

#[test]
fn aperture_in_mils_and_grade_string() {
    let r = Render::new(16, 16);
    let (img, loc) = r.render();
    let f = img.as_frame().unwrap();
    // 10 px/module at 1000 dpi is a 10 mil X; an 8 mil aperture is 8 px
    let opts = GradeOptions::default()
        .dpi(1000.0)
        .aperture(Aperture::Mils(8.0))
        .wavelength_nm(640);
    let rep = grade_located(&f, &loc, &opts).unwrap();
    assert!((rep.scans[0].aperture_px - 8.0).abs() < 1e-9);
    assert_eq!(rep.grade_string(), "4.0/08/640");
    let opts = GradeOptions::default()
        .dpi(1000.0)
        .aperture(Aperture::Mm(0.254));
    let rep = grade_located(&f, &loc, &opts).unwrap();
    assert!((rep.scans[0].aperture_px - 10.0).abs() < 1e-9);
    assert_eq!(rep.grade_string(), "4.0/10/660");
    let rep = grade_located(&f, &loc, &GradeOptions::default()).unwrap();
    assert_eq!(rep.grade_string(), "4.0/--/660");
}

#[test]
fn many_scans_average() {
    let good = Render::new(16, 16);
    let mut worse = Render::new(16, 16).contrast(90, 220); // SC 0.51 -> C
    worse.angle = 0.1;
    let (a, la) = good.render();
    let (b, lb) = worse.render();
    let (c, lc) = good.render();
    let imgs = [
        (a.as_frame().unwrap(), la),
        (b.as_frame().unwrap(), lb),
        (c.as_frame().unwrap(), lc),
    ];
    let rep = grade_many(&imgs, &GradeOptions::default()).unwrap();
    assert_eq!(rep.scans.len(), 3);
    assert_eq!(rep.scans[1].grade, 2);
    assert!((rep.grade - 10.0 / 3.0).abs() < 1e-9);
    assert_eq!(rep.letter, 'B');
    assert_eq!(rep.grade_string(), "3.3/--/660");
}

#[test]
fn json_text_and_annotation() {
    let mut r = Render::new(24, 24).contrast(70, 220);
    r.corrupt = vec![(17, 0xFF)];
    r.flips = vec![(6, 0)];
    let (img, loc) = r.render();
    let f = img.as_frame().unwrap();
    let rep = grade_located(&f, &loc, &GradeOptions::default()).unwrap();
    let j = rep.to_json();
    for key in [
        "\"grade\":",
        "\"letter\":\"",
        "\"grade_string\":\"",
        "\"calibrated\":false",
        "\"scans\":[{",
        "\"decode\":{\"grade\":4}",
        "\"sc\":{\"value\":0.588",
        "\"mod\":{",
        "\"rm\":{",
        "\"fpd\":{\"grade\":",
        "\"segments\":{\"L1\":{\"modules\":24,\"damaged\":1,\"grade\":3}",
        "\"an\":{",
        "\"gn\":{",
        "\"uec\":{\"value\":0.9167",
        "\"print_growth\":{\"x\":",
    ] {
        assert!(
            j.contains(key),
            "{key} missing in {}",
            &j[..j.len().min(900)]
        );
    }
    // balanced braces and brackets, no NaN
    let depth = j.chars().fold(0i64, |d, c| match c {
        '{' | '[' => d + 1,
        '}' | ']' => d - 1,
        _ => d,
    });
    assert_eq!(depth, 0);
    assert!(!j.contains("NaN") && !j.contains("inf"));
    let s = &rep.scans[0];
    assert!(s
        .reasons
        .iter()
        .any(|x| x.contains("symbol contrast 58.8 %") && x.contains("graded B")));
    assert!(s
        .reasons
        .iter()
        .any(|x| x.contains("fixed pattern segment L1 graded B")));
    assert_eq!(s.codewords.iter().filter(|c| c.in_error).count(), 1);
    assert!(s.codewords[17].in_error);
    let t = rep.to_text();
    assert!(t.contains("symbol contrast") && t.contains("uncalibrated"));
    let a = rep.annotate(&f);
    assert_eq!(
        (a.width, a.height, a.rgb.len()),
        (f.width(), f.height(), 3 * f.width() * f.height())
    );
    // the annotation marks the flipped finder module in magenta
    assert!(a.rgb.chunks(3).any(|p| p == [255, 0, 255]));
    assert!(a.rgb.chunks(3).any(|p| p == [0, 200, 0]));
}

#[test]
fn weak_codeword_reasons_name_modules() {
    // 12 codewords at modulation 0.25 (D): MOD graded B by the notional UEC
    let mut r = Render::new(24, 24);
    let cw = ecc200::rs::encode_symbol(r.size, &r.data);
    for (k, &value) in cw.iter().enumerate().take(12) {
        for (j, (rr, cc)) in grade_support::codeword_modules(r.size, k)
            .into_iter()
            .enumerate()
        {
            let dark = value & (0x80 >> j) != 0;
            r.levels.push((rr, cc, if dark { 95 } else { 145 }));
        }
    }
    let (img, loc) = r.render();
    let rep = grade_located(&img.as_frame().unwrap(), &loc, &GradeOptions::default()).unwrap();
    let s = &rep.scans[0];
    assert_eq!(s.modulation.grade, 3, "{}", s.to_text());
    let line = s
        .reasons
        .iter()
        .find(|x| x.starts_with("codeword 0 (block 0) graded D for modulation: modules ("))
        .unwrap_or_else(|| panic!("{:?}", s.reasons));
    assert!(line.contains(" at 0.25"), "{line}");
}
