//! Rough timing of a full-HD scene (run with `--release -- --ignored --nocapture`).

use ecc200::sim::{random_matrix, Scene, SimSymbol};
use ecc200::{Point, SymbolSize};
use std::time::Instant;

#[test]
#[ignore = "timing; run in release"]
fn full_hd_three_symbols_with_blur() {
    let sz = SymbolSize::from_dims(24, 24).unwrap();
    let big = SymbolSize::from_dims(52, 52).unwrap();
    let scene = Scene::default()
        .symbol(SimSymbol::new(random_matrix(1, sz), Point::new(400.0, 400.0), 6.0).rotation(0.4))
        .symbol(
            SimSymbol::new(random_matrix(2, big), Point::new(1200.0, 500.0), 5.0).tilt(0.3, 0.2),
        )
        .symbol(
            SimSymbol::new(random_matrix(3, sz), Point::new(800.0, 850.0), 3.0)
                .round_dots(Some(0.9)),
        )
        .background(200, 2.0)
        .blur(1.0)
        .noise(3.0)
        .lighting(0.2, 0.5, 0.2)
        .clutter(10);
    let _ = scene.render().unwrap();
    let n = 10;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(scene.render().unwrap());
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!("1920x1080, 3 symbols, blur 1.0, noise, clutter: {ms:.1} ms per frame");
}

#[test]
#[ignore = "timing; run in release"]
fn component_times() {
    let sz = SymbolSize::from_dims(24, 24).unwrap();
    let t = |name: &str, s: Scene| {
        let _ = s.render().unwrap();
        let t = Instant::now();
        for _ in 0..5 {
            std::hint::black_box(s.render().unwrap());
        }
        println!("{name}: {:.1} ms", t.elapsed().as_secs_f64() * 200.0);
    };
    t("empty", Scene::default());
    t("texture", Scene::default().background(200, 2.0));
    t("noise", Scene::default().noise(2.0));
    t("blur1", Scene::default().blur(1.0));
    t("light", Scene::default().lighting(0.2, 0.5, 0.2));
    t("clutter", Scene::default().clutter(10));
    let big = SymbolSize::from_dims(52, 52).unwrap();
    t(
        "big tilted",
        Scene::default().symbol(
            SimSymbol::new(random_matrix(2, big), Point::new(1200.0, 500.0), 5.0).tilt(0.3, 0.2),
        ),
    );
    t(
        "dots",
        Scene::default().symbol(
            SimSymbol::new(random_matrix(3, sz), Point::new(800.0, 850.0), 3.0)
                .round_dots(Some(0.9)),
        ),
    );
    t(
        "symbol",
        Scene::default().symbol(SimSymbol::new(
            random_matrix(1, sz),
            Point::new(400.0, 400.0),
            6.0,
        )),
    );
}
