//! Reed-Solomon decoding with errors and erasures.
//!
//! A block is `data || ec`, highest degree first, as [`super::encode`] writes it: codeword
//! `i` of an `n`-long block is the coefficient of `x^(n-1-i)`. The generator's roots are
//! alpha^1 .. alpha^n_ec.
//!
//! The decoder computes the syndromes, seeds Berlekamp-Massey with the erasure locator
//! (so that errors and erasures are found together), finds the roots of the locator by
//! Chien search over the positions of the (shortened) block, computes the values by
//! Forney's formula, and finally checks that the corrected block has zero syndromes.
//! Whenever a step shows the pattern is beyond the code's power (locator degree too
//! high, fewer roots than the degree, a root outside the block, non-zero syndromes after
//! correction) it reports failure and leaves the block untouched; it never returns a
//! word that is not a codeword.
//!
//! No allocation per block: every polynomial lives in a fixed stack array.

use super::gf256::{div, exp, EXP, LOG};
use crate::matrix::SymbolSize;
use std::fmt;

/// Longest block the decoder accepts: a code over GF(256) has at most 255 positions.
pub const MAX_BLOCK_LEN: usize = 255;

/// What one block's decoding found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockStats {
    /// Codewords corrected at positions that were not marked as erasures.
    pub errors: usize,
    /// Erasure positions supplied for the block (after removing duplicates); each one
    /// uses one EC codeword whether or not its value turned out wrong.
    pub erasures: usize,
    /// Error-correction codewords of the block (`n_ec`).
    pub capacity: usize,
}

impl BlockStats {
    /// The unused error-correction fraction of ISO/IEC 15415 (7.8.6):
    /// `1 - (2e + f) / n_ec`, clamped to 0..=1. A block without EC codewords has 0.
    pub fn unused_ec(&self) -> f64 {
        if self.capacity == 0 {
            return 0.0;
        }
        let used = (2 * self.errors + self.erasures) as f64;
        (1.0 - used / self.capacity as f64).clamp(0.0, 1.0)
    }
}

/// What decoding a whole symbol found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SymbolStats {
    /// Per interleaved block, in block order.
    pub blocks: Vec<BlockStats>,
    /// Errors over all blocks.
    pub errors: usize,
    /// Erasures over all blocks.
    pub erasures: usize,
    /// Lowest unused-EC fraction of any block (the value ISO/IEC 15415 grades); 1.0 for
    /// a clean symbol.
    pub unused_ec: f64,
}

/// Why Reed-Solomon decoding failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RsError {
    /// The block has more errors and erasures than its EC codewords can correct
    /// (detected: the block was left unchanged).
    TooManyErrors {
        /// Block index within the symbol (0 for [`decode_block`]).
        block: usize,
        /// Erasures supplied for the block.
        erasures: usize,
        /// EC codewords of the block.
        capacity: usize,
    },
    /// More erasures than EC codewords: nothing can be corrected.
    TooManyErasures {
        /// Block index within the symbol (0 for [`decode_block`]).
        block: usize,
        /// Erasures supplied for the block.
        erasures: usize,
        /// EC codewords of the block.
        capacity: usize,
    },
    /// An erasure position lies outside the block or codeword stream.
    ErasureOutOfRange {
        /// The position given.
        position: usize,
        /// Length of the block or stream.
        len: usize,
    },
    /// The block cannot be a Reed-Solomon block of this code (longer than 255, or
    /// fewer codewords than EC codewords).
    BadBlockLength {
        /// Codewords in the block.
        len: usize,
        /// EC codewords requested.
        n_ec: usize,
    },
    /// The codeword stream does not have the size's total length.
    WrongStreamLength {
        /// The symbol size.
        size: SymbolSize,
        /// Codewords the size holds.
        expected: usize,
        /// Codewords given.
        got: usize,
    },
}

impl RsError {
    fn with_block(self, b: usize) -> RsError {
        match self {
            RsError::TooManyErrors {
                erasures, capacity, ..
            } => RsError::TooManyErrors {
                block: b,
                erasures,
                capacity,
            },
            RsError::TooManyErasures {
                erasures, capacity, ..
            } => RsError::TooManyErasures {
                block: b,
                erasures,
                capacity,
            },
            e => e,
        }
    }
}

impl fmt::Display for RsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RsError::TooManyErrors {
                block,
                erasures,
                capacity,
            } => write!(
                f,
                "block {block}: too many errors to correct ({erasures} erasures, {capacity} ec codewords)"
            ),
            RsError::TooManyErasures {
                block,
                erasures,
                capacity,
            } => write!(
                f,
                "block {block}: {erasures} erasures exceed {capacity} ec codewords"
            ),
            RsError::ErasureOutOfRange { position, len } => {
                write!(f, "erasure position {position} outside 0..{len}")
            }
            RsError::BadBlockLength { len, n_ec } => {
                write!(f, "block of {len} codewords cannot carry {n_ec} ec codewords")
            }
            RsError::WrongStreamLength {
                size,
                expected,
                got,
            } => write!(
                f,
                "{size} symbol holds {expected} codewords, got {got}"
            ),
        }
    }
}

impl std::error::Error for RsError {}

/// Polynomial buffer: coefficients lowest degree first.
type Poly = [u8; 256];

/// Full multiplication table, `MUL[a][b] = a * b` (64 KiB, built at compile time): one
/// load per product and no branches, for the per-codeword loops.
static MUL: [[u8; 256]; 256] = build_mul();

// compile-time initialiser: an out-of-range index fails the build, not a run
#[allow(clippy::indexing_slicing)]
const fn build_mul() -> [[u8; 256]; 256] {
    let mut t = [[0u8; 256]; 256];
    let mut a = 1;
    while a < 256 {
        let la = LOG[a] as usize;
        let mut b = 1;
        while b < 256 {
            t[a][b] = EXP[la + LOG[b] as usize];
            b += 1;
        }
        a += 1;
    }
    t
}

/// The row `a * _` of [`MUL`]: a `u8` always indexes one of its 256 rows, so the
/// checked `get` compiles to a plain address computation.
#[inline(always)]
fn mul_row(a: u8) -> &'static [u8; 256] {
    MUL.get(usize::from(a)).unwrap_or(&[0; 256])
}

/// `row[x]`: a `u8` always indexes a 256-entry row (the check is optimised out).
#[inline(always)]
fn at(row: &[u8; 256], x: u8) -> u8 {
    row.get(usize::from(x)).copied().unwrap_or(0)
}

/// a * b by the table.
#[inline(always)]
fn mul(a: u8, b: u8) -> u8 {
    at(mul_row(a), b)
}

/// Evaluates `p` (lowest degree first) at `x`.
#[inline]
fn eval_low_first(p: &[u8], x: u8) -> u8 {
    let row = mul_row(x);
    p.iter().rev().fold(0u8, |acc, &c| at(row, acc) ^ c)
}

/// Coefficient `k` of the product `a(x) s(x)`, with `a` taken up to degree `deg`:
/// the sum of `a[i] s[k - i]` for `i` in `0..=min(deg, k)`.
#[inline]
fn product_coef(a: &Poly, s: &Poly, k: usize, deg: usize) -> u8 {
    // k < 256 at every call (k < n_ec <= 255): `get` finds the prefix
    let s_rev = s.get(..=k).unwrap_or_default().iter().rev();
    a.iter()
        .take(deg.min(k) + 1)
        .zip(s_rev)
        .fold(0u8, |v, (&ai, &si)| v ^ mul(ai, si))
}

/// Syndromes `s[k] = c(alpha^(k+1))` for k in 0..n_ec; returns true when all are zero.
///
/// Horner's rule for all roots at once: the n_ec chains are independent, so the loads
/// overlap (one dependent chain per root would be bound by load latency).
fn syndromes(block: &[u8], n_ec: usize, s: &mut Poly) -> bool {
    let n_ec = n_ec.min(255);
    let mut rows: [&[u8; 256]; 255] = [&MUL[0]; 255];
    // n_ec <= 255 fits both buffers
    let (Some(s), Some(rows)) = (s.get_mut(..n_ec), rows.get_mut(..n_ec)) else {
        return false;
    };
    for (k, r) in rows.iter_mut().enumerate() {
        *r = mul_row(exp(k + 1));
    }
    s.fill(0);
    for &c in block {
        for (sk, row) in s.iter_mut().zip(rows.iter()) {
            *sk = at(row, *sk) ^ c;
        }
    }
    s.iter().all(|&v| v == 0)
}

/// Corrects `block` (data then `n_ec` EC codewords, highest degree first) in place.
///
/// `erasures` are positions in `block` known (or suspected) to be wrong; duplicates are
/// ignored. Corrects any `e` errors and `f` erasures with `2e + f <= n_ec`. Beyond that
/// it returns [`RsError::TooManyErrors`] and leaves the block unchanged, except in the
/// rare case that the damage turned the block into (or near) another codeword, which no
/// decoder can detect; a returned block always has zero syndromes.
///
/// The fewer EC codewords are left spare (`n_ec - 2e - f`), the likelier an
/// uncorrectable block is "corrected" into a wrong codeword: with erasures near
/// `n_ec`, callers should cap them (ISO/IEC 16022 Table 7 allows `n_ec - 3`).
pub fn decode_block(
    block: &mut [u8],
    n_ec: usize,
    erasures: &[usize],
) -> Result<BlockStats, RsError> {
    let n = block.len();
    if n > MAX_BLOCK_LEN || n_ec > n {
        return Err(RsError::BadBlockLength { len: n, n_ec });
    }
    // distinct erasure positions
    let mut erased = [false; MAX_BLOCK_LEN];
    let mut f = 0usize;
    for &p in erasures {
        let slot = if p < n { erased.get_mut(p) } else { None };
        let Some(slot) = slot else {
            return Err(RsError::ErasureOutOfRange {
                position: p,
                len: n,
            });
        };
        if !*slot {
            *slot = true;
            f += 1;
        }
    }
    let mut stats = BlockStats {
        errors: 0,
        erasures: f,
        capacity: n_ec,
    };
    if f > n_ec {
        return Err(RsError::TooManyErasures {
            block: 0,
            erasures: f,
            capacity: n_ec,
        });
    }
    let fail = RsError::TooManyErrors {
        block: 0,
        erasures: f,
        capacity: n_ec,
    };
    let mut s: Poly = [0; 256];
    if syndromes(block, n_ec, &mut s) {
        return Ok(stats);
    }
    if n_ec == 0 {
        return Ok(stats); // nothing to check against (unreachable: no syndromes)
    }

    // Erasure locator Gamma(x) = prod (1 - X x), X = alpha^(n-1-p): each factor turns
    // coefficient j into lambda_j + X lambda_(j-1).
    let mut lambda: Poly = [0; 256];
    lambda[0] = 1;
    let erased_at = erased.iter().take(n).enumerate().filter(|&(_, &e)| e);
    for (deg, (p, _)) in erased_at.enumerate() {
        let x = exp(n - 1 - p);
        let mut prev = 0u8;
        for c in lambda.iter_mut().take(deg + 2) {
            let cur = *c;
            *c ^= mul(prev, x);
            prev = cur;
        }
    }

    // Berlekamp-Massey seeded with the erasure locator (Blahut's errors-and-erasures
    // form): L starts at f, iterations run over syndromes f..n_ec.
    let mut b: Poly = lambda;
    let mut l = f;
    let mut m = 1usize; // shift of b
    let mut bd = 1u8; // last non-zero discrepancy
    let mut t: Poly;
    for k in f..n_ec {
        let d = product_coef(&lambda, &s, k, l);
        if d == 0 {
            m += 1;
            continue;
        }
        let coef = div(d, bd);
        t = lambda;
        // lambda -= coef * x^m * b (b is an earlier lambda: degree <= l); a term
        // shifted past the buffer means a locator beyond any correctable degree
        for (i, &bi) in b.iter().enumerate().take(l.min(255) + 1) {
            if bi != 0 {
                let Some(li) = lambda.get_mut(i + m) else {
                    return Err(fail);
                };
                *li ^= mul(coef, bi);
            }
        }
        if 2 * l <= k + f {
            l = k + 1 + f - l;
            // L never shrinks: once 2e + f exceeds n_ec the block is beyond correction
            if 2 * l > n_ec + f {
                return Err(fail);
            }
            b = t;
            bd = d;
            m = 1;
        } else {
            m += 1;
        }
    }
    // degree of lambda must be l and within capacity
    let lam_deg = lambda.iter().rposition(|&c| c != 0).unwrap_or(0);
    if lam_deg != l || l < f || 2 * (l - f) + f > n_ec || l > n {
        return Err(fail);
    }

    // Chien search over the block's positions, p = n-1-pw for pw = 0, 1, ...: a root at
    // X^-1 with X = alpha^pw. Term i of Lambda(alpha^-pw) is lambda_i alpha^(-i pw),
    // stepped by alpha^-i from one position to the next (independent chains).
    let mut roots = [0usize; MAX_BLOCK_LEN];
    let mut nroots = 0usize;
    let mut terms: Poly = lambda;
    let mut steps: [&[u8; 256]; 256] = [&MUL[1]; 256];
    // lam_deg <= 255 (a position in a 256-array) fits both buffers
    let (Some(terms), Some(steps)) = (terms.get_mut(..=lam_deg), steps.get_mut(..=lam_deg)) else {
        return Err(fail);
    };
    for (i, step) in steps.iter_mut().enumerate() {
        *step = mul_row(exp((255 - i % 255) % 255));
    }
    for pw in 0..n {
        let mut sum = 0u8;
        for (t, step) in terms.iter_mut().zip(steps.iter()) {
            sum ^= *t;
            *t = at(step, *t);
        }
        if sum == 0 {
            // more roots than the degree: not a locator of this block
            match roots.get_mut(nroots) {
                Some(r) if nroots < lam_deg => *r = n - 1 - pw,
                _ => return Err(fail),
            }
            nroots += 1;
        }
    }
    if nroots != lam_deg {
        return Err(fail);
    }
    // nroots = lam_deg <= n <= 255
    let roots = roots.get(..nroots).unwrap_or_default();

    // Omega(x) = S(x) Lambda(x) mod x^n_ec
    let mut omega: Poly = [0; 256];
    for (i, o) in omega.iter_mut().enumerate().take(n_ec) {
        *o = product_coef(&lambda, &s, i, lam_deg);
    }
    // n_ec <= n <= 255
    let omega = omega.get(..n_ec).unwrap_or_default();
    // Forney: e = Omega(X^-1) / Lambda'(X^-1) (first root alpha^1).
    let mut fixed = [0u8; MAX_BLOCK_LEN];
    for (&p, fx) in roots.iter().zip(fixed.iter_mut()) {
        let pw = n - 1 - p;
        let xinv = exp((255 - pw % 255) % 255);
        let num = eval_low_first(omega, xinv);
        // formal derivative: odd terms only
        let mut den = 0u8;
        let mut xp = 1u8; // xinv^(i-1) for odd i, stepping by xinv^2
        let x2 = mul(xinv, xinv);
        for &li in lambda.iter().take(lam_deg + 1).skip(1).step_by(2) {
            den ^= mul(li, xp);
            xp = mul(xp, x2);
        }
        if den == 0 {
            return Err(fail);
        }
        *fx = div(num, den);
    }
    // apply on a copy, verify zero syndromes, then commit
    let mut work = [0u8; MAX_BLOCK_LEN];
    // n <= MAX_BLOCK_LEN was checked on entry
    let Some(work) = work.get_mut(..n) else {
        return Err(RsError::BadBlockLength { len: n, n_ec });
    };
    work.copy_from_slice(block);
    // every root is a position p = n - 1 - pw < n
    for (&p, &e) in roots.iter().zip(&fixed) {
        if let Some(w) = work.get_mut(p) {
            *w ^= e;
        }
    }
    if !syndromes(work, n_ec, &mut s) {
        return Err(fail);
    }
    stats.errors = roots
        .iter()
        .zip(&fixed)
        .filter(|&(&p, &e)| e != 0 && !erased.get(p).copied().unwrap_or(false))
        .count();
    block.copy_from_slice(work);
    Ok(stats)
}

/// Corrects a whole symbol's interleaved codeword stream (data codewords, then the
/// interleaved EC codewords, exactly `size.total_codewords()` long) in place.
///
/// Data codeword `i` belongs to block `i % blocks`; EC codeword `j` of block `b` sits at
/// `data_codewords + b + j * blocks`. `erasures` are positions in the interleaved
/// stream. Blocks are all decoded before anything is written back, so on failure the
/// stream is unchanged.
pub fn decode_symbol(
    size: SymbolSize,
    codewords: &mut [u8],
    erasures: &[usize],
) -> Result<SymbolStats, RsError> {
    let total = size.total_codewords();
    let nd = size.data_codewords();
    let wrong_length = RsError::WrongStreamLength {
        size,
        expected: total,
        got: codewords.len(),
    };
    if codewords.len() != total {
        return Err(wrong_length);
    }
    if let Some(&p) = erasures.iter().find(|&&p| p >= total) {
        return Err(RsError::ErasureOutOfRange {
            position: p,
            len: total,
        });
    }
    let nblocks = size.blocks();
    // (a step of at least 1 for the block walks below; every size has a block)
    let step = nblocks.max(1);
    let ne = size.ec_per_block();
    let mut stats = SymbolStats {
        blocks: Vec::with_capacity(nblocks),
        errors: 0,
        erasures: 0,
        unused_ec: 1.0,
    };
    let mut corrected = codewords.to_vec();
    // the data part of the stream, then the interleaved EC part (nd <= total)
    let Some((data, ec)) = codewords.split_at_checked(nd) else {
        return Err(wrong_length);
    };
    let Some((data_out, ec_out)) = corrected.split_at_mut_checked(nd) else {
        return Err(wrong_length);
    };
    let mut buf = [0u8; MAX_BLOCK_LEN];
    let mut er = [0usize; MAX_BLOCK_LEN];
    for b in 0..nblocks {
        let dl = size.block_data_len(b);
        let n = dl + ne;
        let Some(blk) = buf.get_mut(..n) else {
            return Err(RsError::BadBlockLength { len: n, n_ec: ne });
        };
        // block position q < dl is stream index b + q * nblocks, q >= dl is
        // nd + b + (q - dl) * nblocks
        let src = data.iter().skip(b).step_by(step).take(dl);
        let src = src.chain(ec.iter().skip(b).step_by(step).take(ne));
        for (slot, &c) in blk.iter_mut().zip(src) {
            *slot = c;
        }
        // erasures of this block, as block positions
        let mut nf = 0usize;
        for &p in erasures {
            let q = if p < nd {
                (p % nblocks == b).then_some(p / nblocks)
            } else {
                let e = p - nd;
                (e % nblocks == b).then_some(dl + e / nblocks)
            };
            if let (Some(q), Some(slot)) = (q, er.get_mut(nf)) {
                if q < n {
                    *slot = q;
                    nf += 1;
                }
            }
        }
        let er = er.get(..nf).unwrap_or_default();
        let bs = decode_block(blk, ne, er).map_err(|e| e.with_block(b))?;
        let dst = data_out.iter_mut().skip(b).step_by(step).take(dl);
        let dst = dst.chain(ec_out.iter_mut().skip(b).step_by(step).take(ne));
        for (d, &v) in dst.zip(blk.iter()) {
            *d = v;
        }
        stats.errors += bs.errors;
        stats.erasures += bs.erasures;
        stats.unused_ec = stats.unused_ec.min(bs.unused_ec());
        stats.blocks.push(bs);
    }
    codewords.copy_from_slice(&corrected);
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rs::encode::{ec_codewords, encode_symbol};

    fn block(data_len: usize, n_ec: usize, seed: u32) -> Vec<u8> {
        let data: Vec<u8> = (0..data_len)
            .map(|i| {
                (i as u32)
                    .wrapping_mul(2654435761u32)
                    .wrapping_add(seed)
                    .to_be_bytes()[1]
            })
            .collect();
        let mut ec = vec![0u8; n_ec];
        ec_codewords(data.iter().copied(), &mut ec);
        data.into_iter().chain(ec).collect()
    }

    #[test]
    fn clean_block_passes() {
        let mut b = block(3, 5, 1);
        let st = decode_block(&mut b, 5, &[]).unwrap();
        assert_eq!(st.errors, 0);
        assert_eq!(st.unused_ec(), 1.0);
    }

    #[test]
    fn iso_example_corrects_two_errors() {
        let good = [142u8, 164, 186, 114, 25, 5, 88, 102];
        let mut b = good;
        b[0] ^= 0x55;
        b[6] = 0;
        let st = decode_block(&mut b, 5, &[]).unwrap();
        assert_eq!(b, good);
        assert_eq!(st.errors, 2);
        assert!((st.unused_ec() - 0.2).abs() < 1e-9);
        // one erasure, two errors: 2*2+1 = 5
        let mut b = good;
        b[1] = 9;
        b[2] = 7;
        b[7] = 0;
        let st = decode_block(&mut b, 5, &[7]).unwrap();
        assert_eq!(b, good);
        assert_eq!((st.errors, st.erasures), (2, 1));
        // three errors in 5 EC: must not claim success with the wrong word
        let mut b = good;
        b[0] = 1;
        b[1] = 2;
        b[2] = 3;
        if decode_block(&mut b, 5, &[]).is_ok() {
            let mut s = [0u8; 256];
            assert!(syndromes(&b, 5, &mut s));
        }
    }

    #[test]
    fn symbol_144_corrects_every_block() {
        let size = SymbolSize::from_dims(144, 144).unwrap();
        let data: Vec<u8> = (0..size.data_codewords()).map(|i| (i * 7) as u8).collect();
        let good = encode_symbol(size, &data);
        let mut cw = good.clone();
        // hit 30 consecutive codewords in the stream: 3 per block
        for c in cw.iter_mut().skip(100).take(30) {
            *c ^= 0xA5;
        }
        let erasures: Vec<usize> = (1500..1520).collect();
        for c in cw.iter_mut().skip(1500).take(20) {
            *c = 0;
        }
        let st = decode_symbol(size, &mut cw, &erasures).unwrap();
        assert_eq!(cw, good);
        assert_eq!(st.blocks.len(), 10);
        assert_eq!(st.errors, 30);
        assert_eq!(st.erasures, 20);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut b = [0u8; 4];
        assert!(matches!(
            decode_block(&mut b, 5, &[]),
            Err(RsError::BadBlockLength { .. })
        ));
        let mut b = [0u8; 300];
        assert!(decode_block(&mut b, 5, &[]).is_err());
        let mut b = block(3, 5, 2);
        assert!(matches!(
            decode_block(&mut b, 5, &[9]),
            Err(RsError::ErasureOutOfRange { .. })
        ));
        assert!(matches!(
            decode_block(&mut b, 5, &[0, 1, 2, 3, 4, 5]),
            Err(RsError::TooManyErasures { .. })
        ));
    }
}
