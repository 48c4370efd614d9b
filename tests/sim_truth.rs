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
            // every rotation meets every polarity; tilts cycle through
            let rots = [0.0, 0.3, 1.7, 3.9];
            let tilts = [(0.0, 0.0), (0.4, -0.2), (-0.3, 0.5)];
            let pols = [(false, false), (true, false), (false, true), (true, true)];
            for k in 0..16 {
                let (rot, (tx, ty), (mir, inv)) = (rots[k % 4], tilts[k % 3], pols[k / 4]);
                // frame just large enough for the tilted, rotated symbol
                let side = (m.rows().max(m.cols()) as f64 * mp * 1.6) as usize + 20;
                let c = side as f64 / 2.0;
                let s = SimSymbol::new(m.clone(), Point::new(c, c), mp)
                    .rotation(rot)
                    .tilt(tx, ty)
                    .mirrored(mir)
                    .inverted(inv)
                    .levels(40, 210);
                if s.matrix.cols() as f64 * mp > 200.0 {
                    continue;
                }
                let frame = Scene::new(side, side).symbol(s).render().unwrap();
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
    assert!(cases > 250, "{cases}");
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
        let a = random_scene_in(11, d, &ms, 320, 240).render().unwrap();
        let b = random_scene_in(11, d, &ms, 320, 240).render().unwrap();
        assert_eq!(a.image.data, b.image.data, "{d:?}");
        let c = random_scene_in(12, d, &ms, 320, 240).render().unwrap();
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

#[cfg(feature = "image")]
#[test]
fn jpeg_round_trip_adds_artefacts_but_keeps_modules() {
    let m = random_matrix(8, size(16, 16));
    let base = Scene::new(160, 160)
        .symbol(SimSymbol::new(m.clone(), Point::new(80.0, 80.0), 6.0).rotation(0.2));
    let plain = base.clone().render().unwrap();
    let j = base.jpeg(Some(50)).render().unwrap();
    assert_ne!(plain.image.data, j.image.data);
    let diff: u64 = plain
        .image
        .data
        .iter()
        .zip(&j.image.data)
        .map(|(&a, &b)| (a as i64 - b as i64).unsigned_abs())
        .sum();
    // artefacts, but small on average
    let mean = diff as f64 / plain.image.data.len() as f64;
    assert!(mean > 0.2 && mean < 15.0, "{mean}");
    assert_eq!(sample(&j.image, &j.truth[0], 125.0), m);
}

#[test]
fn sequences_move_symbols_and_feed_y4m() {
    use ecc200::sim::{sequence, write_y4m};
    let m = random_matrix(2, size(10, 10));
    let scene = Scene::new(120, 80)
        .symbol(SimSymbol::new(m, Point::new(30.0, 40.0), 4.0))
        .noise(2.0);
    let frames = sequence(&scene, 4, (25.0, 0.0)).unwrap();
    for (i, f) in frames.iter().enumerate() {
        let c = f.truth[0].module_centre(4, 4); // half a module (2 px) up-left of the centre
        let want = 30.0 + 25.0 * i as f64;
        assert!((c.x - (want - 2.0)).abs() < 1e-9, "{i} {c:?}");
    }
    assert_ne!(frames[0].image.data, frames[1].image.data);
    let y4m = write_y4m(
        &frames.iter().map(|f| f.image.clone()).collect::<Vec<_>>(),
        30,
    );
    assert_eq!(y4m.len(), 42 + 4 * (6 + 120 * 80 + 2 * 60 * 40));
    assert!(sequence(&scene, 20_000, (1.0, 0.0)).is_err());
}

#[test]
fn ink_variation_spreads_mark_levels() {
    let m = random_matrix(6, size(22, 22));
    let spread = |sd: f64| {
        let s = SimSymbol::new(m.clone(), Point::new(80.0, 80.0), 6.0)
            .levels(60, 220)
            .ink_variation(sd);
        let f = Scene::new(160, 160).symbol(s).seed(3).render().unwrap();
        let t = &f.truth[0];
        let vals: Vec<f64> = (0..22)
            .flat_map(|r| (0..22).map(move |c| (r, c)))
            .filter(|&(r, c)| m.get(r, c))
            .map(|(r, c)| {
                let p = t.module_centre(r, c);
                f.image.get(p.x as usize, p.y as usize).unwrap() as f64
            })
            .collect();
        let mean = vals.iter().sum::<f64>() / vals.len() as f64;
        let var = vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64;
        (mean, var.sqrt(), sample(&f.image, t, 140.0) == m)
    };
    let (m0, s0, ok0) = spread(0.0);
    assert!((m0 - 60.0).abs() < 0.6 && s0 < 0.6 && ok0, "{m0} {s0}");
    let (m1, s1, ok1) = spread(15.0);
    assert!(
        (m1 - 60.0).abs() < 4.0 && (s1 - 15.0).abs() < 3.0 && ok1,
        "{m1} {s1}"
    );
}
