//! Arithmetic in GF(256) over the ECC 200 polynomial 0x12D, by log/antilog tables
//! built at compile time.
//!
//! Table reads go through `exp` and `log`: every index is a `u8` or a sum of two
//! logarithms (at most 254 + 255 < 512), so the checked `get` they use is removed by
//! the optimiser and costs nothing.

/// The field polynomial x^8 + x^5 + x^3 + x^2 + 1.
pub const POLY: u16 = 0x12D;

/// `EXP[i]` = alpha^i for i in 0..510 (doubled so that `EXP[log a + log b]` needs no
/// reduction modulo 255).
pub static EXP: [u8; 512] = build_exp();
/// `LOG[a]` = i with alpha^i = a, for a != 0 (`LOG[0]` is unused and 0).
pub static LOG: [u8; 256] = build_log();

// compile-time initialiser: an out-of-range index fails the build, not a run
#[allow(clippy::indexing_slicing)]
const fn build_exp() -> [u8; 512] {
    let mut t = [0u8; 512];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        t[i] = x as u8;
        t[i + 255] = x as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= POLY;
        }
        i += 1;
    }
    t[510] = t[0];
    t[511] = t[1];
    t
}

#[allow(clippy::indexing_slicing)]
const fn build_log() -> [u8; 256] {
    let exp = build_exp();
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 255 {
        t[exp[i] as usize] = i as u8;
        i += 1;
    }
    t
}

/// `EXP[i]`, 0 for `i >= 512` (never reached: callers pass sums of two logarithms or
/// exponents reduced modulo 255).
#[inline(always)]
pub(crate) fn exp(i: usize) -> u8 {
    EXP.get(i).copied().unwrap_or(0)
}

/// `LOG[a]` (0 for `a == 0`); a `u8` index always lies in the 256-entry table.
#[inline(always)]
pub(crate) fn log(a: u8) -> u8 {
    LOG.get(usize::from(a)).copied().unwrap_or(0)
}

/// a * b.
#[inline]
pub fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        exp(usize::from(log(a)) + usize::from(log(b)))
    }
}

/// a / b; `b` must not be 0 (returns 0 then).
#[inline]
pub fn div(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        exp(usize::from(log(a)) + 255 - usize::from(log(b)))
    }
}

/// 1 / a; 0 for a == 0.
#[inline]
pub fn inv(a: u8) -> u8 {
    div(1, a)
}

/// alpha^e for any e >= 0.
#[inline]
pub fn pow_alpha(e: usize) -> u8 {
    exp(e % 255)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_laws() {
        for a in 1..=255u8 {
            assert_eq!(mul(a, inv(a)), 1);
            for b in [1u8, 2, 3, 45, 200, 255] {
                assert_eq!(div(mul(a, b), b), a);
            }
        }
        // the multiplicative group has order 255: alpha generates it
        let mut seen = [false; 256];
        for e in 0..255 {
            let slot = seen.get_mut(usize::from(pow_alpha(e))).unwrap();
            assert!(!*slot);
            *slot = true;
        }
    }
}
