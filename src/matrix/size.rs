//! The one symbol-size table of ECC 200: the 24 square and 6 rectangular sizes of
//! ISO/IEC 16022 (Table 7) and the 18 DMRE sizes of ISO/IEC 21471 (Table 7).
//!
//! Every stage uses it: the encoder to choose a size, placement to map codewords to
//! modules, the decoder to de-interleave Reed-Solomon blocks and the grader to find the
//! fixed patterns.

use std::fmt;

/// Which family a size belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SizeFamily {
    /// The 24 square sizes, 10x10 to 144x144.
    Square,
    /// The 6 rectangular sizes of ISO/IEC 16022, 8x18 to 16x48.
    Rectangular,
    /// The 18 rectangular extension sizes of ISO/IEC 21471 (DMRE), 8x48 to 26x64.
    Dmre,
}

/// One row of the size table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Info {
    rows: u8,
    cols: u8,
    /// Data-region height and width in modules (without the finder and clock border).
    region_rows: u8,
    region_cols: u8,
    /// Number of data codewords (all blocks).
    data: u16,
    /// Number of error-correction codewords (all blocks).
    ec: u16,
    /// Number of interleaved Reed-Solomon blocks.
    blocks: u8,
    family: SizeFamily,
}

const fn sq(n: u8, region: u8, data: u16, ec: u16, blocks: u8) -> Info {
    Info {
        rows: n,
        cols: n,
        region_rows: region,
        region_cols: region,
        data,
        ec,
        blocks,
        family: SizeFamily::Square,
    }
}

const fn rect(rows: u8, cols: u8, rr: u8, rc: u8, data: u16, ec: u16, family: SizeFamily) -> Info {
    Info {
        rows,
        cols,
        region_rows: rr,
        region_cols: rc,
        data,
        ec,
        blocks: 1,
        family,
    }
}

use SizeFamily::{Dmre, Rectangular};

/// The table, in the order ISO/IEC 16022 lists the sizes, then DMRE by rows then columns.
static TABLE: [Info; 48] = [
    sq(10, 8, 3, 5, 1),
    sq(12, 10, 5, 7, 1),
    sq(14, 12, 8, 10, 1),
    sq(16, 14, 12, 12, 1),
    sq(18, 16, 18, 14, 1),
    sq(20, 18, 22, 18, 1),
    sq(22, 20, 30, 20, 1),
    sq(24, 22, 36, 24, 1),
    sq(26, 24, 44, 28, 1),
    sq(32, 14, 62, 36, 1),
    sq(36, 16, 86, 42, 1),
    sq(40, 18, 114, 48, 1),
    sq(44, 20, 144, 56, 1),
    sq(48, 22, 174, 68, 1),
    sq(52, 24, 204, 84, 2),
    sq(64, 14, 280, 112, 2),
    sq(72, 16, 368, 144, 4),
    sq(80, 18, 456, 192, 4),
    sq(88, 20, 576, 224, 4),
    sq(96, 22, 696, 272, 4),
    sq(104, 24, 816, 336, 6),
    sq(120, 18, 1050, 408, 6),
    sq(132, 20, 1304, 496, 8),
    sq(144, 22, 1558, 620, 10),
    rect(8, 18, 6, 16, 5, 7, Rectangular),
    rect(8, 32, 6, 14, 10, 11, Rectangular),
    rect(12, 26, 10, 24, 16, 14, Rectangular),
    rect(12, 36, 10, 16, 22, 18, Rectangular),
    rect(16, 36, 14, 16, 32, 24, Rectangular),
    rect(16, 48, 14, 22, 49, 28, Rectangular),
    rect(8, 48, 6, 22, 18, 15, Dmre),
    rect(8, 64, 6, 14, 24, 18, Dmre),
    rect(8, 80, 6, 18, 32, 22, Dmre),
    rect(8, 96, 6, 22, 38, 28, Dmre),
    rect(8, 120, 6, 18, 49, 32, Dmre),
    rect(8, 144, 6, 22, 63, 36, Dmre),
    rect(12, 64, 10, 14, 43, 27, Dmre),
    rect(12, 88, 10, 20, 64, 36, Dmre),
    rect(16, 64, 14, 14, 62, 36, Dmre),
    rect(20, 36, 18, 16, 44, 28, Dmre),
    rect(20, 44, 18, 20, 56, 34, Dmre),
    rect(20, 64, 18, 14, 84, 42, Dmre),
    rect(22, 48, 20, 22, 72, 38, Dmre),
    rect(24, 48, 22, 22, 80, 41, Dmre),
    rect(24, 64, 22, 14, 108, 46, Dmre),
    rect(26, 40, 24, 18, 70, 38, Dmre),
    rect(26, 48, 24, 22, 90, 42, Dmre),
    rect(26, 64, 24, 14, 118, 50, Dmre),
];

/// An ECC 200 symbol size: a handle into the size table.
///
/// ```
/// use ecc200::SymbolSize;
/// let s = SymbolSize::from_dims(24, 24).unwrap();
/// assert_eq!((s.data_codewords(), s.ec_codewords()), (36, 24));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymbolSize(u8);

impl SymbolSize {
    /// Number of sizes in the table (24 square + 6 rectangular + 18 DMRE).
    pub const COUNT: usize = TABLE.len();

    /// Every size, square first, then rectangular, then DMRE.
    pub fn all() -> impl DoubleEndedIterator<Item = SymbolSize> + ExactSizeIterator + Clone {
        (0..TABLE.len() as u8).map(SymbolSize)
    }

    /// The size with this many rows and columns (modules, finder and clock included).
    pub fn from_dims(rows: usize, cols: usize) -> Option<SymbolSize> {
        TABLE
            .iter()
            .position(|i| i.rows as usize == rows && i.cols as usize == cols)
            .map(|p| SymbolSize(p as u8))
    }

    /// Position in [`SymbolSize::all`]; stable, usable as an array index.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The size at `index` in [`SymbolSize::all`].
    pub fn from_index(index: usize) -> Option<SymbolSize> {
        (index < TABLE.len()).then_some(SymbolSize(index as u8))
    }

    fn info(self) -> &'static Info {
        // a SymbolSize is only made from a position in TABLE, so `get` always finds it;
        // the first entry is a placeholder answer that cannot be reached
        TABLE.get(usize::from(self.0)).unwrap_or(&TABLE[0])
    }

    /// Rows of modules, finder and clock tracks included, quiet zone excluded.
    pub fn rows(self) -> usize {
        self.info().rows as usize
    }
    /// Columns of modules, finder and clock tracks included, quiet zone excluded.
    pub fn cols(self) -> usize {
        self.info().cols as usize
    }
    /// Height of one data region in modules (its finder/clock border excluded).
    pub fn region_rows(self) -> usize {
        self.info().region_rows as usize
    }
    /// Width of one data region in modules (its finder/clock border excluded).
    pub fn region_cols(self) -> usize {
        self.info().region_cols as usize
    }
    /// Number of data regions stacked vertically.
    pub fn regions_v(self) -> usize {
        self.rows() / (self.region_rows() + 2)
    }
    /// Number of data regions side by side.
    pub fn regions_h(self) -> usize {
        self.cols() / (self.region_cols() + 2)
    }
    /// Rows of the mapping matrix (all data regions without their borders).
    pub fn mapping_rows(self) -> usize {
        self.regions_v() * self.region_rows()
    }
    /// Columns of the mapping matrix.
    pub fn mapping_cols(self) -> usize {
        self.regions_h() * self.region_cols()
    }
    /// Data codewords in the whole symbol.
    pub fn data_codewords(self) -> usize {
        self.info().data as usize
    }
    /// Error-correction codewords in the whole symbol.
    pub fn ec_codewords(self) -> usize {
        self.info().ec as usize
    }
    /// Data plus error-correction codewords.
    pub fn total_codewords(self) -> usize {
        self.data_codewords() + self.ec_codewords()
    }
    /// Number of interleaved Reed-Solomon blocks.
    pub fn blocks(self) -> usize {
        self.info().blocks as usize
    }
    /// Error-correction codewords per block (equal in every block).
    pub fn ec_per_block(self) -> usize {
        self.ec_codewords() / self.blocks()
    }
    /// Data codewords in block `b`: data codeword `i` of the symbol goes to block
    /// `i % blocks`, so the first `data % blocks` blocks hold one more (only 144x144,
    /// whose blocks hold 156 and 155).
    pub fn block_data_len(self, b: usize) -> usize {
        let n = self.blocks();
        let d = self.data_codewords();
        d / n + usize::from(b < d % n)
    }
    /// Which family the size belongs to.
    pub fn family(self) -> SizeFamily {
        self.info().family
    }
    /// True for the 24 square sizes.
    pub fn is_square(self) -> bool {
        self.family() == SizeFamily::Square
    }
    /// Area in modules.
    pub fn area(self) -> usize {
        self.rows() * self.cols()
    }
}

impl fmt::Debug for SymbolSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.rows(), self.cols())
    }
}

impl fmt::Display for SymbolSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.rows(), self.cols())
    }
}

impl std::str::FromStr for SymbolSize {
    type Err = String;
    /// Parses `"24x24"` or `"8X18"` (rows x columns).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (r, c) = s
            .split_once(['x', 'X'])
            .ok_or_else(|| format!("size {s:?} is not ROWSxCOLS"))?;
        let r: usize = r
            .trim()
            .parse()
            .map_err(|_| format!("size {s:?}: bad row count"))?;
        let c: usize = c
            .trim()
            .parse()
            .map_err(|_| format!("size {s:?}: bad column count"))?;
        SymbolSize::from_dims(r, c).ok_or_else(|| format!("{r}x{c} is not an ECC 200 size"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_fills_its_mapping_matrix() {
        for s in SymbolSize::all() {
            // the regions tile the symbol exactly
            assert_eq!(s.regions_v() * (s.region_rows() + 2), s.rows(), "{s}");
            assert_eq!(s.regions_h() * (s.region_cols() + 2), s.cols(), "{s}");
            // codewords fill the mapping matrix, leaving at most 4 bits (the fixed corner)
            let bits = s.mapping_rows() * s.mapping_cols();
            let used = 8 * s.total_codewords();
            assert!(
                used <= bits && bits - used <= 4,
                "{s}: {bits} bits, {used} used"
            );
            assert_eq!(s.ec_codewords() % s.blocks(), 0, "{s}");
            let sum: usize = (0..s.blocks()).map(|b| s.block_data_len(b)).sum();
            assert_eq!(sum, s.data_codewords());
        }
    }

    #[test]
    fn family_counts() {
        let count = |f| SymbolSize::all().filter(|s| s.family() == f).count();
        assert_eq!(count(SizeFamily::Square), 24);
        assert_eq!(count(SizeFamily::Rectangular), 6);
        assert_eq!(count(SizeFamily::Dmre), 18);
    }

    #[test]
    fn the_144_blocks() {
        let s = SymbolSize::from_dims(144, 144).unwrap();
        assert_eq!(s.block_data_len(0), 156);
        assert_eq!(s.block_data_len(7), 156);
        assert_eq!(s.block_data_len(8), 155);
        assert_eq!(s.ec_per_block(), 62);
    }

    #[test]
    fn parse_sizes() {
        assert_eq!("16x48".parse::<SymbolSize>().unwrap().data_codewords(), 49);
        assert!("15x15".parse::<SymbolSize>().is_err());
    }
}
