//! Serial number provisioning for AI (21): strings only.
//!
//! - [`SerialGenerator::sequential`]: `prefix` + zero-padded counter.
//! - [`SerialGenerator::random`]: fixed-length strings over a caller's charset
//!   (a subset of CSET 82), non-sequential, unique within a run: the index
//!   `0, 1, 2, ...` goes through a keyed bijective permutation of the whole
//!   space `charset.len() ^ length` (a balanced Feistel network on the smallest
//!   even-bit domain that holds it, with cycle walking), so no set of issued
//!   serials needs to be kept. The keys come from the OS (`/dev/urandom` on
//!   Unix, `std`'s randomly keyed hasher elsewhere), or from a caller's seed
//!   for a reproducible stream. The permutation is not a cryptographic PRP: it
//!   makes serials hard to guess from one another, not impossible.

use std::fmt;

/// Longest (21) serial: 20 characters of CSET 82.
pub const MAX_SERIAL_LEN: usize = 20;

/// Why a serial generator cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SerialError {
    /// A character outside GS1 CSET 82 (at this index of the prefix or charset).
    NotCset82 {
        /// Byte index.
        index: usize,
    },
    /// Serials would be longer than 20 characters (or empty).
    BadLength {
        /// Requested length.
        length: usize,
    },
    /// The charset has fewer than 2 characters, or repeats one.
    BadCharset,
}

impl fmt::Display for SerialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SerialError::NotCset82 { index } => {
                write!(
                    f,
                    "character at index {index} is not in GS1 character set 82"
                )
            }
            SerialError::BadLength { length } => {
                write!(f, "serial length {length} is outside 1..=20 (AI (21))")
            }
            SerialError::BadCharset => write!(f, "charset needs at least 2 distinct characters"),
        }
    }
}

impl std::error::Error for SerialError {}

#[derive(Debug, Clone)]
enum Mode {
    Seq {
        prefix: String,
        width: usize,
        next: u128,
        limit: u128,
    },
    Rand {
        charset: Vec<u8>,
        length: usize,
        space: u128,
        half_bits: u32,
        keys: [u64; 8],
        index: u128,
    },
}

/// Produces unique (21) serial numbers; an [`Iterator`] of `String`s that ends
/// when the space is exhausted.
#[derive(Debug, Clone)]
pub struct SerialGenerator {
    mode: Mode,
}

fn check_cset82(s: &[u8]) -> Result<(), SerialError> {
    match s.iter().position(|&c| !super::lint::is_cset82(c)) {
        Some(index) => Err(SerialError::NotCset82 { index }),
        None => Ok(()),
    }
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn os_seed() -> u64 {
    #[cfg(unix)]
    {
        use std::io::Read;
        let mut b = [0u8; 8];
        if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
            if f.read_exact(&mut b).is_ok() {
                return u64::from_le_bytes(b);
            }
        }
    }
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0x5EED);
    h.finish()
}

impl SerialGenerator {
    /// Sequential serials `prefix` + counter zero-padded to `width` digits,
    /// starting at `start`. Ends after the largest `width`-digit number.
    pub fn sequential(prefix: &str, width: usize, start: u64) -> Result<Self, SerialError> {
        check_cset82(prefix.as_bytes())?;
        let length = prefix.len() + width;
        if width == 0 || length > MAX_SERIAL_LEN {
            return Err(SerialError::BadLength { length });
        }
        let limit = 10u128.pow(width as u32);
        Ok(SerialGenerator {
            mode: Mode::Seq {
                prefix: prefix.to_string(),
                width,
                next: start as u128,
                limit,
            },
        })
    }

    /// Random non-sequential serials of `length` characters over `charset`
    /// (e.g. `"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"`), unique within this
    /// generator. `seed: Some(s)` gives a reproducible stream (tests, reruns);
    /// `None` keys the permutation from the OS random source.
    pub fn random(charset: &str, length: usize, seed: Option<u64>) -> Result<Self, SerialError> {
        let cs = charset.as_bytes().to_vec();
        check_cset82(&cs)?;
        if cs.len() < 2
            || cs
                .iter()
                .enumerate()
                .any(|(i, c)| cs.get(..i).is_some_and(|seen| seen.contains(c)))
        {
            return Err(SerialError::BadCharset);
        }
        if length == 0 || length > MAX_SERIAL_LEN {
            return Err(SerialError::BadLength { length });
        }
        // 82^20 < 2^128: the space always fits a u128
        let space = (0..length).fold(1u128, |a, _| a.saturating_mul(cs.len() as u128));
        let bits = 128 - (space - 1).leading_zeros();
        let half_bits = bits.div_ceil(2).max(1);
        let mut st = seed.unwrap_or_else(os_seed);
        let mut keys = [0u64; 8];
        for k in keys.iter_mut() {
            *k = splitmix(&mut st);
        }
        Ok(SerialGenerator {
            mode: Mode::Rand {
                charset: cs,
                length,
                space,
                half_bits,
                keys,
                index: 0,
            },
        })
    }

    /// Number of serials the generator can still produce (saturating).
    pub fn remaining(&self) -> u128 {
        match &self.mode {
            Mode::Seq { next, limit, .. } => limit.saturating_sub(*next),
            Mode::Rand { space, index, .. } => space - index,
        }
    }
}

fn round(x: u64, key: u64, mask: u64) -> u64 {
    let mut s = x ^ key;
    splitmix(&mut s) & mask
}

fn feistel(v: u128, half_bits: u32, keys: &[u64; 8]) -> u128 {
    let mask: u64 = if half_bits >= 64 {
        u64::MAX
    } else {
        (1u64 << half_bits) - 1
    };
    let mut l = (v >> half_bits) as u64 & mask;
    let mut r = v as u64 & mask;
    for &k in keys {
        let nl = r;
        r = l ^ round(r, k, mask);
        l = nl;
    }
    ((l as u128) << half_bits) | r as u128
}

impl Iterator for SerialGenerator {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        match &mut self.mode {
            Mode::Seq {
                prefix,
                width,
                next,
                limit,
            } => {
                if *next >= *limit {
                    return None;
                }
                let s = format!("{prefix}{:0w$}", *next, w = *width);
                *next += 1;
                Some(s)
            }
            Mode::Rand {
                charset,
                length,
                space,
                half_bits,
                keys,
                index,
            } => {
                if *index >= *space {
                    return None;
                }
                // cycle walking: permute until the value falls in [0, space)
                let mut v = *index;
                loop {
                    v = feistel(v, *half_bits, keys);
                    if v < *space {
                        break;
                    }
                }
                *index += 1;
                let n = charset.len() as u128;
                let mut out = vec![0u8; *length];
                for slot in out.iter_mut().rev() {
                    // v % n < n = charset.len(): `get` always finds the character
                    *slot = charset.get((v % n) as usize).copied().unwrap_or(b'0');
                    v /= n;
                }
                Some(String::from_utf8_lossy(&out).into_owned())
            }
        }
    }
}
