//! Module placement of ISO/IEC 16022 (the "utah" shapes and the four corner cases),
//! the finder L and clock tracks of every data region, and the inverse.
//!
//! For each size the placement is computed once into a [`ModuleMap`]: for every
//! codeword its 8 module positions in symbol coordinates, most significant bit first.
//! Placing and extracting are then table walks.

use super::size::SymbolSize;
use super::ModuleMatrix;
use std::sync::OnceLock;

/// Where every codeword bit of one symbol size sits.
#[derive(Debug)]
pub struct ModuleMap {
    size: SymbolSize,
    /// `pos[8 * k + j]` = (row, col) in symbol coordinates of bit `7 - j` of codeword `k`
    /// (bit 1 of the standard's numbering, the MSB, first).
    pos: Vec<(u16, u16)>,
    /// Whether the fixed 2x2 corner pattern fills the bottom-right of the mapping matrix.
    fixed_corner: bool,
}

impl ModuleMap {
    /// The map for `size` (computed on first use, then shared).
    pub fn get(size: SymbolSize) -> &'static ModuleMap {
        static MAPS: [OnceLock<ModuleMap>; SymbolSize::COUNT] =
            [const { OnceLock::new() }; SymbolSize::COUNT];
        MAPS[size.index()].get_or_init(|| ModuleMap::build(size))
    }

    /// The size this map is for.
    pub fn size(&self) -> SymbolSize {
        self.size
    }

    /// The 8 module positions (row, col) of codeword `k`, MSB first.
    pub fn codeword_modules(&self, k: usize) -> &[(u16, u16)] {
        &self.pos[8 * k..8 * k + 8]
    }

    /// All positions, 8 per codeword in codeword order.
    pub fn positions(&self) -> &[(u16, u16)] {
        &self.pos
    }

    /// True when the size leaves the 4 bottom-right mapping modules to the fixed pattern.
    pub fn has_fixed_corner(&self) -> bool {
        self.fixed_corner
    }

    fn build(size: SymbolSize) -> ModuleMap {
        let nrow = size.mapping_rows() as i32;
        let ncol = size.mapping_cols() as i32;
        let total = size.total_codewords();
        // mapping-matrix cell -> 1-based (codeword, bit) label; 0 = not yet assigned
        let mut cell = vec![0u32; (nrow * ncol) as usize];
        let mut pos = vec![(0u16, 0u16); 8 * total];
        let mut st = Placer {
            nrow,
            ncol,
            cell: &mut cell,
            pos: &mut pos,
            size,
            total,
        };

        let (mut row, mut col, mut chr) = (4i32, 0i32, 0usize);
        loop {
            if row == nrow && col == 0 {
                st.corner(chr, &CORNER1);
                chr += 1;
            }
            if row == nrow - 2 && col == 0 && ncol % 4 != 0 {
                st.corner(chr, &CORNER2);
                chr += 1;
            }
            if row == nrow - 2 && col == 0 && ncol % 8 == 4 {
                st.corner(chr, &CORNER3);
                chr += 1;
            }
            if row == nrow + 4 && col == 2 && ncol % 8 == 0 {
                st.corner(chr, &CORNER4);
                chr += 1;
            }
            // sweep up and to the right
            loop {
                if row < nrow && col >= 0 && st.free(row, col) {
                    st.utah(row, col, chr);
                    chr += 1;
                }
                row -= 2;
                col += 2;
                if !(row >= 0 && col < ncol) {
                    break;
                }
            }
            row += 1;
            col += 3;
            // sweep down and to the left
            loop {
                if row >= 0 && col < ncol && st.free(row, col) {
                    st.utah(row, col, chr);
                    chr += 1;
                }
                row += 2;
                col -= 2;
                if !(row < nrow && col >= 0) {
                    break;
                }
            }
            row += 3;
            col += 1;
            if !(row < nrow || col < ncol) {
                break;
            }
        }
        let fixed_corner = st.free(nrow - 1, ncol - 1);
        debug_assert_eq!(chr, total, "{size}: placement visited {chr} codewords");
        ModuleMap {
            size,
            pos,
            fixed_corner,
        }
    }

    /// Builds the full symbol (finder, clock tracks, data, fixed corner) from the
    /// interleaved data + EC codeword stream. `codewords.len()` must equal the size's
    /// total; extra codewords are ignored and missing ones are light.
    pub fn place(&self, codewords: &[u8]) -> ModuleMatrix {
        let mut m = ModuleMatrix::new(self.size.rows(), self.size.cols());
        draw_fixed_patterns(&mut m, self.size);
        for (k, &cw) in codewords
            .iter()
            .enumerate()
            .take(self.size.total_codewords())
        {
            if cw == 0 {
                continue;
            }
            for (j, &(r, c)) in self.codeword_modules(k).iter().enumerate() {
                if cw & (0x80 >> j) != 0 {
                    m.set(r as usize, c as usize, true);
                }
            }
        }
        if self.fixed_corner {
            let (r, c) = (self.size.mapping_rows() - 1, self.size.mapping_cols() - 1);
            let (sr, sc) = to_symbol(self.size, r, c);
            m.set(sr, sc, true);
            let (sr, sc) = to_symbol(self.size, r - 1, c - 1);
            m.set(sr, sc, true);
        }
        m
    }

    /// Reads the codeword stream back out of a symbol's modules (no error correction).
    /// The matrix must have this map's dimensions; missing modules read as light.
    pub fn extract(&self, m: &ModuleMatrix) -> Vec<u8> {
        let mut out = vec![0u8; self.size.total_codewords()];
        self.extract_into(m, &mut out);
        out
    }

    /// As [`ModuleMap::extract`], into a caller's buffer of `total_codewords()` bytes
    /// (no allocation: the reader calls this once per candidate).
    pub fn extract_into(&self, m: &ModuleMatrix, out: &mut [u8]) {
        for (k, o) in out.iter_mut().enumerate().take(self.size.total_codewords()) {
            let mut v = 0u8;
            for &(r, c) in self.codeword_modules(k) {
                v = (v << 1) | u8::from(m.get(r as usize, c as usize));
            }
            *o = v;
        }
    }
}

/// Mapping-matrix coordinates to symbol coordinates (skipping each region's border).
pub fn to_symbol(size: SymbolSize, r: usize, c: usize) -> (usize, usize) {
    let (rr, rc) = (size.region_rows(), size.region_cols());
    (r + 1 + 2 * (r / rr), c + 1 + 2 * (c / rc))
}

/// True when (row, col) in symbol coordinates is part of a finder or clock border.
pub fn is_fixed_module(size: SymbolSize, row: usize, col: usize) -> bool {
    let (br, bc) = (size.region_rows() + 2, size.region_cols() + 2);
    let (r, c) = (row % br, col % bc);
    r == 0 || c == 0 || r == br - 1 || c == bc - 1
}

/// The colour the finder/clock pattern prescribes at a fixed module (true = dark).
/// For a module that is not fixed the answer is meaningless.
pub fn fixed_module_dark(size: SymbolSize, row: usize, col: usize) -> bool {
    let (br, bc) = (size.region_rows() + 2, size.region_cols() + 2);
    let (r, c) = (row % br, col % bc);
    if c == 0 || r == br - 1 {
        true // finder L: left column and bottom row of each region
    } else if r == 0 {
        c % 2 == 0 // top clock track: dark on even columns
    } else {
        r % 2 == 1 // right clock track: dark on odd rows
    }
}

/// Draws the finder L and clock tracks of every data region.
pub fn draw_fixed_patterns(m: &mut ModuleMatrix, size: SymbolSize) {
    let (br, bc) = (size.region_rows() + 2, size.region_cols() + 2);
    for row in 0..size.rows() {
        let r = row % br;
        if r == 0 || r == br - 1 {
            for col in 0..size.cols() {
                if fixed_module_dark(size, row, col) {
                    m.set(row, col, true);
                }
            }
        } else {
            for rv in 0..size.regions_h() {
                let c0 = rv * bc;
                m.set(row, c0, true);
                m.set(row, c0 + bc - 1, r % 2 == 1);
            }
        }
    }
}

const CORNER1: [(Anchor, Anchor); 8] = [
    (Anchor::End(1), Anchor::Start(0)),
    (Anchor::End(1), Anchor::Start(1)),
    (Anchor::End(1), Anchor::Start(2)),
    (Anchor::Start(0), Anchor::End(2)),
    (Anchor::Start(0), Anchor::End(1)),
    (Anchor::Start(1), Anchor::End(1)),
    (Anchor::Start(2), Anchor::End(1)),
    (Anchor::Start(3), Anchor::End(1)),
];
const CORNER2: [(Anchor, Anchor); 8] = [
    (Anchor::End(3), Anchor::Start(0)),
    (Anchor::End(2), Anchor::Start(0)),
    (Anchor::End(1), Anchor::Start(0)),
    (Anchor::Start(0), Anchor::End(4)),
    (Anchor::Start(0), Anchor::End(3)),
    (Anchor::Start(0), Anchor::End(2)),
    (Anchor::Start(0), Anchor::End(1)),
    (Anchor::Start(1), Anchor::End(1)),
];
const CORNER3: [(Anchor, Anchor); 8] = [
    (Anchor::End(3), Anchor::Start(0)),
    (Anchor::End(2), Anchor::Start(0)),
    (Anchor::End(1), Anchor::Start(0)),
    (Anchor::Start(0), Anchor::End(2)),
    (Anchor::Start(0), Anchor::End(1)),
    (Anchor::Start(1), Anchor::End(1)),
    (Anchor::Start(2), Anchor::End(1)),
    (Anchor::Start(3), Anchor::End(1)),
];
const CORNER4: [(Anchor, Anchor); 8] = [
    (Anchor::End(1), Anchor::Start(0)),
    (Anchor::End(1), Anchor::End(1)),
    (Anchor::Start(0), Anchor::End(3)),
    (Anchor::Start(0), Anchor::End(2)),
    (Anchor::Start(0), Anchor::End(1)),
    (Anchor::Start(1), Anchor::End(3)),
    (Anchor::Start(1), Anchor::End(2)),
    (Anchor::Start(1), Anchor::End(1)),
];

/// A coordinate counted from the start (`Start(k)` = k) or the end (`End(k)` = n - k).
#[derive(Clone, Copy)]
enum Anchor {
    Start(i32),
    End(i32),
}

impl Anchor {
    fn at(self, n: i32) -> i32 {
        match self {
            Anchor::Start(k) => k,
            Anchor::End(k) => n - k,
        }
    }
}

struct Placer<'a> {
    nrow: i32,
    ncol: i32,
    cell: &'a mut [u32],
    pos: &'a mut [(u16, u16)],
    size: SymbolSize,
    total: usize,
}

impl Placer<'_> {
    fn free(&self, row: i32, col: i32) -> bool {
        self.cell[(row * self.ncol + col) as usize] == 0
    }

    /// Bit `bit` (0 = MSB) of codeword `chr` at mapping position (row, col), wrapping
    /// positions that fall off the top or left edge as the standard prescribes.
    fn module(&mut self, mut row: i32, mut col: i32, chr: usize, bit: usize) {
        if row < 0 {
            row += self.nrow;
            col += 4 - ((self.nrow + 4) % 8);
        }
        if col < 0 {
            col += self.ncol;
            row += 4 - ((self.ncol + 4) % 8);
        }
        // ISO/IEC 21471 (DMRE) adds this wrap: with 24 mapping rows and a column count
        // of 4 mod 8, the second wrap can push a module below the last row.
        if row >= self.nrow {
            row -= self.nrow;
        }
        self.cell[(row * self.ncol + col) as usize] = (chr * 8 + bit + 1) as u32;
        if chr >= self.total {
            return;
        }
        let (r, c) = to_symbol(self.size, row as usize, col as usize);
        self.pos[8 * chr + bit] = (r as u16, c as u16);
    }

    fn utah(&mut self, row: i32, col: i32, chr: usize) {
        const SHAPE: [(i32, i32); 8] = [
            (-2, -2),
            (-2, -1),
            (-1, -2),
            (-1, -1),
            (-1, 0),
            (0, -2),
            (0, -1),
            (0, 0),
        ];
        for (bit, (dr, dc)) in SHAPE.iter().enumerate() {
            self.module(row + dr, col + dc, chr, bit);
        }
    }

    fn corner(&mut self, chr: usize, shape: &[(Anchor, Anchor); 8]) {
        for (bit, (r, c)) in shape.iter().enumerate() {
            let (r, c) = (r.at(self.nrow), c.at(self.ncol));
            self.module(r, c, chr, bit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_module_is_used_exactly_once() {
        for s in SymbolSize::all() {
            let map = ModuleMap::get(s);
            let mut seen = vec![false; s.rows() * s.cols()];
            for &(r, c) in map.positions() {
                let (r, c) = (r as usize, c as usize);
                assert!(
                    !is_fixed_module(s, r, c),
                    "{s}: codeword on border at {r},{c}"
                );
                assert!(!seen[r * s.cols() + c], "{s}: module {r},{c} used twice");
                seen[r * s.cols() + c] = true;
            }
            let free = (0..s.rows())
                .flat_map(|r| (0..s.cols()).map(move |c| (r, c)))
                .filter(|&(r, c)| !is_fixed_module(s, r, c) && !seen[r * s.cols() + c])
                .count();
            assert_eq!(free, if map.has_fixed_corner() { 4 } else { 0 }, "{s}");
        }
    }

    #[test]
    fn place_then_extract_is_identity() {
        for s in SymbolSize::all() {
            let cw: Vec<u8> = (0..s.total_codewords())
                .map(|i| (i * 37 + 11) as u8)
                .collect();
            let map = ModuleMap::get(s);
            let m = map.place(&cw);
            assert_eq!(map.extract(&m), cw, "{s}");
            // finder L and clock tracks are intact
            for r in 0..s.rows() {
                for c in 0..s.cols() {
                    if is_fixed_module(s, r, c) {
                        assert_eq!(m.get(r, c), fixed_module_dark(s, r, c), "{s} {r},{c}");
                    }
                }
            }
        }
    }

    #[test]
    fn outer_border_is_finder_and_clock() {
        let s = SymbolSize::from_dims(12, 12).unwrap();
        let m = ModuleMap::get(s).place(&[0; 12]);
        for i in 0..12 {
            assert!(m.get(i, 0), "left finder");
            assert!(m.get(11, i), "bottom finder");
            assert_eq!(m.get(0, i), i % 2 == 0, "top clock");
            assert_eq!(m.get(i, 11), i % 2 == 1, "right clock");
        }
    }
}
