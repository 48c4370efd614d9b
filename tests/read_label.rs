//! Symbols printed on a label darker than the paper around it (a grey or coloured
//! label on a white carton): the label's margin is the symbol's quiet zone, and a
//! binarizer whose window takes in the bright paper reads that margin as ink, so the
//! finder's L merges with the label's edge. The reader must find the finder inside
//! the label and read the symbol; and never return anything else.

use ecc200::read::{ReadOptions, Reader};
use ecc200::sim::{random_matrix, Scene, SimSymbol};
use ecc200::{Point, SymbolSize};

struct Case {
    size: (usize, usize),
    module_px: f64,
    rotation: f64,
    label: u8,
    margin: f64,
}

fn cases() -> Vec<Case> {
    let sizes = [(16, 16), (22, 22), (24, 24), (26, 26), (16, 36), (32, 32)];
    let mut v = Vec::new();
    let mut k = 0u32;
    for &size in &sizes {
        for &(module_px, label) in &[(4.5, 100u8), (6.0, 120), (7.5, 135), (5.0, 90)] {
            for &margin in &[1.5, 2.5] {
                k += 1;
                v.push(Case {
                    size,
                    module_px,
                    rotation: 0.13 * f64::from(k) % 1.5 - 0.7,
                    label,
                    margin,
                });
            }
        }
    }
    v
}

#[test]
fn symbols_on_dark_labels() {
    let mut reader = Reader::new(ReadOptions::default());
    let (mut read, mut wrong) = (0, 0);
    let mut missed = Vec::new();
    let all = cases();
    for (i, c) in all.iter().enumerate() {
        let size = SymbolSize::from_dims(c.size.0, c.size.1).expect("size");
        let m = random_matrix(i as u64 + 11, size);
        let scene = Scene::new(640, 480)
            .symbol(
                SimSymbol::new(m.clone(), Point::new(320.0, 240.0), c.module_px)
                    .rotation(c.rotation)
                    .levels(15, c.label)
                    .quiet_zone(c.margin),
            )
            .background(205, 2.0)
            .blur(0.6)
            .noise(2.0)
            .seed(i as u64);
        let frame = scene.render().expect("renders");
        let f = frame.image.as_frame().expect("frame");
        let want = ecc200::decode::from_matrix(&m).expect("decodes").bytes;
        let got = reader.read(&f);
        let mut ok = false;
        for r in &got {
            if r.decoded.bytes == want {
                ok = true;
            } else {
                wrong += 1;
            }
        }
        if ok {
            read += 1;
        } else {
            missed.push(format!(
                "{}x{} {} px label {} margin {}",
                c.size.0, c.size.1, c.module_px, c.label, c.margin
            ));
        }
    }
    println!("dark labels: read {read}/{}; missed {missed:?}", all.len());
    assert_eq!(wrong, 0, "wrong reads");
    // measured 2026-11-25: 37/48 (15/48 before the label-aware finder); the floor
    // sits a little below. Misses: label edges whose blurred step binarizes as a thin
    // dark frame that joins the finder at a corner (margins of 1.5 modules).
    assert!(read >= 35, "read {read}/{}: missed {missed:?}", all.len());
}
