//! Serial ranges whose serials share character shapes (digit / upper / lower /
//! punctuation patterns) but not values: the serial encoder reuses the size choice
//! and path between serials of one shape, so every symbol must still equal
//! `encode_gs1` of the same element string.

use ecc200::encode::{encode_serials, EncodeOptions, SerialRange, ShapePolicy};
use ecc200::gs1::ElementString;
use proptest::prelude::*;

/// Character groups of GS1 set 82 that the encodation schemes treat differently.
const GROUPS: [&[u8]; 6] = [
    b"0123456789",
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    b"abcdefghijklmnopqrstuvwxyz",
    b"*>",
    b"!\"%&'()+,-./:;<=?",
    b"_",
];

fn check(base: &ElementString, serials: &[String], opts: &EncodeOptions) {
    let got = encode_serials(base, serials, opts).unwrap();
    // one sequential encoder too (encode_all may split the range across threads)
    let range = SerialRange::new(base, opts, &serials[0]).unwrap();
    let mut se = range.encoder();
    for (sn, sym) in serials.iter().zip(&got) {
        let mut es = base.clone();
        es.push("21", sn).unwrap();
        let want = ecc200::encode_gs1(&es, opts).unwrap();
        assert_eq!(sym, &want, "{} serial {sn:?}", base.to_bracketed());
        assert_eq!(se.encode(sn).unwrap(), want, "sequential, serial {sn:?}");
    }
}

/// Serials drawn from a few shapes of one length (a shape: one group per character)
/// and one of another length, in random order, each character a random member of its
/// group.
fn shaped_serials() -> impl Strategy<Value = Vec<String>> {
    let shapes = (1usize..=20, 1usize..=20).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(prop::collection::vec(0usize..GROUPS.len(), n), 3),
            prop::collection::vec(0usize..GROUPS.len(), m),
        )
            .prop_map(|(mut v, other)| {
                v.push(other);
                v
            })
    });
    (
        shapes,
        prop::collection::vec((0usize..4, prop::collection::vec(any::<u8>(), 20)), 2..30),
    )
        .prop_map(|(shapes, picks)| {
            picks
                .iter()
                .map(|(si, r)| {
                    let sh = &shapes[si % shapes.len()];
                    sh.iter()
                        .zip(r)
                        .map(|(&g, &x)| GROUPS[g][x as usize % GROUPS[g].len()] as char)
                        .collect()
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn shared_shapes_equal_encode_gs1(
        serials in shaped_serials(),
        lot in prop::option::of("[A-Z0-9a-z]{1,12}"),
        any_shape in any::<bool>(),
    ) {
        let mut base = ElementString::new();
        base.push("01", "09506000134352").unwrap();
        base.push("17", "261231").unwrap();
        if let Some(l) = &lot {
            base.push("10", l).unwrap();
        }
        let opts = if any_shape {
            EncodeOptions::default().shape(ShapePolicy::Any)
        } else {
            EncodeOptions::default()
        };
        check(&base, &serials, &opts);
    }
}

#[test]
fn pharma_counter_and_alphanumeric_tails() {
    let mut base = ElementString::new();
    base.push("01", "09506000134352").unwrap();
    base.push("17", "261231").unwrap();
    base.push("10", "ABC123").unwrap();
    let mut serials: Vec<String> = (0..200).map(|i| format!("SN{:010}", i * 4999)).collect();
    // same length, other shapes, interleaved with the counter
    for i in 0..60 {
        serials.push(format!("sn{:010}", i * 31));
        serials.push(format!("SN{:08}AB", i * 7));
        serials.push(format!("{:010}SN", i * 13));
        serials.push(format!("S*{:08}>N", i));
        serials.push(format!("SN{:010}", i * 4999));
    }
    check(&base, &serials, &EncodeOptions::default());
}
