//! Ground truth of the simulator: sampling the rendered image at module centres through
//! the true module-to-pixel transform recovers the matrix exactly.

use ecc200::sim::{random_matrix, random_scene_in, Difficulty, Scene, SimError, SimSymbol};
use ecc200::{GrayImage, ModuleMatrix, Point, SymbolSize};

fn size(r: usize, c: usize) -> SymbolSize {
    SymbolSize::from_dims(r, c).unwrap()
}

/// Reads the matrix back by bilinear sampling at module centres, thresholding halfway
/// between the symbol's two levels.
fn sample(img: &GrayImage, t: &ecc200::sim::TruthSymbol, threshold: f64) -> ModuleMatrix {
    let f = img.as_frame().unwrap();
    let mut m = ModuleMatrix::new(t.matrix.rows(), t.matrix.cols());
    for r in 0..m.rows() {
        for c in 0..m.cols() {
            let p = t
                .module_to_pixel
                .map(Point::new(c as f64 + 0.5, r as f64 + 0.5));
            let v = f.sample_bilinear(p.x, p.y);
            m.set(r, c, (v < threshold) != t.inverted);
        }
    }
    m
}

#[test]
fn module_centres_recover_the_matrix() {
    let sizes = [
        size(10, 10),
        size(24, 24),
        size(16, 48),
        size(8, 18),
        size(52, 52),
    ];
    let mut cases = 0;
    for (i, &sz) in sizes.iter().enumerate() {
        let m = random_matrix(i as u64, sz);
        for &mp in &[2.5, 3.0, 4.7, 8.0] {
            for &rot in &[0.0, 0.3, 1.7, 3.9] {
                for &(tx, ty) in &[(0.0, 0.0), (0.4, -0.2), (-0.3, 0.5)] {
                    for &(mir, inv) in &[(false, false), (true, false), (false, true), (true, true)]
                    {
                        let s = SimSymbol::new(m.clone(), Point::new(200.0, 200.0), mp)
                            .rotation(rot)
                            .tilt(tx, ty)
                            .mirrored(mir)
                            .inverted(inv)
                            .levels(40, 210);
                        if s.matrix.cols() as f64 * mp > 330.0 {
                            continue;
                        }
                        let frame = Scene::new(400, 400).symbol(s).render().unwrap();
                        let t = &frame.truth[0];
                        assert_eq!((t.mirrored, t.inverted), (mir, inv));
                        let got = sample(&frame.image, t, 125.0);
                        assert_eq!(
                            got, m,
                            "size {sz:?} module {mp} rot {rot} tilt {tx},{ty} mirrored {mir} inverted {inv}"
                        );
                        cases += 1;
                    }
                }
            }
        }
    }
    assert!(cases > 500, "{cases}");
}

#[test]
fn corners_follow_module_order_and_handedness() {
    let m = random_matrix(9, size(14, 14));
    for mir in [false, true] {
        let s = SimSymbol::new(m.clone(), Point::new(100.0, 100.0), 5.0).mirrored(mir);
        let f = Scene::new(200, 200).symbol(s).render().unwrap();
        let t = &f.truth[0];
        let c = t.corners;
        // upright: module (0,0) corner at top-left, or top-right when mirrored
        let expect_tl = if mir {
            Point::new(135.0, 65.0)
        } else {
            Point::new(65.0, 65.0)
        };
        assert!(c[0].dist(expect_tl) < 1e-9, "{c:?}");
        for (k, &(x, y)) in [(0.0, 0.0), (14.0, 0.0), (14.0, 14.0), (0.0, 14.0)]
            .iter()
            .enumerate()
        {
            assert!(t.module_to_pixel.map(Point::new(x, y)).dist(c[k]) < 1e-9);
        }
        // signed area: clockwise on screen (y down) unless mirrored
        let area: f64 = (0..4)
            .map(|i| c[i].x * c[(i + 1) % 4].y - c[(i + 1) % 4].x * c[i].y)
            .sum();
        assert_eq!(area > 0.0, !mir);
        // the L corner (bottom-left in module space) is dark just inside the symbol
        let inside = t.module_to_pixel.map(Point::new(0.5, 13.5));
        assert!(f.image.get(inside.x as usize, inside.y as usize).unwrap() < 60);
        // quiet zone just outside is light
        let out = t.module_to_pixel.map(Point::new(-0.5, 13.5));
        assert!(f.image.get(out.x as usize, out.y as usize).unwrap() > 200);
    }
}

#[test]
fn round_dots_and_growth_keep_centres() {
    let m = random_matrix(3, size(18, 18));
    for (dots, growth) in [
        (Some(0.8), 0.0),
        (Some(1.0), 0.2),
        (None, -0.3),
        (None, 0.3),
    ] {
        let s = SimSymbol::new(m.clone(), Point::new(100.0, 100.0), 6.0)
            .rotation(0.5)
            .round_dots(dots)
            .print_growth(growth);
        let f = Scene::new(200, 200).symbol(s).render().unwrap();
        assert_eq!(sample(&f.image, &f.truth[0], 125.0), m, "{dots:?} {growth}");
    }
    // growth really changes the ink: more growth, darker symbol
    let mean = |g: f64| {
        let s = SimSymbol::new(m.clone(), Point::new(100.0, 100.0), 6.0).print_growth(g);
        let f = Scene::new(200, 200).symbol(s).render().unwrap();
        f.image.data.iter().map(|&v| v as f64).sum::<f64>()
    };
    assert!(mean(0.3) < mean(0.0) && mean(0.0) < mean(-0.3));
}

#[test]
fn effects_apply_and_frame_inversion_flips_truth() {
    let m = random_matrix(4, size(20, 20));
    let base =
        Scene::new(300, 300).symbol(SimSymbol::new(m.clone(), Point::new(150.0, 150.0), 6.0));
    let plain = base.clone().render().unwrap();
    let inv = base.clone().invert(true).render().unwrap();
    assert!(inv.truth[0].inverted);
    for (a, b) in plain.image.data.iter().zip(&inv.image.data) {
        assert_eq!(*a as u16 + *b as u16, 255);
    }
    // module centres still read with blur of a quarter module and noise
    let f = base.clone().blur(1.5).noise(3.0).seed(5).render().unwrap();
    assert_eq!(sample(&f.image, &f.truth[0], 125.0), m);
    // glare brightens the region it covers
    let g = base
        .clone()
        .glare(ecc200::sim::Glare::new(Point::new(150.0, 150.0), 30.0, 0.7))
        .render()
        .unwrap();
    let sum = |img: &GrayImage| img.data.iter().map(|&v| v as u64).sum::<u64>();
    assert!(sum(&g.image) > sum(&plain.image));
    // lighting fall-off darkens
    let l = base.clone().lighting(0.3, 1.0, 0.2).render().unwrap();
    assert!(sum(&l.image) < sum(&plain.image));
    // motion blur, clutter and tone change pixels without panicking
    let busy = base
        .motion_blur(4.0, 0.7)
        .clutter(20)
        .tone(0.8, 1.3)
        .render()
        .unwrap();
    assert_ne!(busy.image.data, plain.image.data);
}

#[test]
fn same_seed_same_bytes() {
    let ms = [
        random_matrix(1, size(22, 22)),
        random_matrix(2, size(12, 36)),
    ];
    for d in Difficulty::ALL {
        if d == Difficulty::Jpeg && !cfg!(feature = "image") {
            continue;
        }
        let a = random_scene_in(11, d, &ms, 480, 360).render().unwrap();
        let b = random_scene_in(11, d, &ms, 480, 360).render().unwrap();
        assert_eq!(a.image.data, b.image.data, "{d:?}");
        let c = random_scene_in(12, d, &ms, 480, 360).render().unwrap();
        assert_ne!(a.image.data, c.image.data, "{d:?}");
    }
}

#[test]
fn bad_parameters_are_errors() {
    let m = random_matrix(1, size(10, 10));
    let s = || SimSymbol::new(m.clone(), Point::new(50.0, 50.0), 4.0);
    assert!(matches!(
        Scene::new(0, 10).render(),
        Err(SimError::FrameSize { .. })
    ));
    assert!(matches!(
        Scene::new(100_000, 10).render(),
        Err(SimError::FrameSize { .. })
    ));
    let e = Scene::new(100, 100).blur(f64::NAN).render().unwrap_err();
    assert!(e.to_string().contains("blur"), "{e}");
    let e = Scene::new(100, 100)
        .symbol(s().print_growth(2.0))
        .render()
        .unwrap_err();
    assert!(e.to_string().contains("symbol 0 print_growth"), "{e}");
    assert!(matches!(
        Scene::new(100, 100).symbol(s().tilt(1.5, 0.0)).render(),
        Err(SimError::BadParameter { .. })
    ));
    let folded = s().corner_offsets([
        Point::new(60.0, 60.0),
        Point::default(),
        Point::default(),
        Point::default(),
    ]);
    assert!(matches!(
        Scene::new(100, 100).symbol(folded).render(),
        Err(SimError::DegenerateSymbol { index: 0 })
    ));
    let empty = SimSymbol::new(ModuleMatrix::new(0, 0), Point::new(5.0, 5.0), 2.0);
    assert!(matches!(
        Scene::new(100, 100).symbol(empty).render(),
        Err(SimError::EmptyMatrix { index: 0 })
    ));
    // far off-frame and huge symbols are clipped, not refused
    let off = SimSymbol::new(m.clone(), Point::new(-1e5, 3e5), 1000.0);
    assert!(Scene::new(100, 100).symbol(off).render().is_ok());
}
