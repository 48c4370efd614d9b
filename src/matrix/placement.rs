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
    /// The bits of each codeword as runs of consecutive grid bits within one storage
    /// word: codeword `k` owns `runs[run_start[k]..run_start[k + 1]]`.
    runs: Vec<BitRun>,
    run_start: Vec<u32>,
    /// The same runs grouped by storage word: word `w` gathers
    /// `gather[word_start[w]..word_start[w + 1]]` (placing word by word keeps each
    /// word in a register instead of chaining read-modify-writes through memory).
    gather: Vec<Gather>,
    word_start: Vec<u32>,
    /// The raw storage words of an otherwise empty symbol with the finder, clock tracks
    /// and fixed corner drawn: placing starts from a copy.
    template: Vec<usize>,
}

/// Bits per storage word of [`ModuleMatrix`] (`usize`, so 32 on wasm32).
const WORD: usize = usize::BITS as usize;

/// `len` bits of a codeword, taken from its bit-reversed value (LSB = the standard's
/// bit 1, the MSB) from bit `from`, land on bits `to..to + len` of storage word `word`.
#[derive(Clone, Copy, Debug)]
struct BitRun {
    word: u16,
    from: u8,
    len: u8,
    to: u8,
}

/// One [`BitRun`] as seen from its storage word: bits `from..` of the bit-reversed
/// codeword `k`, masked by `mask`, shifted up by `to`.
#[derive(Clone, Copy, Debug)]
struct Gather {
    k: u16,
    from: u8,
    mask: u8,
    to: u8,
}

/// Bit-reversed bytes.
// compile-time initialiser: an out-of-range index fails the build, not a run
#[allow(clippy::indexing_slicing)]
static REV: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).reverse_bits();
        i += 1;
    }
    t
};

/// `REV[b]`: a `u8` always indexes the 256-entry table (the check is optimised out).
#[inline(always)]
fn rev(b: u8) -> u8 {
    REV.get(usize::from(b)).copied().unwrap_or(0)
}

/// Splits the 8 grid bit indices of one codeword (MSB first) into [`BitRun`]s.
fn runs_of(lin: &[usize], out: &mut Vec<BitRun>) {
    let mut j = 0;
    while let Some((&first, rest)) = lin.get(j..).and_then(|t| t.split_first()) {
        let w = first / WORD;
        // the following indices that continue the run within the same word
        let more = rest
            .iter()
            .zip(first + 1..)
            .take_while(|&(&b, want)| b == want && b / WORD == w)
            .count();
        let len = 1 + more;
        out.push(BitRun {
            word: w as u16,
            from: j as u8,
            len: len as u8,
            to: (first % WORD) as u8,
        });
        j += len;
    }
}

impl ModuleMap {
    /// The map for `size` (computed on first use, then shared).
    pub fn get(size: SymbolSize) -> &'static ModuleMap {
        static MAPS: [OnceLock<ModuleMap>; SymbolSize::COUNT] =
            [const { OnceLock::new() }; SymbolSize::COUNT];
        match MAPS.get(size.index()) {
            Some(cell) => cell.get_or_init(|| ModuleMap::build(size)),
            // unreachable: a SymbolSize's index is below COUNT by construction; a map
            // built and kept for the caller would still be the right answer
            None => Box::leak(Box::new(ModuleMap::build(size))),
        }
    }

    /// The size this map is for.
    pub fn size(&self) -> SymbolSize {
        self.size
    }

    /// The 8 module positions (row, col) of codeword `k`, MSB first; empty when `k`
    /// is not below the size's total codewords.
    pub fn codeword_modules(&self, k: usize) -> &[(u16, u16)] {
        self.pos.chunks_exact(8).nth(k).unwrap_or_default()
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
        let cols = size.cols();
        let mut runs: Vec<BitRun> = Vec::with_capacity(3 * total);
        let mut run_start = Vec::with_capacity(total + 1);
        for cw_pos in pos.chunks_exact(8) {
            run_start.push(runs.len() as u32);
            let lin: Vec<usize> = cw_pos
                .iter()
                .map(|&(r, c)| r as usize * cols + c as usize)
                .collect();
            runs_of(&lin, &mut runs);
        }
        run_start.push(runs.len() as u32);
        let nwords = (size.rows() * cols).div_ceil(WORD);
        let mut by_word: Vec<(u16, Gather)> = Vec::with_capacity(runs.len());
        for (k, (&a, &b)) in run_start.iter().zip(run_start.iter().skip(1)).enumerate() {
            for r in runs.get(a as usize..b as usize).unwrap_or_default() {
                by_word.push((
                    r.word,
                    Gather {
                        k: k as u16,
                        from: r.from,
                        mask: ((1u16 << r.len) - 1) as u8,
                        to: r.to,
                    },
                ));
            }
        }
        by_word.sort_by_key(|&(w, g)| (w, g.k, g.from));
        let mut word_start = vec![0u32; nwords + 1];
        // count per word (every run's word is below nwords), then prefix sums
        for &(w, _) in &by_word {
            if let Some(c) = word_start.get_mut(usize::from(w) + 1) {
                *c += 1;
            }
        }
        let mut acc = 0u32;
        for c in word_start.iter_mut() {
            acc += *c;
            *c = acc;
        }
        let gather: Vec<Gather> = by_word.into_iter().map(|(_, g)| g).collect();
        let mut m = ModuleMatrix::new(size.rows(), cols);
        draw_fixed_patterns(&mut m, size);
        if fixed_corner {
            let (r, c) = (size.mapping_rows() - 1, size.mapping_cols() - 1);
            let (sr, sc) = to_symbol(size, r, c);
            m.set(sr, sc, true);
            let (sr, sc) = to_symbol(size, r - 1, c - 1);
            m.set(sr, sc, true);
        }
        let template = m.raw_words().to_vec();
        ModuleMap {
            size,
            pos,
            fixed_corner,
            runs,
            run_start,
            gather,
            word_start,
            template,
        }
    }

    /// The raw storage words of this size's symbol with only the fixed patterns (finder,
    /// clock tracks, fixed corner) drawn, as [`ModuleMatrix::raw_words`] lays them out.
    pub fn template_words(&self) -> &[usize] {
        &self.template
    }

    /// The placement of streams whose first `prefix.len()` codewords are `prefix`:
    /// those modules are drawn into the template once, and only the rest is gathered
    /// per symbol.
    pub(crate) fn with_prefix(&self, prefix: &[u8]) -> PrefixPlacement {
        self.with_fixed(prefix, 0..0)
    }

    /// The placement of streams that agree with `fixed` on its first `fixed.len()`
    /// codewords except in positions `vary`: those modules are drawn into the
    /// template once, and only codewords in `vary` or from `fixed.len()` on are
    /// gathered per symbol.
    pub(crate) fn with_fixed(&self, fixed: &[u8], vary: std::ops::Range<usize>) -> PrefixPlacement {
        let first = fixed.len().min(self.size.total_codewords());
        let mut template = self.template.clone();
        let drawn = |k: usize| k < first && !vary.contains(&k);
        for (k, &cw) in fixed.iter().enumerate().take(first) {
            if drawn(k) {
                self.or_codewords(&mut template, k, &[cw]);
            }
        }
        let mut gather = Vec::with_capacity(self.gather.len());
        let mut word_start = Vec::with_capacity(self.word_start.len());
        word_start.push(0u32);
        let bounds = self.word_start.iter().zip(self.word_start.iter().skip(1));
        for (&a, &b) in bounds {
            let g = self.gather.get(a as usize..b as usize).unwrap_or_default();
            gather.extend(g.iter().filter(|g| !drawn(g.k as usize)));
            word_start.push(gather.len() as u32);
        }
        PrefixPlacement {
            size: self.size,
            template,
            gather,
            word_start,
        }
    }

    /// Sets the dark modules of `codewords` into raw storage words laid out as
    /// [`ModuleMap::template_words`]: `codewords[i]` is codeword `first + i` of the
    /// stream. Only sets bits (start from the template or from a copy of a partly
    /// placed symbol); codewords beyond the size's total are ignored.
    pub fn or_codewords(&self, words: &mut [usize], first: usize, codewords: &[u8]) {
        let starts = self.run_start.get(first..).unwrap_or(&[]);
        let bounds = starts.iter().zip(starts.iter().skip(1));
        for (&cw, (&a, &b)) in codewords.iter().zip(bounds) {
            if cw == 0 {
                continue;
            }
            let rev = usize::from(rev(cw));
            let runs = self.runs.get(a as usize..b as usize).unwrap_or(&[]);
            for r in runs {
                let v = (rev >> r.from) & ((1usize << r.len) - 1);
                if let Some(w) = words.get_mut(r.word as usize) {
                    *w |= v << r.to;
                }
            }
        }
    }

    /// Builds the full symbol (finder, clock tracks, data, fixed corner) from the
    /// interleaved data + EC codeword stream. `codewords.len()` must equal the size's
    /// total; extra codewords are ignored and missing ones are light.
    pub fn place(&self, codewords: &[u8]) -> ModuleMatrix {
        let mut m = ModuleMatrix::new(0, 0);
        self.place_into(codewords, &mut m);
        m
    }

    /// As [`ModuleMap::place`], into `m` (resized to the symbol; its allocation is
    /// reused).
    pub(crate) fn place_into(&self, codewords: &[u8], m: &mut ModuleMatrix) {
        gather_matrix(
            self.size,
            &self.template,
            &self.gather,
            &self.word_start,
            codewords,
            m,
        );
    }

    /// The module-by-module placement [`ModuleMap::place`] is tested against.
    #[cfg(test)]
    fn place_reference(&self, codewords: &[u8]) -> ModuleMatrix {
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
        // pos holds exactly 8 positions per codeword of the size
        for (o, cw_pos) in out.iter_mut().zip(self.pos.chunks_exact(8)) {
            let mut v = 0u8;
            for &(r, c) in cw_pos {
                v = (v << 1) | u8::from(m.get(r as usize, c as usize));
            }
            *o = v;
        }
    }
}

/// A [`ModuleMap`] with a fixed leading part of the codeword stream already drawn
/// (see [`ModuleMap::with_prefix`]).
#[derive(Debug, Clone)]
pub(crate) struct PrefixPlacement {
    size: SymbolSize,
    template: Vec<usize>,
    gather: Vec<Gather>,
    word_start: Vec<u32>,
}

impl PrefixPlacement {
    /// As [`PrefixPlacement::place`], into `m` (resized to the symbol; its allocation
    /// is reused).
    pub(crate) fn place_into(&self, codewords: &[u8], m: &mut ModuleMatrix) {
        gather_matrix(
            self.size,
            &self.template,
            &self.gather,
            &self.word_start,
            codewords,
            m,
        );
    }
}

/// `m` resized to `size`, every word its template word ORed with the codeword bits
/// gathered into it ([`gather_into`]).
fn gather_matrix(
    size: SymbolSize,
    template: &[usize],
    gather: &[Gather],
    word_start: &[u32],
    codewords: &[u8],
    m: &mut ModuleMatrix,
) {
    m.reset_for_words(size.rows(), size.cols());
    gather_into(template, gather, word_start, codewords, m.raw_words_mut());
}

/// Each output word: its template word ORed with the codeword bits gathered into it.
fn gather_into(
    template: &[usize],
    gather: &[Gather],
    word_start: &[u32],
    codewords: &[u8],
    out: &mut [usize],
) {
    let cw = |k: u16| usize::from(codewords.get(usize::from(k)).map_or(0, |&c| rev(c)));
    let bounds = word_start.iter().zip(word_start.iter().skip(1));
    for ((o, &t), (&a, &b)) in out.iter_mut().zip(template).zip(bounds) {
        let mut acc = t;
        for g in gather.get(a as usize..b as usize).unwrap_or(&[]) {
            acc |= ((cw(g.k) >> g.from) & g.mask as usize) << g.to;
        }
        *o = acc;
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
}

impl Placer<'_> {
    /// The row-major cell index of (row, col) as the standard computes it; `None`
    /// when negative (a position past the matrix is refused by the `get` that uses it).
    fn cell_index(&self, row: i32, col: i32) -> Option<usize> {
        usize::try_from(row * self.ncol + col).ok()
    }

    /// True when (row, col) has no codeword bit yet (false off the matrix).
    fn free(&self, row: i32, col: i32) -> bool {
        self.cell_index(row, col)
            .and_then(|i| self.cell.get(i))
            .is_some_and(|&v| v == 0)
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
        // every wrapped position of the standard's shapes lies on the matrix
        let Some(cell) = self.cell_index(row, col).and_then(|i| self.cell.get_mut(i)) else {
            return;
        };
        *cell = (chr * 8 + bit + 1) as u32;
        let (r, c) = to_symbol(self.size, row as usize, col as usize);
        // codewords beyond the size's total (none in the standard's walk) are not kept
        if let Some(p) = self.pos.get_mut(8 * chr + bit) {
            *p = (r as u16, c as u16);
        }
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
            let mut seen = ModuleMatrix::new(s.rows(), s.cols());
            for &(r, c) in map.positions() {
                let (r, c) = (r as usize, c as usize);
                assert!(
                    !is_fixed_module(s, r, c),
                    "{s}: codeword on border at {r},{c}"
                );
                assert!(!seen.get(r, c), "{s}: module {r},{c} used twice");
                seen.set(r, c, true);
            }
            let free = (0..s.rows())
                .flat_map(|r| (0..s.cols()).map(move |c| (r, c)))
                .filter(|&(r, c)| !is_fixed_module(s, r, c) && !seen.get(r, c))
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
    fn word_placement_equals_reference() {
        let mut seed = 0x9E37_79B9u32;
        for s in SymbolSize::all() {
            let map = ModuleMap::get(s);
            for _ in 0..3 {
                let cw: Vec<u8> = (0..s.total_codewords())
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        (seed >> 8) as u8
                    })
                    .collect();
                assert_eq!(map.place(&cw), map.place_reference(&cw), "{s}");
            }
            // short input leaves the missing codewords light, as before
            let short = [0xFFu8; 3];
            assert_eq!(map.place(&short), map.place_reference(&short), "{s}");
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
