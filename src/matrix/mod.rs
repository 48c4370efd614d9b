//! Symbols as modules: the size table, the module grid, placement of codewords.

#![deny(clippy::indexing_slicing)]

pub mod placement;
pub mod size;

use bitvec::prelude::*;
use std::fmt;

pub use placement::ModuleMap;
pub use size::{SizeFamily, SymbolSize};

/// Largest dimension a [`ModuleMatrix`] may have (144 is the largest ECC 200 size; the
/// slack admits quiet zones and test grids).
pub const MAX_MATRIX_DIM: usize = 1024;

/// A grid of modules, `true` = dark. Row 0 is the top; the finder L of an ECC 200 symbol
/// is the left column and the bottom row. No quiet zone.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ModuleMatrix {
    rows: usize,
    cols: usize,
    bits: BitVec<usize, Lsb0>,
}

impl ModuleMatrix {
    /// An all-light matrix. Dimensions above [`MAX_MATRIX_DIM`] are clamped to it.
    pub fn new(rows: usize, cols: usize) -> ModuleMatrix {
        let (rows, cols) = (rows.min(MAX_MATRIX_DIM), cols.min(MAX_MATRIX_DIM));
        ModuleMatrix {
            rows,
            cols,
            bits: bitvec![usize, Lsb0; 0; rows * cols],
        }
    }

    /// Builds a matrix from rows of `'1'`/`'0'` (or `'#'`/`'.'`) characters, the form
    /// `ecc200 encode --json` prints. Returns `None` on ragged rows or other characters.
    pub fn from_strings<S: AsRef<str>>(rows: &[S]) -> Option<ModuleMatrix> {
        let cols = rows.first().map_or(0, |r| r.as_ref().len());
        if rows.len() > MAX_MATRIX_DIM || cols > MAX_MATRIX_DIM {
            return None;
        }
        let mut m = ModuleMatrix::new(rows.len(), cols);
        for (r, line) in rows.iter().enumerate() {
            let line = line.as_ref();
            if line.len() != cols {
                return None;
            }
            for (c, ch) in line.bytes().enumerate() {
                match ch {
                    b'1' | b'#' => m.set(r, c, true),
                    b'0' | b'.' => {}
                    _ => return None,
                }
            }
        }
        Some(m)
    }

    /// Sets the dimensions without clearing (every word is about to be overwritten
    /// through [`ModuleMatrix::raw_words_mut`]).
    pub(crate) fn reset_for_words(&mut self, rows: usize, cols: usize) {
        let (rows, cols) = (rows.min(MAX_MATRIX_DIM), cols.min(MAX_MATRIX_DIM));
        if self.rows != rows || self.cols != cols {
            self.reset(rows, cols);
        }
    }

    /// The raw storage words, writable; the caller keeps bits past `rows * cols` zero.
    pub(crate) fn raw_words_mut(&mut self) -> &mut [usize] {
        self.bits.as_raw_mut_slice()
    }

    /// The raw storage words: row-major bits, grid bit `i` is bit `i % usize::BITS` of
    /// word `i / usize::BITS` (so 32-bit words on wasm32); bits past `rows * cols` are
    /// zero.
    pub fn raw_words(&self) -> &[usize] {
        self.bits.as_raw_slice()
    }

    /// Builds a matrix from a row-major slice of booleans (`rows * cols` long).
    pub fn from_bools(rows: usize, cols: usize, v: &[bool]) -> Option<ModuleMatrix> {
        if rows > MAX_MATRIX_DIM || cols > MAX_MATRIX_DIM || v.len() != rows * cols {
            return None;
        }
        let mut m = ModuleMatrix::new(rows, cols);
        for (i, &b) in v.iter().enumerate() {
            m.bits.set(i, b);
        }
        Some(m)
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The module at (row, col); out of range reads as light.
    #[inline]
    pub fn get(&self, row: usize, col: usize) -> bool {
        if row >= self.rows || col >= self.cols {
            return false;
        }
        // grid bit i is bit i % WORD of storage word i / WORD (Lsb0); i < rows * cols
        // lies in the storage, so `get` always finds the word
        const WORD: usize = usize::BITS as usize;
        let i = row * self.cols + col;
        self.bits
            .as_raw_slice()
            .get(i / WORD)
            .is_some_and(|&w| (w >> (i % WORD)) & 1 != 0)
    }

    /// Sets the module at (row, col); out of range is ignored.
    #[inline]
    pub fn set(&mut self, row: usize, col: usize, dark: bool) {
        if row < self.rows && col < self.cols {
            self.bits.set(row * self.cols + col, dark);
        }
    }

    /// Clears every module to light, keeping the dimensions (for buffer reuse).
    pub fn clear(&mut self) {
        self.bits.fill(false);
    }

    /// Resizes to `rows x cols` and clears (reuses the allocation where it can).
    pub fn reset(&mut self, rows: usize, cols: usize) {
        let (rows, cols) = (rows.min(MAX_MATRIX_DIM), cols.min(MAX_MATRIX_DIM));
        self.rows = rows;
        self.cols = cols;
        self.bits.clear();
        self.bits.resize(rows * cols, false);
    }

    /// Row-major bits.
    pub fn bits(&self) -> &BitSlice<usize, Lsb0> {
        &self.bits
    }

    /// One row as a bool iterator.
    pub fn row(&self, row: usize) -> impl Iterator<Item = bool> + '_ {
        let r = row.min(self.rows);
        let end = if row < self.rows {
            (r + 1) * self.cols
        } else {
            r * self.cols
        };
        // r * cols <= end <= rows * cols = the bit length: `get` finds the row
        self.bits
            .get(r * self.cols..end)
            .unwrap_or(BitSlice::empty())
            .iter()
            .by_vals()
    }

    /// The matrix mirrored about its main diagonal (rows become columns). This moves
    /// the finder L to the top row and right column; a mirrored symbol whose L has been
    /// rotated back into place is the reflection about the anti-diagonal instead
    /// ([`crate::decode::from_matrix`] tries every orientation).
    pub fn transposed(&self) -> ModuleMatrix {
        let mut t = ModuleMatrix::new(self.cols, self.rows);
        for r in 0..self.rows {
            for c in 0..self.cols {
                if self.get(r, c) {
                    t.set(c, r, true);
                }
            }
        }
        t
    }

    /// Rows of `'1'`/`'0'`, one string per row.
    pub fn to_strings(&self) -> Vec<String> {
        (0..self.rows)
            .map(|r| self.row(r).map(|b| if b { '1' } else { '0' }).collect())
            .collect()
    }

    /// Number of dark modules.
    pub fn count_dark(&self) -> usize {
        self.bits.count_ones()
    }
}

impl fmt::Debug for ModuleMatrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "ModuleMatrix {}x{}", self.rows, self.cols)?;
        for r in 0..self.rows {
            let line: String = self.row(r).map(|b| if b { '#' } else { '.' }).collect();
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// A finished ECC 200 symbol: its size, the interleaved codeword stream (data then
/// error correction, as placed) and the modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    size: SymbolSize,
    codewords: Vec<u8>,
    matrix: ModuleMatrix,
}

impl Symbol {
    /// Makes the symbol from a full set of data codewords (already padded to the size's
    /// capacity): adds Reed-Solomon error correction and places the modules.
    ///
    /// Returns `None` when `data.len()` is not the size's data capacity.
    pub fn from_data_codewords(size: SymbolSize, data: &[u8]) -> Option<Symbol> {
        if data.len() != size.data_codewords() {
            return None;
        }
        let codewords = crate::rs::encode_symbol(size, data);
        let matrix = ModuleMap::get(size).place(&codewords);
        Some(Symbol {
            size,
            codewords,
            matrix,
        })
    }

    /// As [`Symbol::from_data_codewords`], into this symbol, reusing its buffers (no
    /// allocation once they are large enough). Returns false, leaving the symbol
    /// unchanged, when `data.len()` is not the size's data capacity.
    pub fn refill_from_data_codewords(&mut self, size: SymbolSize, data: &[u8]) -> bool {
        if data.len() != size.data_codewords() {
            return false;
        }
        self.codewords.resize(size.total_codewords(), 0);
        crate::rs::encode_symbol_into(size, data, &mut self.codewords);
        ModuleMap::get(size).place_into(&self.codewords, &mut self.matrix);
        self.size = size;
        true
    }

    /// A symbol from parts the caller has made consistent (the serial range encoder).
    pub(crate) fn from_parts(size: SymbolSize, codewords: Vec<u8>, matrix: ModuleMatrix) -> Symbol {
        Symbol {
            size,
            codewords,
            matrix,
        }
    }

    /// The parts, for refilling a symbol in place (the serial range encoder).
    pub(crate) fn parts_mut(&mut self) -> (&mut SymbolSize, &mut Vec<u8>, &mut ModuleMatrix) {
        (&mut self.size, &mut self.codewords, &mut self.matrix)
    }

    /// The size.
    pub fn size(&self) -> SymbolSize {
        self.size
    }
    /// Rows of modules (no quiet zone).
    pub fn rows(&self) -> usize {
        self.size.rows()
    }
    /// Columns of modules (no quiet zone).
    pub fn cols(&self) -> usize {
        self.size.cols()
    }
    /// The placed codeword stream: data codewords, then interleaved EC codewords.
    pub fn codewords(&self) -> &[u8] {
        &self.codewords
    }
    /// The data codewords (padding included).
    pub fn data_codewords(&self) -> &[u8] {
        // the stream holds the data codewords first (a shorter stream, which no
        // constructor makes, would be returned whole)
        self.codewords
            .get(..self.size.data_codewords())
            .unwrap_or(&self.codewords)
    }
    /// The modules.
    pub fn matrix(&self) -> &ModuleMatrix {
        &self.matrix
    }
    /// Takes the modules.
    pub fn into_matrix(self) -> ModuleMatrix {
        self.matrix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip() {
        let m = ModuleMatrix::from_strings(&["101", "010"]).unwrap();
        assert_eq!(m.to_strings(), vec!["101", "010"]);
        assert!(m.get(0, 0) && !m.get(0, 1) && m.get(1, 1));
        assert!(!m.get(5, 5));
        assert!(ModuleMatrix::from_strings(&["10", "1"]).is_none());
        assert_eq!(m.transposed().to_strings(), vec!["10", "01", "10"]);
    }
}
