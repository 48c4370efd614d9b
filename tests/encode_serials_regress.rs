//! A serial range whose second serial once came out different from `encode_gs1`
//! (found by the `random_ranges_equal_encode_gs1` property in CI).

use ecc200::encode::{encode_serials, EncodeOptions};
use ecc200::gs1;

#[test]
fn lot_with_colon_then_mixed_serials() {
    let base = gs1::parse("(01)00000000000000(10)!a0:a0").unwrap();
    let serials = [
        "aa!a0aa0aaaaa!!!:.M".to_string(),
        "C68sC;3,)&3cO(?ZbB".to_string(),
    ];
    let opts = EncodeOptions::default();
    let got = encode_serials(&base, &serials, &opts).unwrap();
    for (sn, sym) in serials.iter().zip(&got) {
        let mut es = base.clone();
        es.push("21", sn).unwrap();
        let want = ecc200::encode_gs1(&es, &opts).unwrap();
        assert_eq!(sym.size(), want.size(), "size for {sn:?}");
        assert_eq!(
            sym.data_codewords(),
            want.data_codewords(),
            "data codewords for {sn:?}"
        );
        assert_eq!(sym, &want, "{sn:?}");
    }
}
