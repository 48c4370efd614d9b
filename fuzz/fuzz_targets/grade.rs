//! A frame holding a random small symbol, located by any homography (tame, perturbed,
//! or wild: NaN, infinite, singular) -> `grade::grade_located`, under ISO/IEC 15415 or
//! 29158 (with any system-response reference) and either reading of the clock segments
//! and the ideal grid.
#![no_main]
use ecc200::encode::{encode, EncodeOptions, ShapePolicy};
use ecc200::grade::{
    grade_located, Aperture, ClockSegments, DpmReference, GradeOptions, GridAnchor, Standard,
    SymbolLocation,
};
use ecc200::{Frame, Homography, Point, SymbolSize};
use libfuzzer_sys::fuzz_target;

include!("common.rs");

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let flags = b.u8();
    let n = (b.u8() % 12) as usize;
    let text = b.take(n);
    let shape = if flags & 1 != 0 {
        ShapePolicy::Any
    } else {
        ShapePolicy::Square
    };
    let Ok(sym) = encode(text, &EncodeOptions::default().shape(shape)) else {
        return;
    };
    let px = 1 + (b.u8() % 6) as usize;
    let (rows, cols) = (sym.rows(), sym.cols());
    let w = ((cols + 4) * px + (b.u8() % 16) as usize).min(400);
    let h = ((rows + 4) * px + (b.u8() % 16) as usize).min(400);
    let mut img = vec![235u8; w * h];
    paint(&mut img, w, h, w, sym.matrix(), 0, 0, px);
    // sparse noise
    for _ in 0..(b.u8() % 32) {
        let p = usize::from(b.u16()) % img.len();
        img[p] = b.u8();
    }
    let Ok(frame) = Frame::luma(&img, w, h, w) else {
        return;
    };
    let q = (2 * px) as f64;
    let true_h = Homography::similarity(px as f64, 0.0, q, q);
    let hmg = match flags >> 1 & 3 {
        0 => true_h,
        1 => {
            // perturbed corners
            let (cw, rh) = (cols as f64, rows as f64);
            let c = [(0.0, 0.0), (cw, 0.0), (cw, rh), (0.0, rh)].map(|(x, y)| {
                let p = true_h.map(Point { x, y });
                Point {
                    x: p.x + b.wild(8.0),
                    y: p.y + b.wild(8.0),
                }
            });
            match Homography::from_rect(cw, rh, c) {
                Some(h) => h,
                None => return,
            }
        }
        _ => {
            let mut m = [0.0; 9];
            for v in &mut m {
                *v = b.wild(50.0);
            }
            Homography::from_matrix(m)
        }
    };
    let size = if flags & 8 != 0 {
        SymbolSize::from_index(b.u8() as usize % SymbolSize::COUNT).unwrap_or(sym.size())
    } else {
        sym.size()
    };
    let loc = SymbolLocation {
        size,
        module_to_pixel: hmg,
        mirrored: flags & 16 != 0,
        inverted: flags & 128 != 0,
    };
    let mut opts = GradeOptions::default();
    match b.u8() % 4 {
        0 => {}
        1 => opts = opts.aperture(Aperture::XFraction(b.wild(2.0))),
        2 => {
            opts = opts
                .aperture(Aperture::Mils(b.wild(20.0)))
                .dpi(b.wild(1200.0))
        }
        _ => opts = opts.aperture(Aperture::Mm(b.wild(1.0))).dpi(b.wild(1200.0)),
    }
    if flags & 32 != 0 {
        opts = opts
            .min_pixels_per_module(b.wild(10.0))
            .low_resolution_is_error(flags & 64 != 0);
    }
    // the ISO/IEC 29158 mode and the selectable readings
    let extra = b.u8();
    if extra & 1 != 0 {
        opts = opts.standard(Standard::Iso29158);
    }
    if extra & 2 != 0 {
        opts = opts.dpm_reference(DpmReference {
            r_cal: b.wild(1.0),
            ml_cal: b.wild(255.0),
            sr_cal: b.wild(10.0),
            sr_target: b.wild(10.0),
        });
    }
    if extra & 4 != 0 {
        opts = opts.clock_segments(ClockSegments::PerRegion);
    }
    if extra & 8 != 0 {
        opts = opts.grid_anchor(GridAnchor::BestFit);
    }
    if let Ok(rep) = grade_located(&frame, &loc, &opts) {
        assert!(
            rep.grade.is_finite() && (0.0..=4.0).contains(&rep.grade),
            "grade {}",
            rep.grade
        );
        let _ = rep.grade_string();
        let _ = rep.to_json();
        let _ = rep.to_text();
    }
});
