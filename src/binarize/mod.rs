//! Adaptive binarization robust to uneven light and glare.
//!
//! The frame is cut into [`BLOCK`] x [`BLOCK`] blocks. Each block's minimum and maximum
//! (over the block and a one-pixel ring around it) give a local mid-level; blocks whose range is below the minimum contrast carry no
//! edge. A block's threshold is the range-weighted mean mid-level of the edge blocks in the
//! 3 x 3 block window around it; blocks with none there inherit a threshold from their
//! neighbours for up to [`FILL_PASSES`] blocks (the inside of large modules), and
//! beyond that nothing is dark. A pixel is dark when it is below its block's threshold.
//!
//! The per-pixel stages (block minimum/maximum, threshold comparison packed to bits)
//! have a scalar reference ([`scalar`]) and SIMD kernels, chosen by [`CpuLevel`]; all
//! levels give bit-identical output.

pub mod scalar;

#[cfg(target_arch = "aarch64")]
pub mod aarch64;
#[cfg(target_arch = "wasm32")]
pub mod wasm32;
#[cfg(target_arch = "x86_64")]
pub mod x86_64;

use crate::cpu::CpuLevel;
use crate::frame::Frame;

/// Side of a threshold block in pixels.
pub const BLOCK: usize = 16;
/// How many blocks far a threshold is carried into flat areas.
pub const FILL_PASSES: usize = 4;
/// Default minimum grey-level range for a block to carry an edge.
pub const DEFAULT_MIN_CONTRAST: u8 = 16;

/// The per-pixel kernels behind a [`CpuLevel`] switch. The level is clamped to what
/// the CPU supports, so any level is safe to pass.
pub mod kernels {
    use super::*;

    /// Running per-column minimum and maximum: `amin[i] = min(amin[i], row[i])`,
    /// `amax[i] = max(amax[i], row[i])` over the common length.
    #[allow(unsafe_code)]
    pub fn minmax_accumulate(level: CpuLevel, row: &[u8], amin: &mut [u8], amax: &mut [u8]) {
        match level.clamp() {
            #[cfg(target_arch = "x86_64")]
            CpuLevel::Sse2 => x86_64::sse2::minmax_accumulate(row, amin, amax),
            #[cfg(target_arch = "x86_64")]
            // SAFETY: clamp() returned Avx2, so the CPU supports AVX2.
            CpuLevel::Avx2 => unsafe { x86_64::avx2::minmax_accumulate(row, amin, amax) },
            #[cfg(target_arch = "aarch64")]
            CpuLevel::Neon => aarch64::neon::minmax_accumulate(row, amin, amax),
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            CpuLevel::Simd128 => wasm32::simd128::minmax_accumulate(row, amin, amax),
            _ => scalar::minmax_accumulate(row, amin, amax),
        }
    }

    /// Packs `row[i] < thr[i]` into bits (word `i / 64`, bit `i % 64`); later bits of
    /// `out` are cleared.
    #[allow(unsafe_code)]
    pub fn threshold_bits(level: CpuLevel, row: &[u8], thr: &[u8], out: &mut [u64]) {
        match level.clamp() {
            #[cfg(target_arch = "x86_64")]
            CpuLevel::Sse2 => x86_64::sse2::threshold_bits(row, thr, out),
            #[cfg(target_arch = "x86_64")]
            // SAFETY: clamp() returned Avx2, so the CPU supports AVX2.
            CpuLevel::Avx2 => unsafe { x86_64::avx2::threshold_bits(row, thr, out) },
            #[cfg(target_arch = "aarch64")]
            CpuLevel::Neon => aarch64::neon::threshold_bits(row, thr, out),
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            CpuLevel::Simd128 => wasm32::simd128::threshold_bits(row, thr, out),
            _ => scalar::threshold_bits(row, thr, out),
        }
    }
}

/// A binary image, one bit per pixel (set = dark), rows padded to whole 64-bit words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BinaryImage {
    width: usize,
    height: usize,
    words: usize,
    bits: Vec<u64>,
}

impl BinaryImage {
    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }
    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }
    /// 64-bit words per row.
    pub fn words_per_row(&self) -> usize {
        self.words
    }
    /// Row `y` as words (bit `x % 64` of word `x / 64`); empty outside the image.
    pub fn row(&self, y: usize) -> &[u64] {
        if y >= self.height {
            return &[];
        }
        &self.bits[y * self.words..(y + 1) * self.words]
    }
    /// True when (x, y) is dark; outside the image reads as light.
    #[inline]
    pub fn get(&self, x: usize, y: usize) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        (self.bits[y * self.words + x / 64] >> (x % 64)) & 1 == 1
    }
    /// [`BinaryImage::get`] at signed coordinates.
    #[inline]
    pub fn get_i(&self, x: isize, y: isize) -> bool {
        x >= 0 && y >= 0 && self.get(x as usize, y as usize)
    }
    fn reset(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.words = width.div_ceil(64);
        self.bits.clear();
        self.bits.resize(self.words * height, 0);
    }
}

/// The binarizer: owns its scratch buffers and output, reused from frame to frame.
#[derive(Clone, Debug)]
pub struct Binarizer {
    level: CpuLevel,
    min_contrast: u8,
    bw: usize,
    bh: usize,
    amin: Vec<u8>,
    amax: Vec<u8>,
    mid: Vec<u16>,
    range: Vec<u8>,
    noise_floor: u8,
    valid: Vec<u8>,
    hsum: Vec<u32>,
    hcnt: Vec<u32>,
    thr: Vec<u16>,
    tmp: Vec<u16>,
    thr_row: Vec<u8>,
    tmp_bits: Vec<u64>,
    out: BinaryImage,
}

const NO_THR: u16 = u16::MAX;

impl Binarizer {
    /// A binarizer running its kernels at `level` (clamped to what the CPU supports).
    pub fn new(level: CpuLevel) -> Binarizer {
        Binarizer {
            level: level.clamp(),
            min_contrast: DEFAULT_MIN_CONTRAST,
            bw: 0,
            bh: 0,
            amin: Vec::new(),
            amax: Vec::new(),
            mid: Vec::new(),
            range: Vec::new(),
            noise_floor: 0,
            valid: Vec::new(),
            hsum: Vec::new(),
            hcnt: Vec::new(),
            thr: Vec::new(),
            tmp: Vec::new(),
            thr_row: Vec::new(),
            tmp_bits: Vec::new(),
            out: BinaryImage::default(),
        }
    }

    /// Sets the minimum grey-level range (max - min) for a block to carry an edge
    /// (default [`DEFAULT_MIN_CONTRAST`]).
    pub fn set_min_contrast(&mut self, c: u8) {
        self.min_contrast = c.max(1);
    }

    /// The block range an edge needed in the last frame: the larger of the minimum
    /// contrast and 1.6 times the lower quartile of all block ranges (noise, texture).
    pub fn noise_floor(&self) -> u8 {
        self.noise_floor
    }

    /// The level the kernels run at.
    pub fn level(&self) -> CpuLevel {
        self.level
    }

    /// The last output.
    pub fn binary(&self) -> &BinaryImage {
        &self.out
    }

    /// The threshold of the block holding pixel (x, y) in the last frame (0 where
    /// nothing is dark, and outside the frame).
    pub fn threshold_at(&self, x: usize, y: usize) -> u8 {
        let (bx, by) = (x / BLOCK, y / BLOCK);
        if bx >= self.bw || by >= self.bh {
            return 0;
        }
        match self.thr[by * self.bw + bx] {
            NO_THR => 0,
            t => t as u8,
        }
    }

    /// Grows the dark areas of the last output by one pixel in the 8 directions,
    /// `times` times (joins round dots printed with gaps between them).
    pub fn dilate(&mut self, times: usize) {
        let (w, h, words) = (self.out.width, self.out.height, self.out.words);
        if w == 0 || h == 0 {
            return;
        }
        let tail = if w % 64 == 0 {
            !0u64
        } else {
            (1u64 << (w % 64)) - 1
        };
        for _ in 0..times {
            // horizontal: x-1, x, x+1 (bit i of word k is pixel 64k + i)
            for y in 0..h {
                let row = &mut self.out.bits[y * words..(y + 1) * words];
                let mut carry_in = 0u64; // pixel 64k - 1 (previous word's top bit)
                for k in 0..words {
                    let v = row[k];
                    let next_low = row.get(k + 1).map_or(0, |n| n & 1);
                    let grown = v | (v << 1) | carry_in | (v >> 1) | (next_low << 63);
                    carry_in = v >> 63;
                    row[k] = grown;
                }
                if let Some(last) = row.last_mut() {
                    *last &= tail;
                }
            }
            // vertical: y-1, y, y+1
            self.tmp_bits.clear();
            self.tmp_bits.extend_from_slice(&self.out.bits);
            for y in 0..h {
                for k in 0..words {
                    let mut v = self.tmp_bits[y * words + k];
                    if y > 0 {
                        v |= self.tmp_bits[(y - 1) * words + k];
                    }
                    if y + 1 < h {
                        v |= self.tmp_bits[(y + 1) * words + k];
                    }
                    self.out.bits[y * words + k] = v;
                }
            }
        }
    }

    /// Binarizes `frame`; the result stays available through [`Binarizer::binary`].
    pub fn run(&mut self, frame: &Frame<'_>) -> &BinaryImage {
        let (w, h) = (frame.width(), frame.height());
        let (bw, bh) = (w.div_ceil(BLOCK), h.div_ceil(BLOCK));
        self.bw = bw;
        self.bh = bh;
        self.out.reset(w, h);
        self.amin.resize(w, 0);
        self.amax.resize(w, 0);
        self.mid.clear();
        self.mid.resize(bw * bh, 0);
        self.valid.clear();
        self.valid.resize(bw * bh, 0);
        // 1. block minimum and maximum
        self.range.clear();
        self.range.resize(bw * bh, 0);
        for by in 0..bh {
            self.amin.fill(255);
            self.amax.fill(0);
            // each block's extremes are taken over the block and a one-pixel ring
            // around it, so a block lying exactly inside one module (a symbol whose
            // module size is a multiple of the block, aligned with the grid) still
            // sees the edge at its border
            for y in (by * BLOCK).saturating_sub(1)..((by + 1) * BLOCK + 1).min(h) {
                kernels::minmax_accumulate(
                    self.level,
                    frame.row(y),
                    &mut self.amin,
                    &mut self.amax,
                );
            }
            for bx in 0..bw {
                let (x0, x1) = (
                    (bx * BLOCK).saturating_sub(1),
                    ((bx + 1) * BLOCK + 1).min(w),
                );
                let mn = self.amin[x0..x1].iter().copied().min().unwrap_or(255);
                let mx = self.amax[x0..x1].iter().copied().max().unwrap_or(0);
                let i = by * bw + bx;
                self.range[i] = mx.saturating_sub(mn);
                self.mid[i] = (u16::from(mn) + u16::from(mx)).div_ceil(2);
            }
        }
        // noise floor: most blocks of a camera frame are flat, so the lower quartile of
        // the block ranges measures noise and texture; an edge must stand well above it
        let mut hist = [0u32; 256];
        for &r in &self.range {
            hist[r as usize] += 1;
        }
        let quarter = (bw * bh) as u32 / 4;
        let mut acc = 0u32;
        let mut p25 = 0usize;
        for (v, &n) in hist.iter().enumerate() {
            acc += n;
            if acc > quarter {
                p25 = v;
                break;
            }
        }
        // (a frame filled by a symbol has no flat blocks: the floor then stays at or
        // below half the strongest range, so the symbol's own edges still count)
        let top = hist.iter().rposition(|&n| n > 0).unwrap_or(0);
        let floor = ((p25 * 8 / 5).min(top / 2).min(255) as u8).max(self.min_contrast);
        self.noise_floor = floor;
        // an edge must also not be much weaker than the strongest next to it: the faint
        // border of a label beside a symbol takes the symbol's threshold instead
        for by in 0..bh {
            for bx in 0..bw {
                let i = by * bw + bx;
                let r = self.range[i];
                let mut strongest = r;
                for ny in by.saturating_sub(1)..=(by + 1).min(bh - 1) {
                    for nx in bx.saturating_sub(1)..=(bx + 1).min(bw - 1) {
                        strongest = strongest.max(self.range[ny * bw + nx]);
                    }
                }
                if r >= floor && u16::from(r) * 3 >= u16::from(strongest) {
                    self.valid[i] = 1;
                } else {
                    self.mid[i] = 0;
                }
            }
        }
        // 2. mean mid-level of the edge blocks in the 3x3 window, weighted by their
        //    range so that strong edges (a symbol) outvote weak ones (a label's border)
        self.hsum.clear();
        self.hsum.resize(bw * bh, 0);
        self.hcnt.clear();
        self.hcnt.resize(bw * bh, 0);
        for by in 0..bh {
            let r = by * bw;
            for bx in 0..bw {
                let (lo, hi) = (bx.saturating_sub(1), (bx + 1).min(bw - 1));
                let mut s = 0u32;
                let mut c = 0u32;
                for k in lo..=hi {
                    let wgt = u32::from(self.range[r + k]) * u32::from(self.valid[r + k]);
                    s += u32::from(self.mid[r + k]) * wgt;
                    c += wgt;
                }
                self.hsum[r + bx] = s;
                self.hcnt[r + bx] = c;
            }
        }
        self.thr.clear();
        self.thr.resize(bw * bh, NO_THR);
        for by in 0..bh {
            let (lo, hi) = (by.saturating_sub(1), (by + 1).min(bh - 1));
            for bx in 0..bw {
                let mut s = 0u32;
                let mut c = 0u32;
                for k in lo..=hi {
                    s += self.hsum[k * bw + bx];
                    c += self.hcnt[k * bw + bx];
                }
                if let Some(t) = (s + c / 2).checked_div(c) {
                    self.thr[by * bw + bx] = t as u16;
                }
            }
        }
        // 3. carry thresholds into flat areas
        let mut missing = self.thr.iter().filter(|&&t| t == NO_THR).count();
        for _ in 0..FILL_PASSES {
            if missing == 0 {
                break;
            }
            self.tmp.clear();
            self.tmp.extend_from_slice(&self.thr);
            let mut changed = false;
            for by in 0..bh {
                for bx in 0..bw {
                    let i = by * bw + bx;
                    if self.tmp[i] != NO_THR {
                        continue;
                    }
                    let mut s = 0u32;
                    let mut c = 0u32;
                    let mut add = |j: usize| {
                        let t = self.tmp[j];
                        if t != NO_THR {
                            s += u32::from(t);
                            c += 1;
                        }
                    };
                    if bx > 0 {
                        add(i - 1);
                    }
                    if bx + 1 < bw {
                        add(i + 1);
                    }
                    if by > 0 {
                        add(i - bw);
                    }
                    if by + 1 < bh {
                        add(i + bw);
                    }
                    if let Some(t) = (s + c / 2).checked_div(c) {
                        self.thr[i] = t as u16;
                        changed = true;
                        missing -= 1;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // 4. per-pixel comparison
        self.thr_row.resize(w, 0);
        let words = self.out.words;
        for by in 0..bh {
            for bx in 0..bw {
                let t = match self.thr[by * bw + bx] {
                    NO_THR => 0,
                    t => t.min(255) as u8,
                };
                let (x0, x1) = (
                    (bx * BLOCK).saturating_sub(1),
                    ((bx + 1) * BLOCK + 1).min(w),
                );
                self.thr_row[x0..x1].fill(t);
            }
            // each block's extremes are taken over the block and a one-pixel ring
            // around it, so a block lying exactly inside one module (a symbol whose
            // module size is a multiple of the block, aligned with the grid) still
            // sees the edge at its border
            for y in (by * BLOCK).saturating_sub(1)..((by + 1) * BLOCK + 1).min(h) {
                let out = &mut self.out.bits[y * words..(y + 1) * words];
                kernels::threshold_bits(self.level, frame.row(y), &self.thr_row, out);
            }
        }
        &self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lcg(seed: &mut u64) -> u8 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as u8
    }

    #[test]
    fn kernels_match_scalar_on_awkward_widths() {
        let mut seed = 7;
        for n in [
            0usize, 1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000,
        ] {
            let row: Vec<u8> = (0..n).map(|_| lcg(&mut seed)).collect();
            let thr: Vec<u8> = (0..n).map(|_| lcg(&mut seed)).collect();
            let words = n.div_ceil(64) + 1;
            let mut want = vec![!0u64; words];
            scalar::threshold_bits(&row, &thr, &mut want);
            let (mut mn0, mut mx0) = (vec![128u8; n], vec![128u8; n]);
            scalar::minmax_accumulate(&row, &mut mn0, &mut mx0);
            for level in CpuLevel::available() {
                let mut got = vec![!0u64; words];
                kernels::threshold_bits(level, &row, &thr, &mut got);
                assert_eq!(got, want, "threshold_bits {level} n={n}");
                let (mut mn, mut mx) = (vec![128u8; n], vec![128u8; n]);
                kernels::minmax_accumulate(level, &row, &mut mn, &mut mx);
                assert_eq!((mn, mx), (mn0.clone(), mx0.clone()), "minmax {level} n={n}");
            }
        }
    }

    /// A frame filled with edges (no flat block to measure noise on), range 150, and
    /// a checkerboard of 16-px squares aligned with the blocks: every pixel is found.
    #[test]
    fn frame_full_of_edges_and_aligned_squares() {
        for sq in [5usize, 16] {
            let (w, h) = (160, 96);
            let cell = |x: usize, y: usize| (x / sq + y / sq).is_multiple_of(2);
            let img: Vec<u8> = (0..w * h)
                .map(|i| if cell(i % w, i / w) { 50 } else { 200 })
                .collect();
            let f = Frame::luma(&img, w, h, w).unwrap();
            let mut b = Binarizer::new(CpuLevel::detect());
            let bin = b.run(&f);
            for y in 0..h {
                for x in 0..w {
                    assert_eq!(bin.get(x, y), cell(x, y), "square {sq}: ({x},{y})");
                }
            }
        }
    }

    #[test]
    fn dark_square_on_gradient_is_found() {
        let (w, h) = (97, 61);
        let mut img = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let bg = 120 + (x * 100 / w) as u8;
                let dark = (30..50).contains(&x) && (20..40).contains(&y);
                img[y * w + x] = if dark { bg - 80 } else { bg };
            }
        }
        let f = Frame::luma(&img, w, h, w).unwrap();
        let mut b = Binarizer::new(CpuLevel::detect());
        let bin = b.run(&f);
        for y in 0..h {
            for x in 0..w {
                let dark = (30..50).contains(&x) && (20..40).contains(&y);
                assert_eq!(bin.get(x, y), dark, "({x},{y})");
            }
        }
    }

    #[test]
    fn dilate_grows_by_one_pixel_across_words() {
        let (w, h) = (130, 5);
        let mut img = vec![255u8; w * h];
        for x in [0usize, 63, 64, 129] {
            img[2 * w + x] = 0;
        }
        let f = Frame::luma(&img, w, h, w).unwrap();
        let mut b = Binarizer::new(CpuLevel::Scalar);
        b.run(&f);
        b.dilate(1);
        let bin = b.binary();
        for y in 0..h {
            for x in 0..w {
                let want = (1..=3).contains(&y)
                    && [0usize, 63, 64, 129]
                        .iter()
                        .any(|&c| x + 1 >= c && x <= c + 1);
                assert_eq!(bin.get(x, y), want, "({x},{y})");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn every_level_binarizes_like_scalar(w in 1usize..150, h in 1usize..40, seed in any::<u64>(), smooth in 0u8..3) {
            let mut s = seed;
            let mut img: Vec<u8> = (0..w * h).map(|_| lcg(&mut s)).collect();
            for _ in 0..smooth {
                for i in 1..img.len() { img[i] = ((u16::from(img[i]) + u16::from(img[i - 1])) / 2) as u8; }
            }
            let f = Frame::luma(&img, w, h, w).unwrap();
            let mut reference = Binarizer::new(CpuLevel::Scalar);
            let want = reference.run(&f).clone();
            for level in CpuLevel::available() {
                let mut b = Binarizer::new(level);
                prop_assert_eq!(b.run(&f), &want, "level {}", level);
            }
        }
    }
}
