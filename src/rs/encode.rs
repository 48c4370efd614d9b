//! Systematic Reed-Solomon encoding and block interleaving.

use super::gf256::{exp, log, mul};
use crate::matrix::SymbolSize;
use std::sync::OnceLock;

/// The generator polynomial with roots alpha^1..alpha^n, highest degree first without
/// its leading 1: `g[0]` multiplies x^(n-1).
fn build_generator(n: usize) -> Vec<u8> {
    // coefficients, lowest degree first, of prod (x - alpha^i), i = 1..=n
    let mut g = vec![0u8; n + 1];
    if let Some(g0) = g.first_mut() {
        *g0 = 1;
    }
    for i in 1..=n {
        let root = exp(i % 255);
        // times (x - root): coefficient j becomes g[j - 1] + root g[j]
        let mut prev = 0u8;
        for c in g.iter_mut().take(i + 1) {
            let cur = *c;
            *c = prev ^ mul(cur, root);
            prev = cur;
        }
    }
    // highest degree first, without the leading 1
    g.iter().take(n).rev().copied().collect()
}

/// Largest EC length per block with a precomputed multiple table (the size table's
/// largest is 68).
const MAX_TABLE_EC: usize = 68;

/// `T[fb * n + i]` = `fb * g[i]` for the generator of `n` EC codewords: one remainder
/// step is then `ec[i] = ec[i + 1] ^ T[fb][i]`. Built once per length on first use.
fn multiples(n: usize) -> Option<&'static [u8]> {
    static TABLES: [OnceLock<Box<[u8]>>; MAX_TABLE_EC + 1] =
        [const { OnceLock::new() }; MAX_TABLE_EC + 1];
    let cell = TABLES.get(n)?;
    Some(cell.get_or_init(|| {
        let g = build_generator(n);
        let mut t = vec![0u8; 256 * n];
        // row fb holds fb * g (row 0 stays zero); n >= 1 for every caller
        for (fb, row) in t.chunks_exact_mut(n.max(1)).enumerate() {
            for (o, &gi) in row.iter_mut().zip(&g) {
                *o = mul(fb as u8, gi);
            }
        }
        t.into_boxed_slice()
    }))
}

/// EC lengths up to this get rows padded to [`WIDE`] bytes ([`multiples_wide`]).
const WIDE: usize = 32;

/// As [`multiples`] with each row zero-padded to [`WIDE`] bytes and packed into
/// little-endian 64-bit lanes (byte `i` in lane `i / 8`), for `n <= WIDE`.
fn multiples_wide(n: usize) -> Option<&'static [[u64; 4]]> {
    static TABLES: [OnceLock<Box<[[u64; 4]]>>; WIDE + 1] = [const { OnceLock::new() }; WIDE + 1];
    let cell = TABLES.get(n)?;
    Some(cell.get_or_init(|| {
        let g = build_generator(n);
        let mut t = vec![[0u64; 4]; 256];
        for (fb, row) in t.iter_mut().enumerate() {
            for (lane, gs) in row.iter_mut().zip(g.chunks(8)) {
                for (j, &gi) in gs.iter().enumerate() {
                    *lane |= u64::from(mul(fb as u8, gi)) << (8 * j);
                }
            }
        }
        t.into_boxed_slice()
    }))
}

/// [`ec_continue`] for `ec.len() <= WIDE`: the remainder lives in four 64-bit lanes
/// (bytes past `n` stay zero), a step is a one-byte shift and a row xor.
fn ec_continue_wide(data: impl IntoIterator<Item = u8>, ec: &mut [u8], t: &[[u64; 4]]) {
    let mut r = [0u64; 4];
    for (lane, es) in r.iter_mut().zip(ec.chunks(8)) {
        for (j, &e) in es.iter().enumerate() {
            *lane |= u64::from(e) << (8 * j);
        }
    }
    for d in data {
        let fb = (d ^ r[0] as u8) as usize;
        let row = t.get(fb).copied().unwrap_or([0; 4]);
        r = [
            ((r[0] >> 8) | (r[1] << 56)) ^ row[0],
            ((r[1] >> 8) | (r[2] << 56)) ^ row[1],
            ((r[2] >> 8) | (r[3] << 56)) ^ row[2],
            (r[3] >> 8) ^ row[3],
        ];
    }
    for (es, &lane) in ec.chunks_mut(8).zip(&r) {
        for (j, e) in es.iter_mut().enumerate() {
            *e = (lane >> (8 * j)) as u8;
        }
    }
}

/// The `ec.len()` error-correction codewords of one block of data (polynomial division
/// by the generator, data highest degree first).
pub fn ec_codewords(data: impl IntoIterator<Item = u8>, ec: &mut [u8]) {
    ec.fill(0);
    ec_continue(data, ec);
}

/// Continues the division with remainder `ec` (the state after earlier codewords) over
/// more data codewords. Starting from an all-zero `ec` this is [`ec_codewords`];
/// leading zero codewords leave a zero remainder unchanged, so by linearity the
/// remainder of `a || b` is the remainder of `a || 0...` xor that of `b` alone.
pub fn ec_continue(data: impl IntoIterator<Item = u8>, ec: &mut [u8]) {
    let n = ec.len();
    if n == 0 {
        return;
    }
    if let Some(t) = multiples_wide(n) {
        ec_continue_wide(data, ec, t);
        return;
    }
    let Some(t) = multiples(n) else {
        ec_reference(data, ec);
        return;
    };
    // the remainder is a window buf[s..s + n] that slides one byte per codeword: each
    // step xors one table row into the window's tail (no shifting), and the window is
    // moved back to the start when it reaches the buffer's end
    const BUF: usize = 256;
    // (n <= MAX_TABLE_EC < BUF here, so the window and its next byte always fit)
    let mut buf = [0u8; BUF];
    for (b, &e) in buf.iter_mut().zip(ec.iter()) {
        *b = e;
    }
    let mut s = 0usize;
    for d in data {
        if s + n + 1 > BUF {
            buf.copy_within(s..s + n, 0);
            buf.iter_mut().skip(n).for_each(|b| *b = 0);
            s = 0;
        }
        // the window buf[s..=s + n]: its first byte leaves, the table row lands on the rest
        if let Some((head, tail)) = buf.get_mut(s..=s + n).and_then(|w| w.split_first_mut()) {
            let fb = usize::from(d ^ *head);
            let row = t.get(fb * n..fb * n + n).unwrap_or_default();
            for (b, &r) in tail.iter_mut().zip(row) {
                *b ^= r;
            }
        }
        s += 1;
    }
    for (e, &b) in ec.iter_mut().zip(buf.iter().skip(s)) {
        *e = b;
    }
}

/// The textbook division (shift, then add the scaled generator): the reference the
/// table version is tested against, and the fallback for lengths without a table.
fn ec_reference(data: impl IntoIterator<Item = u8>, ec: &mut [u8]) {
    let g = build_generator(ec.len());
    for d in data {
        // shift the remainder up one place; the leaving byte feeds back
        let Some(&first) = ec.first() else {
            return; // no EC codewords: nothing to compute
        };
        let fb = d ^ first;
        ec.rotate_left(1);
        if let Some(last) = ec.last_mut() {
            *last = 0;
        }
        if fb != 0 {
            let lf = usize::from(log(fb));
            for (e, &gk) in ec.iter_mut().zip(&g) {
                if gk != 0 {
                    *e ^= exp(lf + usize::from(log(gk)));
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
    let mut ec = [0u8; MAX_TABLE_EC];
    // (every size has at most MAX_TABLE_EC EC codewords per block)
    let ec = ec.get_mut(..ne.min(MAX_TABLE_EC)).unwrap_or_default();
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
    use crate::rs::gf256::EXP;

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
    fn table_division_equals_reference() {
        let mut seed = 0x1234_5678u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as u8
        };
        for n in 1..=70usize {
            for _ in 0..4 {
                let data: Vec<u8> = (0..(n * 3 + 5)).map(|_| next()).collect();
                let (mut a, mut b) = (vec![0u8; n], vec![0u8; n]);
                ec_codewords(data.iter().copied(), &mut a);
                ec_reference(data.iter().copied(), &mut b);
                assert_eq!(a, b, "n = {n}");
                // linearity: remainder(x || y) = remainder(x || 0..) ^ remainder(y)
                let k = data.len() / 3;
                let mut head = vec![0u8; n];
                let (x_part, y_part) = data.split_at(k);
                ec_codewords(
                    x_part
                        .iter()
                        .copied()
                        .chain(std::iter::repeat_n(0, y_part.len())),
                    &mut head,
                );
                let mut tail = vec![0u8; n];
                ec_codewords(y_part.iter().copied(), &mut tail);
                let x: Vec<u8> = head.iter().zip(&tail).map(|(p, q)| p ^ q).collect();
                assert_eq!(x, a, "n = {n}: linearity");
            }
        }
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
