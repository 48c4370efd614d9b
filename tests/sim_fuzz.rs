//! Hostile parameters: rendering returns a result (image or error), never panics.

use ecc200::render::{to_ascii, to_png, to_svg, to_text, RenderOptions};
use ecc200::sim::{Glare, Rng, Scene, SimSymbol};
use ecc200::{ModuleMatrix, Point};

/// Mostly a plausible small value, sometimes something hostile.
fn wild(r: &mut Rng) -> f64 {
    if r.chance(0.93) {
        return r.range(0.0, 1.0);
    }
    match r.below(8) {
        0 => f64::NAN,
        1 => f64::INFINITY,
        2 => -1e300,
        3 => 1e12,
        4 => 0.0,
        5 => -r.range(0.0, 100.0),
        _ => r.range(0.0, 10.0),
    }
}

#[test]
fn wild_scenes_do_not_panic() {
    let mut r = Rng::new(99);
    let (mut ok, mut err) = (0, 0);
    for _ in 0..400 {
        let rows = r.below(30);
        let cols = r.below(30);
        let mut m = ModuleMatrix::new(rows, cols);
        for i in 0..rows {
            for j in 0..cols {
                m.set(i, j, r.chance(0.5));
            }
        }
        let mut s = SimSymbol::new(
            m,
            Point::new(wild(&mut r) * 10.0, wild(&mut r) * 5.0),
            wild(&mut r),
        )
        .rotation(wild(&mut r))
        .tilt(wild(&mut r) / 5.0, wild(&mut r) / 5.0)
        .mirrored(r.chance(0.5))
        .inverted(r.chance(0.5))
        .quiet_zone(wild(&mut r) * 3.0)
        .print_growth(wild(&mut r) / 10.0)
        .round_dots(r.chance(0.5).then(|| wild(&mut r) / 5.0));
        if r.chance(0.3) {
            s = s.corner_offsets(
                [(); 4].map(|_| Point::new(wild(&mut r) * 3.0, wild(&mut r) * 3.0)),
            );
        }
        let scene = Scene::new(
            r.below(90) + r.chance(0.9) as usize * 20,
            r.below(70) + r.chance(0.9) as usize * 20,
        )
        .symbol(s)
        .blur(wild(&mut r))
        .motion_blur(wild(&mut r), wild(&mut r))
        .noise(wild(&mut r))
        .lighting(wild(&mut r) / 10.0, wild(&mut r), wild(&mut r) / 10.0)
        .glare(Glare::new(
            Point::new(wild(&mut r), wild(&mut r)),
            wild(&mut r),
            wild(&mut r) / 10.0,
        ))
        .tone(0.5 + wild(&mut r), 0.5 + wild(&mut r))
        .clutter(r.below(5))
        .background(r.below(256) as u8, wild(&mut r))
        .seed(r.next_u64());
        match scene.render() {
            Ok(f) => {
                assert_eq!(f.image.data.len(), f.image.width * f.image.height);
                ok += 1;
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                err += 1;
            }
        }
    }
    eprintln!("{ok} rendered, {err} refused");
    assert!(ok > 50 && err > 50, "{ok} {err}");
}

#[test]
fn wild_render_options_do_not_panic() {
    let mut r = Rng::new(5);
    for _ in 0..300 {
        let m = ModuleMatrix::new(r.below(40), r.below(40));
        let mut o = RenderOptions::default()
            .module_px(r.below(40) as u32)
            .quiet_zone(r.below(120) as u32)
            .invert(r.chance(0.5));
        if r.chance(0.5) {
            o = o.x_dim(wild(&mut r), r.below(3000) as u32);
        }
        let _ = to_png(&m, &o);
        let _ = to_svg(&m, &o.clone().colors("#zz", Some("red")));
        let _ = to_text(&m, &o);
        let _ = to_ascii(&m, &o);
    }
}
