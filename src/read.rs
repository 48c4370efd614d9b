//! The reader: frame to decoded symbols.
//!
//! ```text
//! frame --binarize--> bits --find--> L candidates (4 corners) --sample--> modules
//!       --RS check / decode--> results
//! ```
//!
//! [`Reader`] owns every scratch buffer (binary plane, runs, components, sampling
//! grids) and reuses them from frame to frame. Nothing found is not an error: the
//! result is an empty list. A candidate is only returned when its codewords pass the
//! Reed-Solomon check, so a misread grid is dropped rather than reported.

#![deny(clippy::indexing_slicing)]

use crate::binarize::{Binarizer, DEFAULT_MIN_CONTRAST};
use crate::cpu::CpuLevel;
use crate::decode::{self, Decoded};
use crate::find::{Candidate, FindOptions, Finder};
use crate::frame::Frame;
use crate::geometry::{Homography, Point};
use crate::matrix::{ModuleMap, ModuleMatrix, SymbolSize};
use crate::sample::Sampler;

/// Reader settings. Build with `ReadOptions::default()` and the chained setters.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Try harder: more candidates, more size hypotheses, lower match thresholds
    /// (default `false`).
    pub thorough: bool,
    /// Stop after this many symbols (default 8).
    pub max_symbols: usize,
    /// Also look for light symbols on dark ground (default `true`).
    pub try_inverted: bool,
    /// Also try each candidate mirrored (default `true`); when `false`, mirrored
    /// symbols are not reported.
    pub try_mirrored: bool,
    /// Only accept this size (default `None`: any size).
    pub size_hint: Option<SymbolSize>,
    /// Smallest and largest module size in pixels looked for (default 1.5 to 400).
    pub module_px_range: (f64, f64),
    /// Most candidates examined per frame, over both polarities; bounds the work on
    /// cluttered frames deterministically (default 48; `thorough` doubles it). Up to
    /// four times as many connected components are screened for an L finder.
    pub work_budget: usize,
    /// Force the SIMD level (clamped to what the CPU supports); default `None`
    /// detects the best level.
    pub cpu: Option<CpuLevel>,
    /// Minimum grey-level range of a 16 x 16 block to carry an edge (default 16); the
    /// binarizer raises it above the frame's noise floor.
    pub min_contrast: u8,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            thorough: false,
            max_symbols: 8,
            try_inverted: true,
            try_mirrored: true,
            size_hint: None,
            module_px_range: (1.5, 400.0),
            work_budget: 48,
            cpu: None,
            min_contrast: DEFAULT_MIN_CONTRAST,
        }
    }
}

impl ReadOptions {
    /// Sets [`ReadOptions::thorough`].
    pub fn thorough(mut self, v: bool) -> Self {
        self.thorough = v;
        self
    }
    /// Sets [`ReadOptions::max_symbols`].
    pub fn max_symbols(mut self, v: usize) -> Self {
        self.max_symbols = v;
        self
    }
    /// Sets [`ReadOptions::try_inverted`].
    pub fn try_inverted(mut self, v: bool) -> Self {
        self.try_inverted = v;
        self
    }
    /// Sets [`ReadOptions::try_mirrored`].
    pub fn try_mirrored(mut self, v: bool) -> Self {
        self.try_mirrored = v;
        self
    }
    /// Sets [`ReadOptions::size_hint`].
    pub fn size_hint(mut self, v: Option<SymbolSize>) -> Self {
        self.size_hint = v;
        self
    }
    /// Sets [`ReadOptions::module_px_range`].
    pub fn module_px_range(mut self, min: f64, max: f64) -> Self {
        self.module_px_range = (min, max);
        self
    }
    /// Sets [`ReadOptions::work_budget`].
    pub fn work_budget(mut self, v: usize) -> Self {
        self.work_budget = v;
        self
    }
    /// Sets [`ReadOptions::cpu`].
    pub fn cpu(mut self, v: CpuLevel) -> Self {
        self.cpu = Some(v);
        self
    }
    /// Sets [`ReadOptions::min_contrast`].
    pub fn min_contrast(mut self, v: u8) -> Self {
        self.min_contrast = v;
        self
    }
}

/// One symbol read from a frame.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ReadResult {
    /// The decoded content (error-corrected and validated by the decoder).
    pub decoded: Decoded,
    /// The symbol size.
    pub size: SymbolSize,
    /// The modules as sampled, in symbol orientation (row 0 top, L at left and bottom).
    pub matrix: ModuleMatrix,
    /// Frame-pixel corners: the outer corner of module (0,0) (top-left of the symbol
    /// as encoded), then top-right, bottom-right, bottom-left (the L corner).
    pub corners: [Point; 4],
    /// Module coordinates (x = column, y = row, symbol spanning (0,0)..(cols,rows)) to
    /// frame pixels.
    pub module_to_pixel: Homography,
    /// Light symbol on dark ground.
    pub inverted: bool,
    /// The symbol was seen mirrored.
    pub mirrored: bool,
    /// Mean module size, pixels.
    pub module_px: f64,
}

/// A reusable reader; keeps its buffers between frames.
#[derive(Clone, Debug)]
pub struct Reader {
    opts: ReadOptions,
    binarizer: Binarizer,
    finder: Finder,
    sampler: Sampler,
    cands: Vec<Candidate>,
    /// Scratch for the bordered copy of a small frame.
    pad: Vec<u8>,
}

/// Largest frame, in pixels, that is read a second time with a border added when
/// nothing was found in it (see [`Reader::read`]): 1 Mpx, so the retry stays cheap.
pub const PAD_MAX_PIXELS: usize = 1 << 20;

/// Copies `frame` into `buf` inside a uniform border an eighth of its longer side wide
/// (at least 8 px): the frame's lightest grey (or darkest, for light symbols). Returns
/// the padded width, height and the border width.
fn pad_frame(
    frame: &Frame<'_>,
    inverted: bool,
    buf: &mut Vec<u8>,
) -> Option<(usize, usize, usize)> {
    let (w, h) = (frame.width(), frame.height());
    let border = (w.max(h) / 8).max(8);
    let (pw, ph) = (w.checked_add(2 * border)?, h.checked_add(2 * border)?);
    let (mut lo, mut hi) = (u8::MAX, u8::MIN);
    for y in 0..h {
        for &v in frame.row(y) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let fill = if inverted { lo } else { hi };
    buf.clear();
    buf.resize(pw.checked_mul(ph)?, fill);
    for y in 0..h {
        let start = (y + border) * pw + border;
        buf.get_mut(start..start + w)?
            .copy_from_slice(frame.row(y).get(..w)?);
    }
    Some((pw, ph, border))
}

/// Moves a result read in a bordered copy back to the frame's pixels.
fn unpad(r: &mut ReadResult, off: Point) {
    for c in r.corners.iter_mut() {
        *c = *c - off;
    }
    if let Some(h) = Homography::from_rect(r.size.cols() as f64, r.size.rows() as f64, r.corners) {
        r.module_to_pixel = h;
    }
}

/// Pixels the dark areas grow by in the round-dot pass.
const DOT_GROW: usize = 2;

/// Least redundancy, in bits, a decode must keep to be reported; see [`check_bits`].
pub const MIN_CHECK_BITS: f64 = 26.0;

/// How unlikely it is that a wrong grid decoded by chance, in bits: for every
/// Reed-Solomon block, 8 bits per check codeword not spent on an erasure or an error,
/// less log2 of the number of ways the corrected errors could sit in the block; summed
/// over the blocks (all must decode). A random word passes with probability about
/// 2^-bits, so a candidate decoded with few bits left (small symbols with many erasures
/// or errors) is refused rather than risking a wrong read.
pub fn check_bits(d: &Decoded) -> f64 {
    let size = d.size;
    let mut bits = 0.0;
    for (b, st) in d.ec.blocks.iter().enumerate() {
        let n = size.block_data_len(b) + st.capacity;
        let spare = st.capacity as f64 - (st.erasures + st.errors) as f64;
        bits += 8.0 * spare - log2_binomial(n, st.errors);
    }
    bits
}

fn log2_binomial(n: usize, k: usize) -> f64 {
    let k = k.min(n);
    (0..k)
        .map(|i| ((n - i) as f64 / (i + 1) as f64).log2())
        .sum()
}

impl Reader {
    /// A reader with these options.
    pub fn new(opts: ReadOptions) -> Reader {
        let level = opts.cpu.unwrap_or_else(CpuLevel::detect).clamp();
        let mut binarizer = Binarizer::new(level);
        binarizer.set_min_contrast(opts.min_contrast);
        Reader {
            opts,
            binarizer,
            finder: Finder::new(),
            sampler: Sampler::new(),
            cands: Vec::new(),
            pad: Vec::new(),
        }
    }

    /// The options.
    pub fn options(&self) -> &ReadOptions {
        &self.opts
    }

    /// The binarizer (its last output), for diagnostics.
    pub fn binarizer(&self) -> &Binarizer {
        &self.binarizer
    }

    /// The candidates of the last frame, for diagnostics.
    pub fn candidates(&self) -> &[Candidate] {
        &self.cands
    }

    /// Reads every symbol in `frame` (up to [`ReadOptions::max_symbols`]).
    ///
    /// A small frame (at most [`PAD_MAX_PIXELS`] pixels) in which nothing was found is
    /// looked at once more with a border added around it, light for dark symbols and
    /// dark for light ones: a symbol cropped tight, or touching the frame's edge, then
    /// has the quiet zone its finder needs. Corners are reported in `frame`'s pixels.
    pub fn read(&mut self, frame: &Frame<'_>) -> Vec<ReadResult> {
        let mut results = Vec::new();
        if self.opts.max_symbols == 0 {
            return results;
        }
        self.read_pass(frame, true, self.opts.try_inverted, &mut results);
        let (w, h) = (frame.width(), frame.height());
        if results.is_empty() && w.saturating_mul(h) <= PAD_MAX_PIXELS && w >= 8 && h >= 8 {
            let mut pad = std::mem::take(&mut self.pad);
            let polarities: &[bool] = if self.opts.try_inverted {
                &[false, true]
            } else {
                &[false]
            };
            for &inverted in polarities {
                let Some((pw, ph, border)) = pad_frame(frame, inverted, &mut pad) else {
                    break;
                };
                let Ok(pf) = Frame::luma(&pad, pw, ph, pw) else {
                    break;
                };
                self.read_pass(&pf, !inverted, inverted, &mut results);
                if !results.is_empty() {
                    let off = Point::new(border as f64, border as f64);
                    for r in results.iter_mut() {
                        unpad(r, off);
                    }
                    break;
                }
            }
            self.pad = pad;
        }
        results
    }

    /// One look at `frame` for dark (`normal`) and/or light (`inverted`) symbols.
    fn read_pass(
        &mut self,
        frame: &Frame<'_>,
        normal: bool,
        inverted: bool,
        results: &mut Vec<ReadResult>,
    ) {
        self.binarizer.run(frame);
        let budget = if self.opts.thorough {
            self.opts.work_budget.saturating_mul(2)
        } else {
            self.opts.work_budget
        };
        let fopts = FindOptions {
            min_extent: (self.opts.module_px_range.0 * 8.0).max(10.0) as u32,
            max_components: budget.saturating_mul(4).max(1),
            require_data: !self.opts.thorough,
            ..FindOptions::default()
        };
        self.cands.clear();
        if normal {
            self.finder
                .find(frame, &self.binarizer, false, &fopts, &mut self.cands);
        }
        if inverted {
            self.finder
                .find(frame, &self.binarizer, true, &fopts, &mut self.cands);
        }
        let (min_score, n_sizes) = self.levels();
        let examined = self.try_candidates(frame, budget, min_score, n_sizes, results);
        // round dots with gaps between them: join them and look again (always when
        // thorough, otherwise when nothing was found or a candidate failed)
        let failed = examined > results.len();
        if normal
            && results.len() < self.opts.max_symbols
            && (results.is_empty() || failed || self.opts.thorough)
        {
            self.binarizer.dilate(DOT_GROW);
            self.cands.clear();
            // (dark dots only: growing the dark areas does not join light dots)
            let dot_opts = FindOptions {
                edge_slack: 2.1 + 1.5 * DOT_GROW as f64,
                ..fopts.clone()
            };
            self.finder
                .find(frame, &self.binarizer, false, &dot_opts, &mut self.cands);
            // (the dilation thickened what the binary image measured; a candidate
            // found inside a label was measured on grey levels)
            for c in self.cands.iter_mut().filter(|c| !c.on_label) {
                c.module_px = (c.module_px - DOT_GROW as f64).max(1.5);
            }
            self.try_candidates(frame, budget, min_score, n_sizes, results);
        }
    }

    fn levels(&self) -> (f64, usize) {
        if self.opts.thorough {
            (0.65, 6)
        } else {
            (0.75, 3)
        }
    }

    fn try_candidates(
        &mut self,
        frame: &Frame<'_>,
        budget: usize,
        min_score: f64,
        n_sizes: usize,
        results: &mut Vec<ReadResult>,
    ) -> usize {
        let mut examined = 0;
        for ci in 0..self.cands.len() {
            if results.len() >= self.opts.max_symbols || examined >= budget {
                break;
            }
            let Some(&cand) = self.cands.get(ci) else {
                break;
            };
            let (lo, hi) = self.opts.module_px_range;
            if cand.module_px < lo * 0.6 || cand.module_px > hi * 1.5 {
                continue;
            }
            let centre = cand.corners.iter().fold(Point::default(), |a, &p| a + p) * 0.25;
            if results
                .iter()
                .any(|r: &ReadResult| inside(&r.corners, centre))
            {
                continue;
            }
            examined += 1;
            if let Some(r) = self.try_candidate(frame, &cand, min_score, n_sizes) {
                results.push(r);
            }
        }
        examined
    }

    fn try_candidate(
        &mut self,
        frame: &Frame<'_>,
        cand: &Candidate,
        min_score: f64,
        n_sizes: usize,
    ) -> Option<ReadResult> {
        let c = cand.corners;
        let orientations: &[bool] = if self.opts.try_mirrored {
            &[false, true]
        } else {
            &[false]
        };
        for &mirrored in orientations {
            let corners = if mirrored {
                [c[2], c[1], c[0], c[3]]
            } else {
                c
            };
            let ranked: Vec<SymbolSize> = self
                .sampler
                .rank_sizes(frame, cand.inverted, corners, cand.module_px, min_score)
                .iter()
                .map(|s| s.size)
                .filter(|s| self.opts.size_hint.is_none_or(|h| h == *s))
                // the decoder tries the reflection of a square grid itself
                .filter(|s| !(mirrored && s.is_square()))
                .take(n_sizes)
                .collect();
            for size in ranked {
                let Some(s) = self.sampler.sample(frame, cand.inverted, corners, size) else {
                    continue;
                };
                if s.fixed_score < 0.7 {
                    continue;
                }
                // erasures spend check codewords: when the result is left with too little
                // redundancy to trust, try again without them
                let decoded = match decode::from_matrix_with_erasures(&s.matrix, &s.uncertain) {
                    Ok(d) if check_bits(&d) >= MIN_CHECK_BITS => d,
                    _ => match decode::from_matrix(&s.matrix) {
                        Ok(d) if check_bits(&d) >= MIN_CHECK_BITS => d,
                        _ => continue,
                    },
                };
                // the decoder may have found the symbol in the reflected view of this
                // reading: then the other corner assignment is the true one
                let (corners, hm, mirrored) = if decoded.mirrored {
                    let m = [corners[2], corners[1], corners[0], corners[3]];
                    let (r, c) = (decoded.size.rows() as f64, decoded.size.cols() as f64);
                    match Homography::from_rect(c, r, m) {
                        Some(h) => (m, h, !mirrored),
                        None => continue,
                    }
                } else {
                    (corners, s.module_to_pixel, mirrored)
                };
                if mirrored && !self.opts.try_mirrored {
                    continue;
                }
                let size = decoded.size;
                // the modules are known now: fit the corners to them
                let ideal = ModuleMap::get(size).place(&decoded.codewords);
                let corners = self
                    .sampler
                    .polish_corners(frame, cand.inverted, corners, &ideal);
                let hm = Homography::from_rect(size.cols() as f64, size.rows() as f64, corners)
                    .unwrap_or(hm);
                let [tl, tr, br, bl] = corners;
                let module_px = 0.25 * (tl.dist(tr) + bl.dist(br)) / size.cols() as f64
                    + 0.25 * (tl.dist(bl) + tr.dist(br)) / size.rows() as f64;
                return Some(ReadResult {
                    decoded,
                    size,
                    matrix: s.matrix,
                    corners,
                    module_to_pixel: hm,
                    inverted: cand.inverted,
                    mirrored,
                    module_px,
                });
            }
        }
        None
    }
}

/// Is `p` inside the convex quadrilateral `q` (either orientation)?
fn inside(q: &[Point; 4], p: Point) -> bool {
    let mut sign = 0.0f64;
    // each edge (q[i], q[i + 1 mod 4])
    for (&a, &b) in q.iter().zip(q.iter().cycle().skip(1)) {
        let c = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        if c * sign < 0.0 {
            return false;
        }
        if c != 0.0 {
            sign = c;
        }
    }
    true
}

/// Reads every symbol in `frame` with a one-off [`Reader`].
pub fn read(frame: &Frame<'_>, opts: &ReadOptions) -> Vec<ReadResult> {
    Reader::new(opts.clone()).read(frame)
}

/// Reads many frames, in parallel when the `rayon` feature is on (one [`Reader`] per
/// worker thread). Results are in frame order.
pub fn read_batch(frames: &[Frame<'_>], opts: &ReadOptions) -> Vec<Vec<ReadResult>> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        frames
            .par_iter()
            .map_init(|| Reader::new(opts.clone()), |r, f| r.read(f))
            .collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        let mut r = Reader::new(opts.clone());
        frames.iter().map(|f| r.read(f)).collect()
    }
}
