//! Systematic Reed-Solomon encoding and block interleaving.

use super::gf256::{mul, EXP, LOG};
use crate::matrix::SymbolSize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The generator polynomial with roots alpha^1..alpha^n, highest degree first without
/// its leading 1: `g[0]` multiplies x^(n-1). Computed once per EC length.
fn generator(n: usize) -> Cow<'static, [u8]> {
    // EC lengths per block used by the size table
    static GENS: OnceLock<Vec<(usize, Vec<u8>)>> = OnceLock::new();
    let gens = GENS.get_or_init(|| {
        let mut lens: Vec<usize> = SymbolSize::all().map(|s| s.ec_per_block()).collect();
        lens.sort_unstable();
        lens.dedup();
        lens.into_iter().map(|n| (n, build_generator(n))).collect()
    });
    // other lengths (callers of `ec_codewords` only) are built each time rather than
    // leaked: a caller looping over odd lengths must not grow memory
    match gens.iter().find(|(len, _)| *len == n) {
        Some((_, g)) => Cow::Borrowed(g),
        None => Cow::Owned(build_generator(n)),
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
/// by the generator, data highest degree first). An empty `ec` gets nothing.
pub fn ec_codewords(data: impl IntoIterator<Item = u8>, ec: &mut [u8]) {
    let n = ec.len();
    ec.fill(0);
    if n == 0 {
        return;
    }
    let g = generator(n);
    for d in data {
        let fb = d ^ ec[0];
        ec.copy_within(1.., 0);
        ec[n - 1] = 0;
        if fb != 0 {
            let lf = LOG[fb as usize] as usize;
            for (e, &gk) in ec.iter_mut().zip(g.iter()) {
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
///
/// Total for any lengths: data codewords missing from a short `data` count as 0 and
/// extra ones are ignored; a short `out` receives only the codewords that fit.
pub fn encode_symbol_into(size: SymbolSize, data: &[u8], out: &mut [u8]) {
    let nd = size.data_codewords();
    let blocks = size.blocks().max(1);
    let ne = size.ec_per_block();
    let data_cw = |i: usize| data.get(i).copied().unwrap_or(0);
    for (i, o) in out.iter_mut().take(nd).enumerate() {
        *o = data_cw(i);
    }
    let mut ec = [0u8; 68];
    let ec = &mut ec[..ne.min(68)];
    for b in 0..blocks {
        ec_codewords((b..nd).step_by(blocks).map(data_cw), ec);
        for (j, &e) in ec.iter().enumerate() {
            if let Some(o) = out.get_mut(nd + b + j * blocks) {
                *o = e;
            }
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
