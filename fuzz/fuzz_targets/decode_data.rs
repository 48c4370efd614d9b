//! Any data codewords -> `decode::decode_data`; any stream -> `from_codewords` and
//! `from_codewords_with_erasures` for a size picked from the input.
#![no_main]
use ecc200::decode::{decode_data, from_codewords, from_codewords_with_erasures};
use ecc200::SymbolSize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = decode_data(data) {
        let _ = c.text();
        let _ = c.symbology_identifier();
        for (at, _) in &c.eci {
            assert!(*at <= c.bytes.len());
        }
    }
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Some(size) = SymbolSize::from_index(first as usize % SymbolSize::COUNT) else {
        return;
    };
    // exact-length stream (repeating the input) and the raw input as given
    let total = size.total_codewords();
    let stream: Vec<u8> = if rest.is_empty() {
        vec![0; total]
    } else {
        rest.iter().copied().cycle().take(total).collect()
    };
    let _ = from_codewords(rest, size);
    if let Ok(d) = from_codewords(&stream, size) {
        assert_eq!(d.codewords.len(), total);
        assert_eq!(d.data_codewords.len(), size.data_codewords());
    }
    // erasures anywhere, out of range included
    let erasures: Vec<usize> = rest
        .iter()
        .take(64)
        .map(|&b| b as usize * 7 % (total + 5))
        .collect();
    let _ = from_codewords_with_erasures(&stream, size, &erasures);
    // a valid symbol made from these data codewords decodes to them
    if first & 0x80 != 0 {
        let nd = size.data_codewords();
        let clean = ecc200::rs::encode_symbol(size, &stream[..nd]);
        match from_codewords(&clean, size) {
            Ok(d) => assert_eq!(&d.data_codewords[..], &stream[..nd]),
            Err(ecc200::DecodeError::ErrorCorrection(e)) => panic!("clean stream fails RS: {e}"),
            Err(_) => {}
        }
    }
});
