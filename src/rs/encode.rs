//! Systematic Reed-Solomon encoding and block interleaving.

use super::gf256::{mul, EXP, LOG};
use crate::matrix::SymbolSize;
use std::sync::OnceLock;

/// The generator polynomial with roots alpha^1..alpha^n, highest degree first without
/// its leading 1: `g[0]` multiplies x^(n-1). Computed once per EC length.
fn generator(n: usize) -> &'static [u8] {
    // EC lengths per block used by the size table
    static GENS: OnceLock<Vec<(usize, Vec<u8>)>> = OnceLock::new();
    let gens = GENS.get_or_init(|| {
        let mut lens: Vec<usize> = SymbolSize::all().map(|s| s.ec_per_block()).collect();
        lens.sort_unstable();
        lens.dedup();
        lens.into_iter().map(|n| (n, build_generator(n))).collect()
    });
    match gens.iter().find(|(len, _)| *len == n) {
        Some((_, g)) => g,
        None => Box::leak(build_generator(n).into_boxed_slice()),
    }
}

fn build_generator(n: usize) -> Vec<u8> {
    // coefficients, lowest degree first, of prod (x - alpha^i), i = 1..=n
    let mut g = vec![0u8; n + 1];
    g[0] = 1;
    for i in 1..=n {
        let root = EXP[i % 255];
        for j in (1..=i).rev() {
            g[j] = g[j - 1] ^ mul(g[j], root);
        }
        g[0] = mul(g[0], root);
    }
    // highest degree first, without the leading 1
    g[..n].iter().rev().copied().collect()
}

/// The `ec.len()` error-correction codewords of one block of data (polynomial division
/// by the generator, data highest degree first).
pub fn ec_codewords(data: impl IntoIterator<Item = u8>, ec: &mut [u8]) {
    let n = ec.len();
    let g = generator(n);
    ec.fill(0);
    for d in data {
        let fb = d ^ ec[0];
        ec.copy_within(1.., 0);
        ec[n - 1] = 0;
        if fb != 0 {
            let lf = LOG[fb as usize] as usize;
            for (e, &gk) in ec.iter_mut().zip(g) {
                if gk != 0 {
                    *e ^= EXP[lf + LOG[gk as usize] as usize];
                }
            }
        }
    }
}

/// The full placed codeword stream for `data` (exactly `size.data_codewords()` long):
/// the data, then the EC codewords of each block interleaved (block `i % blocks`).
pub fn encode_symbol(size: SymbolSize, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; size.total_codewords()];
    encode_symbol_into(size, data, &mut out);
    out
}

/// As [`encode_symbol`], into a caller's buffer of `size.total_codewords()` bytes.
pub fn encode_symbol_into(size: SymbolSize, data: &[u8], out: &mut [u8]) {
    let nd = size.data_codewords();
    let blocks = size.blocks();
    let ne = size.ec_per_block();
    out[..nd].copy_from_slice(&data[..nd]);
    let mut ec = [0u8; 68];
    for b in 0..blocks {
        ec_codewords(
            data[..nd].iter().skip(b).step_by(blocks).copied(),
            &mut ec[..ne],
        );
        for (j, &e) in ec[..ne].iter().enumerate() {
            out[nd + b + j * blocks] = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_16022_example_123456() {
        // "123456" in a 10x10 symbol: ASCII digit pairs 142 164 186, then 5 EC codewords
        let s = SymbolSize::from_dims(10, 10).unwrap();
        assert_eq!(
            encode_symbol(s, &[142, 164, 186]),
            vec![142, 164, 186, 114, 25, 5, 88, 102]
        );
    }

    #[test]
    fn codeword_polynomial_vanishes_at_the_roots() {
        for s in SymbolSize::all() {
            let n = s.ec_per_block();
            let data: Vec<u8> = (0..s.block_data_len(0))
                .map(|i| (i * 91 + 7) as u8)
                .collect();
            let mut ec = vec![0u8; n];
            ec_codewords(data.iter().copied(), &mut ec);
            let cw: Vec<u8> = data.iter().chain(&ec).copied().collect();
            for (i, &x) in EXP.iter().enumerate().take(n + 1).skip(1) {
                // Horner, highest degree first
                let v = cw.iter().fold(0u8, |acc, &c| mul(acc, x) ^ c);
                assert_eq!(v, 0, "{s}: root alpha^{i}");
            }
        }
    }
}
