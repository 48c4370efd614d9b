//! Any block, EC count and erasure list -> `rs::decode_block`; any stream and size ->
//! `rs::decode_symbol`; any data and EC length -> the encoder side.
#![no_main]
use ecc200::rs::{decode_block, decode_symbol, ec_codewords, encode_symbol};
use ecc200::SymbolSize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let n_ec = data[0] as usize;
    let n_er = (data[1] as usize) % 64;
    let (er_bytes, block) = data[2..].split_at(n_er.min(data.len() - 2));
    let erasures: Vec<usize> = er_bytes.iter().map(|&b| b as usize).collect();
    let mut blk = block.to_vec();
    if let Ok(st) = decode_block(&mut blk, n_ec, &erasures) {
        assert!(2 * st.errors + st.erasures <= st.capacity);
        // a corrected block is a codeword: decoding it again finds nothing
        let mut again = blk.clone();
        let st2 = decode_block(&mut again, n_ec, &[]).expect("corrected block decodes");
        assert_eq!(st2.errors, 0);
        assert_eq!(again, blk);
    } else {
        // failure leaves the block unchanged
        assert_eq!(blk, block);
    }
    // EC codewords of any length for any data (length bounded by the input)
    let mut ec = vec![0u8; n_ec.min(block.len())];
    ec_codewords(block.iter().copied(), &mut ec);

    // whole symbol: size from data[0], stream from the block
    let Some(size) = SymbolSize::from_index(n_ec % SymbolSize::COUNT) else {
        return;
    };
    let mut cw = block.to_vec();
    let before = cw.clone();
    if decode_symbol(size, &mut cw, &erasures).is_err() {
        assert_eq!(cw, before, "failed decode_symbol changed the stream");
    }
    // a clean symbol made from these data codewords decodes with no errors, and so
    // does one with a few corrupted codewords within capacity
    let nd = size.data_codewords();
    let dcw: Vec<u8> = block.iter().copied().cycle().take(nd).collect();
    if dcw.len() == nd {
        let clean = encode_symbol(size, &dcw);
        let mut s = clean.clone();
        let st = decode_symbol(size, &mut s, &[]).expect("clean symbol decodes");
        assert_eq!(st.errors, 0);
        // one error per block, at positions from the erasure bytes
        let blocks = size.blocks();
        for (b, &p) in er_bytes.iter().enumerate().take(blocks) {
            let pos = b + (p as usize % (s.len() / blocks)) * blocks;
            if pos < s.len() {
                s[pos] ^= 0x5a;
            }
        }
        if decode_symbol(size, &mut s, &[]).is_ok() {
            assert_eq!(s, clean, "one error per block miscorrected");
        }
    }
});
