//! End to end: data -> encode -> matrix decode, and data -> encode -> simulated camera
//! frame -> read. The reader must give back exactly the data or nothing: never
//! something else.

use ecc200::encode::{EncodeOptions, ShapePolicy};
use ecc200::geometry::Point;
use ecc200::sim::{Scene, SimSymbol};
use ecc200::{decode, read, ReadOptions};
use proptest::prelude::*;

fn shape_of(i: u8) -> ShapePolicy {
    match i % 4 {
        0 => ShapePolicy::Square,
        1 => ShapePolicy::Rectangular,
        2 => ShapePolicy::RectangularWithDmre,
        _ => ShapePolicy::Any,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every symbol the encoder makes decodes from its matrix to the same bytes.
    #[test]
    fn encode_then_decode_matrix(data in proptest::collection::vec(any::<u8>(), 0..300), shape in 0u8..4) {
        let opts = EncodeOptions::default().shape(shape_of(shape));
        let sym = match ecc200::encode(&data, &opts) {
            Ok(s) => s,
            Err(ecc200::EncodeError::DataTooLong { .. }) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("encode failed: {e}"))),
        };
        let d = decode::from_matrix(sym.matrix()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(d.bytes, data);
        prop_assert_eq!(d.size, sym.size());
    }

    /// GS1 data round-trips with FNC1 separators as GS and the ]d2 identifier.
    #[test]
    fn gs1_round_trip(lot in "[A-Z0-9]{1,20}", serial in "[A-Za-z0-9]{1,20}", day in 1u32..29) {
        let input = format!("(01)09506000134352(17)2712{day:02}(10){lot}(21){serial}");
        let es = ecc200::gs1::parse(&input).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let sym = ecc200::encode_gs1(&es, &EncodeOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let d = decode::from_matrix(sym.matrix()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(d.gs1);
        prop_assert_eq!(d.symbology_identifier(), "]d2");
        let back = ecc200::gs1::ElementString::parse_raw(&d.bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.to_bracketed(), es.to_bracketed());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random data through a camera: the read is the data, or nothing.
    #[test]
    fn camera_reads_data_or_nothing(
        data in proptest::collection::vec(any::<u8>(), 1..60),
        module_px in 3.0f64..8.0,
        angle in 0.0f64..std::f64::consts::TAU,
        blur in 0.0f64..1.5,
        noise in 0.0f64..8.0,
        seed in any::<u64>(),
    ) {
        let sym = ecc200::encode(&data, &EncodeOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let scene = Scene::new(640, 480)
            .symbol(SimSymbol::new(sym.matrix().clone(), Point::new(320.0, 240.0), module_px).rotation(angle))
            .blur(blur)
            .noise(noise)
            .seed(seed);
        let frame = scene.render().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let f = frame.image.as_frame().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for r in read(&f, &ReadOptions::default()) {
            prop_assert_eq!(&r.decoded.bytes, &data, "a read returned other data");
        }
    }
}

/// The camera reads clean symbols of every shape at several angles (a floor, not a
/// tuned figure: every one of these is an easy read).
#[test]
fn camera_reads_clean_symbols() {
    let mut misses = Vec::new();
    for (i, shape) in [
        ShapePolicy::Square,
        ShapePolicy::Rectangular,
        ShapePolicy::Any,
    ]
    .into_iter()
    .enumerate()
    {
        for (k, text) in ["0123456789", "ECC200 GS1 DATAMATRIX", "lower case text, 42"]
            .iter()
            .enumerate()
        {
            let sym =
                ecc200::encode(text.as_bytes(), &EncodeOptions::default().shape(shape)).unwrap();
            let angle = 0.4 * (i * 3 + k) as f64;
            let scene = Scene::new(640, 480)
                .symbol(
                    SimSymbol::new(sym.matrix().clone(), Point::new(320.0, 240.0), 6.0)
                        .rotation(angle),
                )
                .blur(0.7)
                .noise(2.0);
            let frame = scene.render().unwrap();
            let got = read::read(&frame.image.as_frame().unwrap(), &ReadOptions::default());
            if got.first().map(|r| r.decoded.bytes.as_slice()) != Some(text.as_bytes()) {
                misses.push(format!("{shape:?} {text:?} at {angle:.1} rad"));
            }
        }
    }
    assert!(misses.is_empty(), "not read: {misses:?}");
}
