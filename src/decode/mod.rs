//! Decoding: module matrix or codeword stream to content.
//!
//! Three stages, each usable alone:
//!
//! - [`from_matrix`] / [`from_matrix_with_erasures`]: size from the dimensions, a loose
//!   check of the finder and clock pattern, codeword extraction (trying the other
//!   orientations, mirrored ones included, when the first fails), then
//! - [`from_codewords`]: Reed-Solomon correction of the interleaved stream
//!   ([`crate::rs::decode_symbol`]), then
//! - [`decode_data`]: the data codewords to content (every encodation of ISO/IEC 16022).
//!
//! ```
//! use ecc200::{decode, Symbol, SymbolSize};
//! // "123456" as ASCII digit pairs fills the 3 data codewords of a 10x10 symbol
//! let sym = Symbol::from_data_codewords(SymbolSize::from_dims(10, 10).unwrap(), &[142, 164, 186]).unwrap();
//! let d = decode::from_matrix(sym.matrix()).unwrap();
//! assert_eq!(d.bytes, b"123456");
//! assert_eq!(d.symbology_identifier(), "]d1");
//! ```

#![deny(clippy::indexing_slicing)]

pub mod charset;
mod charset_tables;
mod data;

pub use data::{
    randomize_255, unrandomize_255, Content, DataError, DataFault, StructuredAppend,
    MAX_DATA_CODEWORDS, MAX_ECI,
};

use crate::matrix::placement::fixed_module_dark;
use crate::matrix::{ModuleMap, ModuleMatrix, SymbolSize};
use crate::rs::{decode_symbol, RsError, SymbolStats};
use std::fmt;

/// Why decoding failed, naming the stage.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The matrix dimensions (nor their transpose) are no ECC 200 size.
    NotASize {
        /// Rows of the matrix.
        rows: usize,
        /// Columns of the matrix.
        cols: usize,
    },
    /// The dimensions are a size only transposed, and no orientation shows a
    /// plausible finder and clock pattern (more than a third of it wrong).
    NoOrientation {
        /// Rows of the matrix.
        rows: usize,
        /// Columns of the matrix.
        cols: usize,
    },
    /// The codeword stream length is not the size's total.
    WrongCodewordCount {
        /// The size.
        size: SymbolSize,
        /// Codewords the size holds.
        expected: usize,
        /// Codewords given.
        got: usize,
    },
    /// Reed-Solomon correction failed (too much damage).
    ErrorCorrection(RsError),
    /// The corrected data codewords are malformed.
    Data {
        /// Index of the offending codeword among the data codewords.
        codeword_index: usize,
        /// Its value.
        value: u8,
        /// What is wrong.
        reason: DataFault,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotASize { rows, cols } => {
                write!(f, "{rows}x{cols} modules is not an ecc 200 size")
            }
            DecodeError::NoOrientation { rows, cols } => write!(
                f,
                "{rows}x{cols} modules: no orientation shows the finder pattern"
            ),
            DecodeError::WrongCodewordCount {
                size,
                expected,
                got,
            } => write!(f, "{size} symbol holds {expected} codewords, got {got}"),
            DecodeError::ErrorCorrection(e) => write!(f, "error correction: {e}"),
            DecodeError::Data {
                codeword_index,
                value,
                reason,
            } => write!(
                f,
                "data codeword {codeword_index} (value {value}): {reason}"
            ),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::ErrorCorrection(e) => Some(e),
            _ => None,
        }
    }
}

impl From<DataError> for DecodeError {
    fn from(e: DataError) -> Self {
        DecodeError::Data {
            codeword_index: e.codeword_index,
            value: e.value,
            reason: e.reason,
        }
    }
}

impl From<RsError> for DecodeError {
    fn from(e: RsError) -> Self {
        match e {
            RsError::WrongStreamLength {
                size,
                expected,
                got,
            } => DecodeError::WrongCodewordCount {
                size,
                expected,
                got,
            },
            e => DecodeError::ErrorCorrection(e),
        }
    }
}

/// A decoded symbol.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Decoded {
    /// The symbol size.
    pub size: SymbolSize,
    /// The content: GS (0x1D) for FNC1 separators, no character for a leading (GS1) or
    /// AIM FNC1, Macro 05/06 expanded to their header and trailer.
    pub bytes: Vec<u8>,
    /// ECI designators: (byte offset into `bytes` from which it applies, ECI value).
    pub eci: Vec<(usize, u32)>,
    /// FNC1 in the first position (or fifth after Structured Append): GS1 data (`]d2`).
    pub gs1: bool,
    /// FNC1 in the second (or sixth) position after one letter or two digits (`]d3`).
    pub aim: bool,
    /// The Structured Append header, if any.
    pub structured_append: Option<StructuredAppend>,
    /// Reader Programming: the content programs the reader.
    pub reader_programming: bool,
    /// Macro 05 or 06, if used (its header and trailer are in `bytes`).
    pub macro_: Option<u8>,
    /// Pad codewords at the end of the data.
    pub padding: usize,
    /// What error correction found: errors, erasures, per block, unused EC.
    pub ec: SymbolStats,
    /// The symbol was read mirrored (its modules reflected): `orientation.is_mirrored()`.
    pub mirrored: bool,
    /// Where the symbol sat in the input matrix ([`Orientation::IDENTITY`] for
    /// [`from_codewords`] and for a matrix read the right way round).
    pub orientation: Orientation,
    /// Finder and clock modules of the wrong colour in the orientation that decoded
    /// (0 for [`from_codewords`]).
    pub fixed_pattern_errors: usize,
    /// The corrected data codewords (padding included).
    pub data_codewords: Vec<u8>,
    /// The corrected full codeword stream (data, then interleaved EC).
    pub codewords: Vec<u8>,
}

impl Decoded {
    /// The symbology identifier (ISO/IEC 16022): `]d1`, `]d2` (GS1), `]d3` (AIM), or
    /// `]d4`/`]d5`/`]d6` for the same with ECI.
    pub fn symbology_identifier(&self) -> &'static str {
        data::symbology_identifier(self.gs1, self.aim, !self.eci.is_empty())
    }

    /// The content as text, each segment in its ECI's character set (ISO/IEC 8859-1
    /// by default); see [`charset`] for which sets are exact.
    pub fn text(&self) -> String {
        data::text(&self.bytes, &self.eci)
    }

    /// The data as transmitted under the ECI protocol: each ECI as a backslash and six
    /// digits, backslashes doubled (see [`Content::eci_transmission`]).
    pub fn eci_transmission(&self) -> Vec<u8> {
        data::eci_transmission(&self.bytes, &self.eci)
    }
}

/// Decodes the data codewords alone (no error correction).
pub fn decode_data(data_codewords: &[u8]) -> Result<Content, DecodeError> {
    Ok(data::decode_data(data_codewords)?)
}

/// Corrects and decodes a full interleaved codeword stream (data then EC, exactly
/// `size.total_codewords()` long).
pub fn from_codewords(codewords: &[u8], size: SymbolSize) -> Result<Decoded, DecodeError> {
    from_codewords_with_erasures(codewords, size, &[])
}

/// As [`from_codewords`], with erasures: positions in the stream known to be unreliable.
pub fn from_codewords_with_erasures(
    codewords: &[u8],
    size: SymbolSize,
    erasures: &[usize],
) -> Result<Decoded, DecodeError> {
    let mut cw = codewords.to_vec();
    let ec = decode_symbol(size, &mut cw, erasures)?;
    let nd = size.data_codewords();
    let data_codewords = cw.get(..nd).unwrap_or(&[]).to_vec();
    let c = data::decode_data(&data_codewords)?;
    Ok(Decoded {
        size,
        bytes: c.bytes,
        eci: c.eci,
        gs1: c.gs1,
        aim: c.aim,
        structured_append: c.structured_append,
        reader_programming: c.reader_programming,
        macro_: c.macro_,
        padding: c.padding,
        ec,
        mirrored: false,
        orientation: Orientation::IDENTITY,
        fixed_pattern_errors: 0,
        data_codewords,
        codewords: cw,
    })
}

/// Where the decoded symbol sits in the input matrix: one of the 8 symmetries of the
/// grid. Symbol module (r, c) is input module (r', c') with
/// (a, b) = `transpose` ? (c, r) : (r, c), r' = `flip_rows` ? rows-1-a : a,
/// c' = `flip_cols` ? cols-1-b : b (rows, cols: the input's dimensions); see
/// [`Orientation::to_input`].
///
/// The identity for a matrix read the right way round. A reflection (an odd number of
/// the three) means the symbol was mirrored; for a square symbol whose finder L was
/// already in place that is `transpose + flip_rows + flip_cols` (the anti-diagonal),
/// which swaps the top-left and bottom-right corners and keeps the other two.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Orientation {
    /// Rows and columns exchanged.
    pub transpose: bool,
    /// Rows counted from the bottom of the input.
    pub flip_rows: bool,
    /// Columns counted from the right of the input.
    pub flip_cols: bool,
}

impl Orientation {
    /// The matrix as it is.
    pub const IDENTITY: Orientation = Orientation {
        transpose: false,
        flip_rows: false,
        flip_cols: false,
    };

    /// All 8, the identity first.
    pub const ALL: [Orientation; 8] = [
        Orientation::nth(0),
        Orientation::nth(1),
        Orientation::nth(2),
        Orientation::nth(3),
        Orientation::nth(4),
        Orientation::nth(5),
        Orientation::nth(6),
        Orientation::nth(7),
    ];

    /// Orientation `k` of [`Orientation::ALL`]: its bits are transpose, flip rows,
    /// flip columns (0 = the identity).
    const fn nth(k: usize) -> Orientation {
        Orientation {
            transpose: k & 4 != 0,
            flip_rows: k & 2 != 0,
            flip_cols: k & 1 != 0,
        }
    }

    /// True for the 4 reflections (a mirrored symbol).
    pub fn is_mirrored(self) -> bool {
        self.transpose ^ self.flip_rows ^ self.flip_cols
    }

    /// The input-matrix position (row, col) of symbol module (`r`, `c`), for an input
    /// of `input_rows` x `input_cols` (wrapping, never panicking, if (r, c) lies outside).
    pub fn to_input(
        self,
        r: usize,
        c: usize,
        input_rows: usize,
        input_cols: usize,
    ) -> (usize, usize) {
        let (a, b) = if self.transpose { (c, r) } else { (r, c) };
        let a = if self.flip_rows {
            input_rows.wrapping_sub(1).wrapping_sub(a)
        } else {
            a
        };
        let b = if self.flip_cols {
            input_cols.wrapping_sub(1).wrapping_sub(b)
        } else {
            b
        };
        (a, b)
    }

    fn dims(self, m: &ModuleMatrix) -> (usize, usize) {
        if self.transpose {
            (m.cols(), m.rows())
        } else {
            (m.rows(), m.cols())
        }
    }

    #[inline]
    fn get(self, m: &ModuleMatrix, r: usize, c: usize) -> bool {
        let (a, b) = self.to_input(r, c, m.rows(), m.cols());
        m.get(a, b) // out of range (wrapped) reads as light
    }
}

/// Finder/clock modules of the wrong colour, and the number of fixed modules.
fn fixed_pattern_errors(m: &ModuleMatrix, v: Orientation, size: SymbolSize) -> (usize, usize) {
    let (br, bc) = (size.region_rows() + 2, size.region_cols() + 2);
    let (mut bad, mut total) = (0, 0);
    let mut check = |r: usize, c: usize| {
        total += 1;
        bad += usize::from(v.get(m, r, c) != fixed_module_dark(size, r, c));
    };
    for r in 0..size.rows() {
        if r % br == 0 || r % br == br - 1 {
            (0..size.cols()).for_each(|c| check(r, c));
        } else {
            // only the left and right border columns of each region
            for c0 in (0..size.cols()).step_by(bc) {
                check(r, c0);
                check(r, c0 + bc - 1);
            }
        }
    }
    (bad, total)
}

/// Decodes a module matrix (finder L on the left column and bottom row, no quiet zone).
///
/// The size comes from the dimensions. If the matrix does not decode as it is, the
/// other orientations whose dimensions are a size are tried, best finder/clock match
/// first (a mirrored read sets [`Decoded::mirrored`]). Orientations whose fixed pattern
/// is more than a third wrong are not tried.
pub fn from_matrix(m: &ModuleMatrix) -> Result<Decoded, DecodeError> {
    decode_views(m, None)
}

/// As [`from_matrix`], with a matrix of the same dimensions marking uncertain modules
/// (`true` = the sampler could not tell the colour). A codeword with any uncertain
/// module is an erasure.
///
/// Erasures per block are capped at the erasure capacity ISO/IEC 16022 (Table 7)
/// gives: `n_ec - 3`, and none for blocks of fewer than 10 EC codewords (10x10,
/// 12x12, 8x18), so that spare EC codewords still detect a wrong correction. When a
/// block has more uncertain codewords, the most uncertain ones (most uncertain modules)
/// are kept; if that decode fails, it is retried with up to `n_ec / 2` erasures per
/// block, then with none. An `uncertain` matrix whose dimensions differ from `m` is
/// ignored.
pub fn from_matrix_with_erasures(
    m: &ModuleMatrix,
    uncertain: &ModuleMatrix,
) -> Result<Decoded, DecodeError> {
    if uncertain.rows() != m.rows() || uncertain.cols() != m.cols() {
        return decode_views(m, None);
    }
    decode_views(m, Some(uncertain))
}

fn decode_views(
    m: &ModuleMatrix,
    uncertain: Option<&ModuleMatrix>,
) -> Result<Decoded, DecodeError> {
    let mut cw = Vec::new();
    let mut attempt = |v: Orientation, size: SymbolSize, bad: usize| {
        extract(m, v, size, &mut cw);
        let res = match uncertain {
            None => from_codewords(&cw, size),
            Some(u) => with_erasures(&cw, u, v, size),
        };
        res.map(|mut d| {
            d.mirrored = v.is_mirrored();
            d.orientation = v;
            d.fixed_pattern_errors = bad;
            d
        })
    };
    let mut first_err = None;
    // the matrix as it is first: the common case pays for nothing else
    let id = Orientation::IDENTITY;
    if let Some(size) = SymbolSize::from_dims(m.rows(), m.cols()) {
        let (bad, _) = fixed_pattern_errors(m, id, size);
        match attempt(id, size, bad) {
            Ok(d) => return Ok(d),
            Err(e) => first_err = Some(e),
        }
    }
    // then the other orientations with a plausible fixed pattern, best match first
    let mut cands: [Option<(usize, Orientation, SymbolSize)>; 7] = [None; 7];
    for (slot, v) in cands.iter_mut().zip(Orientation::ALL[1..].iter().copied()) {
        let (r, c) = v.dims(m);
        if let Some(size) = SymbolSize::from_dims(r, c) {
            let (bad, total) = fixed_pattern_errors(m, v, size);
            if 3 * bad <= total {
                *slot = Some((bad, v, size));
            }
        }
    }
    cands.sort_by_key(|c| c.map_or(usize::MAX, |c| c.0));
    for (bad, v, size) in cands.into_iter().flatten() {
        match attempt(v, size, bad) {
            Ok(d) => return Ok(d),
            Err(e) => {
                if first_err.is_none() {
                    first_err = Some(e);
                }
            }
        }
    }
    let any_size = Orientation::ALL
        .iter()
        .any(|v| SymbolSize::from_dims(v.dims(m).0, v.dims(m).1).is_some());
    Err(match first_err {
        Some(e) => e,
        None if any_size => DecodeError::NoOrientation {
            rows: m.rows(),
            cols: m.cols(),
        },
        None => DecodeError::NotASize {
            rows: m.rows(),
            cols: m.cols(),
        },
    })
}

fn extract(m: &ModuleMatrix, v: Orientation, size: SymbolSize, out: &mut Vec<u8>) {
    let map = ModuleMap::get(size);
    out.clear();
    out.extend((0..size.total_codewords()).map(|k| {
        map.codeword_modules(k).iter().fold(0u8, |acc, &(r, c)| {
            (acc << 1) | u8::from(v.get(m, r as usize, c as usize))
        })
    }));
}

/// The erasure capacity of a block with `n_ec` EC codewords in ISO/IEC 16022 Table 7.
fn max_erasures(n_ec: usize) -> usize {
    if n_ec < 10 {
        0
    } else {
        n_ec - 3
    }
}

fn with_erasures(
    cw: &[u8],
    u: &ModuleMatrix,
    v: Orientation,
    size: SymbolSize,
) -> Result<Decoded, DecodeError> {
    let map = ModuleMap::get(size);
    // (uncertain modules, stream position) of every codeword with any uncertainty
    let mut unsure: Vec<(u8, usize)> = (0..size.total_codewords())
        .filter_map(|k| {
            let n = map
                .codeword_modules(k)
                .iter()
                .filter(|&&(r, c)| v.get(u, r as usize, c as usize))
                .count() as u8;
            (n > 0).then_some((n, k))
        })
        .collect();
    if unsure.is_empty() {
        return from_codewords(cw, size);
    }
    // most uncertain first (stable: stream order among equals)
    unsure.sort_by_key(|a| std::cmp::Reverse(a.0));
    let blocks = size.blocks();
    let nd = size.data_codewords();
    let ne = size.ec_per_block();
    let block_of = |p: usize| {
        if p < nd {
            p % blocks
        } else {
            (p - nd) % blocks
        }
    };
    let caps = [max_erasures(ne), (ne / 2).min(max_erasures(ne)), 0];
    let mut last_cap = usize::MAX;
    let mut first_err = None;
    let mut per_block = vec![0usize; blocks];
    let mut erasures = Vec::with_capacity(unsure.len());
    for cap in caps {
        if cap == last_cap {
            continue;
        }
        last_cap = cap;
        per_block.fill(0);
        erasures.clear();
        for &(_, p) in &unsure {
            let b = block_of(p);
            if let Some(n) = per_block.get_mut(b) {
                if *n < cap {
                    *n += 1;
                    erasures.push(p);
                }
            }
        }
        match from_codewords_with_erasures(cw, size, &erasures) {
            Ok(d) => return Ok(d),
            Err(e) => {
                if first_err.is_none() {
                    first_err = Some(e);
                }
            }
        }
        if erasures.is_empty() {
            break;
        }
    }
    Err(first_err.unwrap_or(DecodeError::NotASize {
        rows: size.rows(),
        cols: size.cols(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::Symbol;

    #[test]
    fn iso_example_from_codewords() {
        let size = SymbolSize::from_dims(10, 10).unwrap();
        let d = from_codewords(&[142, 164, 186, 114, 25, 5, 88, 102], size).unwrap();
        assert_eq!(d.bytes, b"123456");
        assert_eq!(d.ec.errors, 0);
    }

    #[test]
    fn fixed_pattern_walk_matches_the_placement_rule() {
        use crate::matrix::placement::is_fixed_module;
        for size in SymbolSize::all() {
            // a matrix dark exactly on the fixed modules that should be light
            let mut m = ModuleMatrix::new(size.rows(), size.cols());
            let mut want = (0, 0);
            for r in 0..size.rows() {
                for c in 0..size.cols() {
                    if is_fixed_module(size, r, c) {
                        want.1 += 1;
                        if !fixed_module_dark(size, r, c) {
                            m.set(r, c, true);
                        }
                    }
                }
            }
            // every fixed module is then wrong
            want.0 = want.1;
            assert_eq!(
                fixed_pattern_errors(&m, Orientation::IDENTITY, size),
                want,
                "{size}"
            );
        }
    }

    #[test]
    fn views_cover_all_symmetries() {
        let size = SymbolSize::from_dims(12, 12).unwrap();
        let sym = Symbol::from_data_codewords(size, &[66, 67, 68, 69, 70]).unwrap();
        let m = sym.matrix();
        for v in Orientation::ALL {
            let (r, c) = v.dims(m);
            let mut t = ModuleMatrix::new(r, c);
            for i in 0..r {
                for j in 0..c {
                    t.set(i, j, v.get(m, i, j));
                }
            }
            let d = from_matrix(&t).unwrap();
            assert_eq!(d.bytes, b"ABCDE");
            // rotations read as not mirrored, reflections as mirrored
            assert_eq!(d.mirrored, v.is_mirrored());
            // the reported orientation maps the symbol's modules onto the input
            for i in 0..12 {
                for j in 0..12 {
                    let (a, b) = d.orientation.to_input(i, j, t.rows(), t.cols());
                    assert_eq!(t.get(a, b), m.get(i, j));
                }
            }
        }
    }
}
