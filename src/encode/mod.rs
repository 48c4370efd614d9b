//! ECC 200 data encodation (ISO/IEC 16022 5.2) with an optimal planner, and symbol
//! size selection.
//!
//! The encoder turns bytes (or [`Segment`]s) into the padded data codewords of the
//! smallest allowed symbol, then into a [`Symbol`] (Reed-Solomon and placement).
//!
//! The planner ([`plan`]) is exact: a shortest-path search over (position, mode,
//! partial triple/group) that counts every latch, unlatch, shift and end-of-symbol
//! rule, run with the symbol capacity in view so that size and encodation are chosen
//! together: for each candidate size in increasing area the fewest codewords that fit.
//!
//! ```
//! use ecc200::encode::{encode, EncodeOptions};
//! let sym = encode(b"123456", &EncodeOptions::default()).unwrap();
//! assert_eq!(sym.size().to_string(), "10x10");
//! assert_eq!(sym.data_codewords(), &[142, 164, 186]);
//! ```
//!
//! Input limit: at most [`MAX_ITEMS`] characters (bytes, FNC1s and ECI designators
//! after the macro envelope is removed); longer input is rejected with
//! [`EncodeError::DataTooLong`] before any search.

mod charset;
mod emit;
pub(crate) mod plan;
pub mod serial;

use crate::matrix::{SizeFamily, Symbol, SymbolSize};
use charset::{ECI_FLAG, FNC1};
use plan::{EndKind, Planner};
pub use serial::{encode_serials, SerialEncoder, SerialRange, SerialRangeError};
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

/// The most characters one symbol can hold (3116 digits in a 144x144 symbol); longer
/// input is rejected at once.
pub const MAX_ITEMS: usize = 3116;

/// Largest ECI number (ISO/IEC 16022 5.4.2).
pub const MAX_ECI: u32 = 999_999;

/// A set of encodation schemes the planner may use. ASCII is always allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Modes(u8);

impl Modes {
    /// ASCII only.
    pub const ASCII_ONLY: Modes = Modes(0);
    /// C40 (uppercase, digits, space).
    pub const C40: Modes = Modes(1);
    /// Text (lowercase, digits, space).
    pub const TEXT: Modes = Modes(2);
    /// ANSI X12 (uppercase, digits, space, CR, `*`, `>`).
    pub const X12: Modes = Modes(4);
    /// EDIFACT (bytes 32..=94).
    pub const EDIFACT: Modes = Modes(8);
    /// Base 256 (any byte).
    pub const BASE256: Modes = Modes(16);
    /// Every scheme.
    pub const ALL: Modes = Modes(31);

    /// True when every scheme of `other` is in `self`.
    pub fn contains(self, other: Modes) -> bool {
        self.0 & other.0 == other.0
    }
    /// `self` plus the schemes of `other`.
    pub fn with(self, other: Modes) -> Modes {
        Modes(self.0 | other.0)
    }
    /// `self` without the schemes of `other`.
    pub fn without(self, other: Modes) -> Modes {
        Modes(self.0 & !other.0)
    }
    /// The set from its bit pattern (C40 1, Text 2, X12 4, EDIFACT 8, Base 256 16;
    /// other bits ignored).
    pub fn from_bits(bits: u8) -> Modes {
        Modes(bits & 31)
    }
    /// The bit pattern.
    pub fn bits(self) -> u8 {
        self.0
    }
    /// Planner-internal flag (never in a user's set): FNC1 only in ASCII, see
    /// [`EncodeOptions::fnc1_ascii_only`].
    pub(crate) const FNC1_ASCII: Modes = Modes(0x80);
}

impl Default for Modes {
    /// Every scheme.
    fn default() -> Self {
        Modes::ALL
    }
}

impl std::ops::BitOr for Modes {
    type Output = Modes;
    fn bitor(self, rhs: Modes) -> Modes {
        self.with(rhs)
    }
}

/// One encodation scheme, as reported by [`plan`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// ASCII (digit pairs, Upper Shift, function characters).
    Ascii,
    /// C40.
    C40,
    /// Text.
    Text,
    /// ANSI X12.
    X12,
    /// EDIFACT.
    Edifact,
    /// Base 256.
    Base256,
}

/// Which symbol shapes size selection may choose from.
///
/// Among the admitted sizes (and within [`EncodeOptions::max_rows`] /
/// [`EncodeOptions::max_cols`]) the encoder takes the smallest by area that holds the
/// data; among sizes of equal area the one whose encodation needs the fewest data
/// codewords (the end-of-symbol rules depend on the capacity), then the squarer
/// (smaller |rows - cols|), then fewer rows.
/// So with [`ShapePolicy::Any`], 32x32 comes before 16x64 and 16x48 before 12x64 and
/// 8x96.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShapePolicy {
    /// The 24 square sizes (the default).
    #[default]
    Square,
    /// The 6 rectangular sizes of ISO/IEC 16022.
    Rectangular,
    /// The 6 rectangular sizes plus the 18 DMRE sizes of ISO/IEC 21471.
    RectangularWithDmre,
    /// Every size: square, rectangular and DMRE.
    Any,
}

impl ShapePolicy {
    fn admits(self, f: SizeFamily) -> bool {
        match self {
            ShapePolicy::Square => f == SizeFamily::Square,
            ShapePolicy::Rectangular => f == SizeFamily::Rectangular,
            ShapePolicy::RectangularWithDmre => f != SizeFamily::Square,
            ShapePolicy::Any => true,
        }
    }
}

/// Macro 05/06 header and trailer compression (ISO/IEC 16022 5.2.4.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Macro {
    /// No macro (the default).
    #[default]
    None,
    /// When the data starts with `[)>` RS `05` GS (or `06`) and ends with RS EOT,
    /// replace the envelope by codeword 236 (or 237). Ignored in GS1 mode.
    Auto,
    /// The data is the body of a `[)>` RS `05` GS ... RS EOT message: write 236 first.
    Macro05,
    /// The data is the body of a `[)>` RS `06` GS ... RS EOT message: write 237 first.
    Macro06,
}

/// Structured append header (ISO/IEC 16022 5.6): symbol `position` of `total`, with a
/// two-byte file identification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StructuredAppend {
    /// Position of this symbol, 1..=16.
    pub position: u8,
    /// Number of symbols in the set, 2..=16.
    pub total: u8,
    /// File identification, each byte 1..=254.
    pub file_id: [u8; 2],
}

/// Options of [`encode`]. Build with `EncodeOptions::default()` and the setters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncodeOptions {
    /// Which shapes size selection may use. Default [`ShapePolicy::Square`].
    pub shape: ShapePolicy,
    /// A forced size (overrides `shape`, `max_rows`, `max_cols`). Default `None`.
    pub size: Option<SymbolSize>,
    /// Largest allowed number of rows. Default `None` (no limit).
    pub max_rows: Option<usize>,
    /// Largest allowed number of columns. Default `None` (no limit).
    pub max_cols: Option<usize>,
    /// Encodation schemes the planner may use besides ASCII. Default [`Modes::ALL`].
    pub allowed: Modes,
    /// GS1 mode: FNC1 first, and every byte 0x1D (GS) is an FNC1 separator. Default
    /// `false`.
    pub gs1: bool,
    /// An ECI designator before the data (0..=999999). Default `None`.
    pub eci: Option<u32>,
    /// Macro 05/06 compression. Default [`Macro::None`].
    pub macro_header: Macro,
    /// Structured append header. Default `None`.
    pub structured_append: Option<StructuredAppend>,
    /// Reader programming symbol (codeword 234 first). Default `false`.
    pub reader_programming: bool,
    /// Writes every FNC1 in ASCII, never as a C40/Text Shift 2 value. ISO/IEC 16022
    /// allows FNC1 inside C40 and Text (and the planner uses it when that saves a
    /// codeword), but some readers (libdmtx 0.7 and devices built on it) misread it;
    /// set this when such readers must be served. The encoding stays minimal under
    /// this constraint. Default `false`.
    pub fnc1_ascii_only: bool,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions {
            shape: ShapePolicy::Square,
            size: None,
            max_rows: None,
            max_cols: None,
            allowed: Modes::ALL,
            gs1: false,
            eci: None,
            macro_header: Macro::None,
            structured_append: None,
            reader_programming: false,
            fnc1_ascii_only: false,
        }
    }
}

impl EncodeOptions {
    /// Sets [`EncodeOptions::shape`].
    pub fn shape(mut self, shape: ShapePolicy) -> Self {
        self.shape = shape;
        self
    }
    /// Sets [`EncodeOptions::size`].
    pub fn size(mut self, size: Option<SymbolSize>) -> Self {
        self.size = size;
        self
    }
    /// Sets [`EncodeOptions::max_rows`].
    pub fn max_rows(mut self, rows: Option<usize>) -> Self {
        self.max_rows = rows;
        self
    }
    /// Sets [`EncodeOptions::max_cols`].
    pub fn max_cols(mut self, cols: Option<usize>) -> Self {
        self.max_cols = cols;
        self
    }
    /// Sets [`EncodeOptions::fnc1_ascii_only`].
    pub fn fnc1_ascii_only(mut self, on: bool) -> Self {
        self.fnc1_ascii_only = on;
        self
    }

    /// The planner's scheme set: [`EncodeOptions::allowed`] plus the internal FNC1 flag.
    pub(crate) fn planner_modes(&self) -> Modes {
        if self.fnc1_ascii_only {
            self.allowed.with(Modes::FNC1_ASCII)
        } else {
            self.allowed
        }
    }

    /// Sets [`EncodeOptions::allowed`].
    pub fn allowed(mut self, modes: Modes) -> Self {
        self.allowed = modes;
        self
    }
    /// Sets [`EncodeOptions::gs1`].
    pub fn gs1(mut self, on: bool) -> Self {
        self.gs1 = on;
        self
    }
    /// Sets [`EncodeOptions::eci`].
    pub fn eci(mut self, eci: Option<u32>) -> Self {
        self.eci = eci;
        self
    }
    /// Sets [`EncodeOptions::macro_header`].
    pub fn macro_header(mut self, m: Macro) -> Self {
        self.macro_header = m;
        self
    }
    /// Sets [`EncodeOptions::structured_append`].
    pub fn structured_append(mut self, sa: Option<StructuredAppend>) -> Self {
        self.structured_append = sa;
        self
    }
    /// Sets [`EncodeOptions::reader_programming`].
    pub fn reader_programming(mut self, on: bool) -> Self {
        self.reader_programming = on;
        self
    }
}

/// A piece of input for [`encode_segments`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Data bytes (in GS1 mode a 0x1D byte is an FNC1 separator).
    Data(&'a [u8]),
    /// An ECI designator (0..=999999) at this point; written in ASCII.
    Eci(u32),
    /// An FNC1 function character at this point.
    Fnc1,
}

/// What went wrong while encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// The data needs more data codewords than the largest allowed symbol holds.
    DataTooLong {
        /// Data codewords needed (a lower bound when the input exceeds [`MAX_ITEMS`]).
        needed: usize,
        /// Data codewords of `largest`.
        capacity: usize,
        /// The largest size allowed by the options (the forced size, if any).
        largest: SymbolSize,
    },
    /// An ECI number above 999999.
    BadEci {
        /// The rejected value.
        value: u32,
    },
    /// A structured append header out of range.
    BadStructuredAppend {
        /// Position given.
        position: u8,
        /// Total given.
        total: u8,
        /// File identification given.
        file_id: [u8; 2],
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// A character the options cannot encode.
    CannotEncode {
        /// Byte offset in the input.
        position: usize,
        /// The (first) byte there.
        byte: u8,
        /// Why.
        reason: &'static str,
    },
    /// Options that cannot be combined, or that leave no symbol size.
    ConflictingOptions(&'static str),
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::DataTooLong {
                needed,
                capacity,
                largest,
            } => write!(
                f,
                "data needs {needed} codewords, the largest allowed symbol {largest} holds {capacity}"
            ),
            EncodeError::BadEci { value } => write!(f, "eci {value} is above {MAX_ECI}"),
            EncodeError::BadStructuredAppend {
                position,
                total,
                file_id,
                reason,
            } => write!(
                f,
                "structured append {position} of {total}, file id {file_id:?}: {reason}"
            ),
            EncodeError::CannotEncode {
                position,
                byte,
                reason,
            } => write!(f, "cannot encode byte 0x{byte:02x} at {position}: {reason}"),
            EncodeError::ConflictingOptions(why) => write!(f, "conflicting options: {why}"),
        }
    }
}

impl std::error::Error for EncodeError {}

/// One run of the chosen encodation: items `start..end` in `mode`.
///
/// Positions count items: input bytes (after a macro envelope is removed), FNC1s and
/// ECI designators, in order, including the leading ECI of [`EncodeOptions::eci`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// The scheme.
    pub mode: Mode,
    /// First item.
    pub start: usize,
    /// One past the last item.
    pub end: usize,
}

/// The planner's choice: size, runs and the predicted data codeword count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The chosen symbol size.
    pub size: SymbolSize,
    /// Data codewords before padding (function-character prefix included); exactly
    /// what [`data_codewords`] writes before its pad codewords.
    pub codewords: usize,
    /// The runs in order (empty ASCII runs between two latches are left out).
    pub runs: Vec<Run>,
}

/// A reusable encoder: keeps its buffers between calls, so encoding many symbols
/// allocates only the returned [`Symbol`].
#[derive(Debug, Default)]
pub struct Encoder {
    items: Vec<u32>,
    planner: Planner,
    out: Vec<u8>,
    /// The choice of the last [`Encoder::finish_with`].
    chosen: Option<Chosen>,
}

/// Sizes in selection order: by area, then the squarer shape, then fewer rows.
fn size_order() -> &'static [SymbolSize] {
    static ORDER: OnceLock<Vec<SymbolSize>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let mut v: Vec<SymbolSize> = SymbolSize::all().collect();
        v.sort_by_key(|s| (s.area(), s.rows().abs_diff(s.cols()), s.rows()));
        v
    })
}

const MACRO_HEAD: usize = 7;

fn macro_kind(items: &[u32]) -> Option<u8> {
    let n = items.len();
    if n < MACRO_HEAD + 2 {
        return None;
    }
    let head = [b'[', b')', b'>', 0x1E, b'0'];
    if !items.iter().zip(head).all(|(&a, b)| a == b as u32) || items[6] != 0x1D {
        return None;
    }
    if items[n - 2] != 0x1E || items[n - 1] != 0x04 {
        return None;
    }
    match items[5] {
        x if x == b'5' as u32 => Some(236),
        x if x == b'6' as u32 => Some(237),
        _ => None,
    }
}

impl Encoder {
    /// A new encoder with empty buffers.
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// Encodes `data` into a symbol. See [`encode`].
    pub fn encode(&mut self, data: &[u8], opts: &EncodeOptions) -> Result<Symbol, EncodeError> {
        self.encode_segments(&[Segment::Data(data)], opts)
    }

    /// Encodes segments into a symbol. See [`encode_segments`].
    pub fn encode_segments(
        &mut self,
        segments: &[Segment<'_>],
        opts: &EncodeOptions,
    ) -> Result<Symbol, EncodeError> {
        let size = self.codewords_into_buffer(segments, opts)?.0;
        Symbol::from_data_codewords(size, &self.out).ok_or(EncodeError::DataTooLong {
            needed: self.out.len(),
            capacity: size.data_codewords(),
            largest: size,
        })
    }

    /// As [`Encoder::encode`], into `sym`, reusing its buffers: with a reused encoder
    /// and symbol, encoding allocates nothing once warm (the form for line-speed
    /// loops). On error `sym` is left as it was.
    pub fn encode_into(
        &mut self,
        data: &[u8],
        opts: &EncodeOptions,
        sym: &mut Symbol,
    ) -> Result<(), EncodeError> {
        let size = self.codewords_into_buffer(&[Segment::Data(data)], opts)?.0;
        if sym.refill_from_data_codewords(size, &self.out) {
            Ok(())
        } else {
            Err(EncodeError::DataTooLong {
                needed: self.out.len(),
                capacity: size.data_codewords(),
                largest: size,
            })
        }
    }

    /// The padded data codewords and the size. See [`data_codewords`].
    pub fn data_codewords(
        &mut self,
        segments: &[Segment<'_>],
        opts: &EncodeOptions,
    ) -> Result<(SymbolSize, &[u8]), EncodeError> {
        let size = self.codewords_into_buffer(segments, opts)?.0;
        Ok((size, &self.out))
    }

    /// The plan for `segments`. See [`plan`].
    pub fn plan(
        &mut self,
        segments: &[Segment<'_>],
        opts: &EncodeOptions,
    ) -> Result<Plan, EncodeError> {
        self.prepare(segments, opts)?;
        let (size, k, used) = self.choose(opts)?;
        let opt = self.planner.ends[k];
        let n = self.items.len();
        self.trace(k);
        let mut runs: Vec<Run> = Vec::new();
        let mut add = |mode: Mode, start: usize, end: usize| {
            if start == end {
                return;
            }
            match runs.last_mut() {
                Some(r) if r.mode == mode && r.end == start && mode != Mode::Base256 => r.end = end,
                _ => runs.push(Run { mode, start, end }),
            }
        };
        for w in self.planner.path.windows(2) {
            let (i, s) = (w[0].0 as usize, w[0].1 as usize);
            let (j, t) = (w[1].0 as usize, w[1].1 as usize);
            if i != j {
                let mode = if t == plan::B256 {
                    Mode::Base256
                } else {
                    mode_of(s)
                };
                add(mode, i, j);
            }
        }
        match opt.kind {
            EndKind::B256Final { start } => add(Mode::Base256, start, n),
            EndKind::ImplicitTriple { pos, .. } | EndKind::ImplicitEdifact { pos, .. } => {
                add(Mode::Ascii, pos, n)
            }
            _ => {}
        }
        Ok(Plan {
            size,
            codewords: used as usize,
            runs,
        })
    }

    fn trace(&mut self, k: usize) {
        self.trace_until(k, None);
    }

    /// Traces the path of end option `k` back to the start, or only back to the node
    /// `stop` if the path passes it (then true).
    fn trace_until(&mut self, k: usize, stop: Option<(usize, usize)>) -> bool {
        let Some(opt) = self.planner.ends.get(k).copied() else {
            return false;
        };
        let n = self.items.len();
        let (pos, state) = match opt.kind {
            EndKind::Ascii => (n, plan::A),
            EndKind::Triple(s) | EndKind::TriplePad(s) => (n, s),
            EndKind::Edifact(p) => (n, plan::EDI + p),
            EndKind::B256Final { start } => (start, plan::A),
            EndKind::ImplicitTriple { state, pos } => (pos, state),
            EndKind::ImplicitEdifact { pos, .. } => (pos, plan::EDI),
        };
        self.planner.trace_until(&self.items, pos, state, stop)
    }

    /// Plans and writes the padded data codewords into `self.out`.
    fn codewords_into_buffer(
        &mut self,
        segments: &[Segment<'_>],
        opts: &EncodeOptions,
    ) -> Result<(SymbolSize, usize), EncodeError> {
        let (prefix, plen) = self.prepare(segments, opts)?;
        self.finish(&prefix[..plen as usize], opts)
    }

    /// After the search: chooses the size, traces the path and writes the padded data
    /// codewords (after the function-character `prefix`) into `self.out`.
    fn finish(
        &mut self,
        prefix: &[u8],
        opts: &EncodeOptions,
    ) -> Result<(SymbolSize, usize), EncodeError> {
        self.finish_with(prefix, None, opts, None)
    }

    /// As [`Encoder::finish`]; with `resume = Some((p, written))`, where `written` are
    /// the codewords (function-character prefix included) of the path from the start
    /// to ASCII state at item `p`, a path through that node is traced and written from
    /// there only. The writer's end-of-symbol rules look at the room left, so this is
    /// only done when at least 3 codewords remain after `written` (no rule fires
    /// before then).
    fn finish_with(
        &mut self,
        prefix: &[u8],
        resume: Option<(usize, &[u8])>,
        opts: &EncodeOptions,
        hint: Option<&SizeHint>,
    ) -> Result<(SymbolSize, usize), EncodeError> {
        let (size, k, used) = self.choose_hinted(opts, hint)?;
        let opt = self.planner.ends[k];
        let cap = size.data_codewords();
        let resume = resume.filter(|(_, w)| w.len() + 3 <= cap);
        let stopped = self.trace_until(k, resume.map(|(p, _)| (p, plan::A)));
        let chosen = Chosen {
            size,
            opt,
            used,
            stopped,
        };
        write_chosen(
            &mut self.out,
            &self.items,
            &self.planner.path,
            prefix,
            resume,
            &chosen,
        )?;
        self.chosen = Some(chosen);
        Ok((size, used as usize))
    }

    /// As [`Encoder::finish_with`] with the choice and path of `memo`, which must
    /// have been made by it for an item stream the search cannot tell from this one
    /// (same items up to the resume point, same [`charset::Class`] per item after it,
    /// same schemes and options).
    fn finish_memo(
        &mut self,
        prefix: &[u8],
        resume: Option<(usize, &[u8])>,
        memo: &PlanMemo,
    ) -> Result<(SymbolSize, usize), EncodeError> {
        let c = &memo.chosen;
        let resume = resume.filter(|(_, w)| w.len() + 3 <= c.size.data_codewords());
        write_chosen(&mut self.out, &self.items, &memo.path, prefix, resume, c)?;
        Ok((c.size, c.used as usize))
    }

    /// Fills `memo` with the choice and path of the last [`Encoder::finish_with`].
    fn remember(&self, memo: &mut Option<PlanMemo>) -> bool {
        let Some(c) = self.chosen else {
            return false;
        };
        match memo {
            Some(m) => {
                m.chosen = c;
                m.path.clone_from(&self.planner.path);
            }
            None => {
                *memo = Some(PlanMemo {
                    chosen: c,
                    path: self.planner.path.clone(),
                })
            }
        }
        true
    }

    /// Validates options, builds the item stream and the prefix, runs the search.
    fn prepare(
        &mut self,
        segments: &[Segment<'_>],
        opts: &EncodeOptions,
    ) -> Result<([u8; 8], u32), EncodeError> {
        if opts.reader_programming && opts.structured_append.is_some() {
            return Err(EncodeError::ConflictingOptions(
                "reader programming cannot be combined with structured append",
            ));
        }
        if opts.reader_programming && opts.gs1 {
            return Err(EncodeError::ConflictingOptions(
                "reader programming cannot be combined with gs1",
            ));
        }
        let explicit_macro = matches!(opts.macro_header, Macro::Macro05 | Macro::Macro06);
        if explicit_macro && (opts.gs1 || opts.reader_programming) {
            return Err(EncodeError::ConflictingOptions(
                "a macro 05/06 header cannot be combined with gs1 or reader programming",
            ));
        }
        if let Some(v) = opts.eci {
            if v > MAX_ECI {
                return Err(EncodeError::BadEci { value: v });
            }
        }
        let mut prefix = [0u8; 8];
        let mut plen = 0usize;
        if let Some(sa) = opts.structured_append {
            let bad = |reason| EncodeError::BadStructuredAppend {
                position: sa.position,
                total: sa.total,
                file_id: sa.file_id,
                reason,
            };
            if !(2..=16).contains(&sa.total) {
                return Err(bad("total must be 2..=16"));
            }
            if sa.position < 1 || sa.position > sa.total {
                return Err(bad("position must be 1..=total"));
            }
            if sa.file_id.iter().any(|&b| b == 0 || b == 255) {
                return Err(bad("file id bytes must be 1..=254"));
            }
            prefix[..4].copy_from_slice(&[
                233,
                ((sa.position - 1) << 4) | (17 - sa.total),
                sa.file_id[0],
                sa.file_id[1],
            ]);
            plen = 4;
        }
        // the item stream
        self.items.clear();
        let total: usize = segments
            .iter()
            .map(|s| match s {
                Segment::Data(d) => d.len(),
                _ => 1,
            })
            .sum();
        if total > MAX_ITEMS + MACRO_HEAD + 2 + 1 {
            let largest = self.largest(opts)?;
            return Err(EncodeError::DataTooLong {
                needed: total.div_ceil(2),
                capacity: largest.data_codewords(),
                largest,
            });
        }
        if let Some(v) = opts.eci {
            self.items.push(ECI_FLAG | v);
        }
        let data_start = self.items.len();
        for seg in segments {
            match *seg {
                Segment::Data(d) => {
                    if opts.gs1 {
                        self.items
                            .extend(d.iter().map(|&b| if b == 0x1D { FNC1 } else { b as u32 }));
                    } else {
                        self.items.extend(d.iter().map(|&b| b as u32));
                    }
                }
                Segment::Eci(v) => {
                    if v > MAX_ECI {
                        return Err(EncodeError::BadEci { value: v });
                    }
                    self.items.push(ECI_FLAG | v);
                }
                Segment::Fnc1 => self.items.push(FNC1),
            }
        }
        let macro_cw = match opts.macro_header {
            Macro::None => None,
            Macro::Macro05 => Some(236),
            Macro::Macro06 => Some(237),
            Macro::Auto if opts.gs1 || opts.reader_programming => None,
            Macro::Auto => {
                let m = macro_kind(&self.items[data_start..]);
                if m.is_some() {
                    let n = self.items.len();
                    self.items.truncate(n - 2);
                    self.items.drain(data_start..data_start + MACRO_HEAD);
                }
                m
            }
        };
        if opts.reader_programming {
            prefix[plen] = 234;
            plen += 1;
        } else if let Some(m) = macro_cw {
            prefix[plen] = m;
            plen += 1;
        } else if opts.gs1 {
            prefix[plen] = 232;
            plen += 1;
        }
        if self.items.len() > MAX_ITEMS {
            let largest = self.largest(opts)?;
            return Err(EncodeError::DataTooLong {
                needed: (self.items.len() + 2 * plen).div_ceil(2),
                capacity: largest.data_codewords(),
                largest,
            });
        }
        self.planner
            .run(&self.items, opts.planner_modes(), plen as u32);
        Ok((prefix, plen as u32))
    }

    /// The largest size the options allow.
    fn largest(&self, opts: &EncodeOptions) -> Result<SymbolSize, EncodeError> {
        if let Some(s) = opts.size {
            return Ok(s);
        }
        candidates(opts)
            .last()
            .ok_or(EncodeError::ConflictingOptions(
                "no symbol size satisfies the shape and row/column limits",
            ))
    }

    /// The first candidate size some end option fits: (size, option, used).
    fn choose(&self, opts: &EncodeOptions) -> Result<(SymbolSize, usize, u32), EncodeError> {
        self.choose_hinted(opts, None)
    }

    /// As [`Encoder::choose`]; a `hint` (made by [`SizeHint::new`] for the same
    /// options) answers without walking the size list when the lower bound rules out
    /// every size before the hinted one and that size fits.
    fn choose_hinted(
        &self,
        opts: &EncodeOptions,
        hint: Option<&SizeHint>,
    ) -> Result<(SymbolSize, usize, u32), EncodeError> {
        // no option fits below the lower bound: skip those sizes without asking
        let lb = self.planner.lower_bound();
        if let Some(h) = hint {
            if opts.size.is_none() && h.alone && lb > h.cap_before {
                let cap = h.size.data_codewords() as u32;
                if cap >= lb {
                    if let Some((k, u)) = self.planner.best_for(cap) {
                        return Ok((h.size, k, u));
                    }
                }
            }
        }
        let try_size = |s: SymbolSize| {
            let cap = s.data_codewords() as u32;
            if cap < lb {
                return None;
            }
            self.planner.best_for(cap).map(|(k, u)| (s, k, u))
        };
        let found = match opts.size {
            Some(s) => try_size(s),
            None => {
                // the smallest area that fits; among sizes of that area the fewest data
                // codewords (end-of-symbol rules differ with the capacity), then the
                // selection order
                let mut it = candidates(opts);
                let first = it.by_ref().find_map(try_size);
                first.map(|f| {
                    it.take_while(|s| s.area() == f.0.area())
                        .filter_map(try_size)
                        .fold(f, |b, c| if c.2 < b.2 { c } else { b })
                })
            }
        };
        match found {
            Some(f) => Ok(f),
            None => {
                let largest = self.largest(opts)?;
                Err(EncodeError::DataTooLong {
                    needed: self.planner.lower_bound() as usize,
                    capacity: largest.data_codewords(),
                    largest,
                })
            }
        }
    }
}

/// What [`Encoder::choose_hinted`] needs to know about one size among the candidates
/// of some options.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SizeHint {
    size: SymbolSize,
    /// The largest data capacity of the candidates before `size` (0 if none).
    cap_before: u32,
    /// No candidate after `size` has the same area (so none competes with it).
    alone: bool,
}

impl SizeHint {
    /// The hint for `size` under `opts`; `None` if `size` is not a candidate or the
    /// options fix the size.
    pub(crate) fn new(size: SymbolSize, opts: &EncodeOptions) -> Option<SizeHint> {
        if opts.size.is_some() {
            return None;
        }
        let mut cap_before = 0u32;
        let mut it = candidates(opts);
        for s in it.by_ref() {
            if s == size {
                let alone = it.next().is_none_or(|n| n.area() != size.area());
                return Some(SizeHint {
                    size,
                    cap_before,
                    alone,
                });
            }
            cap_before = cap_before.max(s.data_codewords() as u32);
        }
        None
    }
}

/// A size choice and the end option, as [`Encoder::finish_with`] made them.
#[derive(Debug, Clone, Copy)]
struct Chosen {
    size: SymbolSize,
    opt: plan::EndOpt,
    used: u32,
    /// The path starts at the resume node.
    stopped: bool,
}

/// A remembered choice and its path (see [`Encoder::finish_memo`]).
#[derive(Debug, Clone)]
pub(crate) struct PlanMemo {
    chosen: Chosen,
    path: Vec<(u32, u8)>,
}

/// Writes the padded data codewords of `path` under `c` into `out`.
fn write_chosen(
    out: &mut Vec<u8>,
    items: &[u32],
    path: &[(u32, u8)],
    prefix: &[u8],
    resume: Option<(usize, &[u8])>,
    c: &Chosen,
) -> Result<(), EncodeError> {
    let cap = c.size.data_codewords();
    out.clear();
    match resume {
        Some((_, written)) if c.stopped => out.extend_from_slice(written),
        _ => out.extend_from_slice(prefix),
    }
    let mut w = emit::Writer::new(out, cap);
    w.write_path(items, path, &c.opt);
    let written = w.out.len();
    if written > cap {
        return Err(EncodeError::DataTooLong {
            needed: written,
            capacity: cap,
            largest: c.size,
        });
    }
    debug_assert_eq!(written, c.used as usize, "planner prediction");
    w.pad();
    Ok(())
}

fn candidates(opts: &EncodeOptions) -> impl Iterator<Item = SymbolSize> + '_ {
    size_order().iter().copied().filter(move |s| {
        opts.shape.admits(s.family())
            && opts.max_rows.is_none_or(|r| s.rows() <= r)
            && opts.max_cols.is_none_or(|c| s.cols() <= c)
    })
}

fn mode_of(s: usize) -> Mode {
    match s {
        plan::A => Mode::Ascii,
        1..=3 => Mode::C40,
        4..=6 => Mode::Text,
        7..=9 => Mode::X12,
        10..=13 => Mode::Edifact,
        _ => Mode::Base256,
    }
}

thread_local! {
    static ENCODER: RefCell<Encoder> = RefCell::new(Encoder::new());
}

fn with_encoder<R>(f: impl FnOnce(&mut Encoder) -> R) -> R {
    ENCODER.with(|e| match e.try_borrow_mut() {
        Ok(mut enc) => f(&mut enc),
        Err(_) => f(&mut Encoder::new()),
    })
}

/// Encodes bytes into the smallest allowed symbol with the fewest codewords.
///
/// Uses a per-thread [`Encoder`], so repeated calls do not reallocate its buffers.
pub fn encode(data: &[u8], opts: &EncodeOptions) -> Result<Symbol, EncodeError> {
    with_encoder(|e| e.encode(data, opts))
}

/// Encodes a sequence of data, ECI and FNC1 segments (mid-message ECI switches).
pub fn encode_segments(
    segments: &[Segment<'_>],
    opts: &EncodeOptions,
) -> Result<Symbol, EncodeError> {
    with_encoder(|e| e.encode_segments(segments, opts))
}

/// Encodes UTF-8 text: as ISO-8859-1 bytes when every character is in Latin-1,
/// otherwise as UTF-8 bytes under ECI 26 (added automatically).
///
/// With [`EncodeOptions::eci`] set to 26 the UTF-8 bytes are encoded as they are; with
/// another ECI every character must be in Latin-1 ([`EncodeError::CannotEncode`]
/// otherwise).
pub fn encode_str(text: &str, opts: &EncodeOptions) -> Result<Symbol, EncodeError> {
    let bytes = text_bytes(text, opts)?;
    match bytes {
        TextBytes::Utf8 => {
            let o = opts.clone().eci(Some(26));
            encode(text.as_bytes(), &o)
        }
        TextBytes::Latin1(v) => encode(&v, opts),
    }
}

enum TextBytes {
    Utf8,
    Latin1(Vec<u8>),
}

fn text_bytes(text: &str, opts: &EncodeOptions) -> Result<TextBytes, EncodeError> {
    if opts.eci == Some(26) {
        return Ok(TextBytes::Utf8);
    }
    let mut v = Vec::with_capacity(text.len());
    for (pos, ch) in text.char_indices() {
        let c = ch as u32;
        if c > 0xFF {
            if opts.eci.is_some() {
                return Err(EncodeError::CannotEncode {
                    position: pos,
                    byte: text.as_bytes().get(pos).copied().unwrap_or(0),
                    reason: "character outside ISO-8859-1 under a non-UTF-8 eci",
                });
            }
            return Ok(TextBytes::Utf8);
        }
        v.push(c as u8);
    }
    Ok(TextBytes::Latin1(v))
}

/// The padded data codewords (exactly the chosen size's data capacity) and the size.
pub fn data_codewords(
    data: &[u8],
    opts: &EncodeOptions,
) -> Result<(SymbolSize, Vec<u8>), EncodeError> {
    with_encoder(|e| {
        e.data_codewords(&[Segment::Data(data)], opts)
            .map(|(s, cw)| (s, cw.to_vec()))
    })
}

/// As [`data_codewords`], for segments.
pub fn segments_data_codewords(
    segments: &[Segment<'_>],
    opts: &EncodeOptions,
) -> Result<(SymbolSize, Vec<u8>), EncodeError> {
    with_encoder(|e| {
        e.data_codewords(segments, opts)
            .map(|(s, cw)| (s, cw.to_vec()))
    })
}

/// The planner's choice for `data`: size, runs and data codeword count.
pub fn plan(data: &[u8], opts: &EncodeOptions) -> Result<Plan, EncodeError> {
    with_encoder(|e| e.plan(&[Segment::Data(data)], opts))
}

/// As [`plan`], for segments.
pub fn plan_segments(segments: &[Segment<'_>], opts: &EncodeOptions) -> Result<Plan, EncodeError> {
    with_encoder(|e| e.plan(segments, opts))
}

#[cfg(test)]
mod tests;
