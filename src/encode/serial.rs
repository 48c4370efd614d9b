//! Serial ranges: many GS1 symbols that differ only in their AI (21) serial number,
//! encoded with the work of the fixed part done once.
//!
//! Every symbol is exactly what [`crate::encode_gs1`] makes of the base element string
//! with `(21)` + serial appended (same size, same codewords, same modules). What is
//! shared:
//!
//! - the planner's search over the fixed part: the search is causal (the row of
//!   position `j` depends only on the items before `j`), so its rows up to the start of
//!   the serial are kept and only the serial's positions are searched per symbol (with
//!   the same schemes; a serial that changes the scheme set re-runs the fixed part
//!   once for that set);
//! - the Reed-Solomon division over the leading data codewords the range shares: the
//!   division is resumed from the remainder after them;
//! - the modules of those codewords, drawn once into a template of the symbol size;
//! - for serials that write as many codewords as the sample (so share its pad
//!   codewords): the Reed-Solomon codewords by linearity (the sample's with the serial
//!   zeroed, xor one precomputed row per serial codeword) and the pad's modules too;
//! - the size choice and path of the search: the search sees a character only through
//!   its class (ASCII cost, digit, C40/Text values, X12/EDIFACT membership), so a
//!   serial whose characters have the classes of the previous searched one, under the
//!   same schemes, reuses its size and path and is only written.
//!
//! The shared codewords and size come from a sample serial (use the longest of the
//! range, so that the size is the one most symbols get). A symbol whose size differs,
//! or whose leading codewords differ from the sample's (the optimal encodation of a
//! serial can reach back into the fixed part), takes the full Reed-Solomon and
//! placement; [`SerialEncoder::fast_count`] says how many did not.

use super::charset::CLASS;
use super::emit::Writer;
use super::plan::{prune_flags, prune_with, EndKind, EndOpt, A};
use super::{EncodeError, EncodeOptions, Encoder, PlanMemo, Segment, SizeHint, MAX_ITEMS};
use crate::gs1::{lint::is_cset82, ElementString};
use crate::matrix::placement::PrefixPlacement;
use crate::matrix::{ModuleMap, Symbol, SymbolSize};
use crate::rs::encode::{ec_codewords, ec_continue};
use crate::rs::gf256;
use std::fmt;

/// Why a serial range cannot be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SerialRangeError {
    /// The base element string cannot take a serial.
    Base(&'static str),
    /// A serial that is not a valid AI (21) value.
    BadSerial {
        /// Index of the serial in the input (0 for [`SerialEncoder::encode`]).
        index: usize,
        /// Byte offset of the offending character, if the problem is a character.
        position: Option<usize>,
        /// What is wrong.
        reason: &'static str,
    },
    /// Encoding the symbol of serial `index` failed.
    Encode {
        /// Index of the serial.
        index: usize,
        /// The encoder's error.
        error: EncodeError,
    },
}

impl fmt::Display for SerialRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SerialRangeError::Base(why) => write!(f, "base element string: {why}"),
            SerialRangeError::BadSerial {
                index,
                position: Some(p),
                reason,
            } => write!(f, "serial {index}, character {p}: {reason}"),
            SerialRangeError::BadSerial {
                index,
                position: None,
                reason,
            } => write!(f, "serial {index}: {reason}"),
            SerialRangeError::Encode { index, error } => write!(f, "serial {index}: {error}"),
        }
    }
}

impl std::error::Error for SerialRangeError {}

/// Longest AI (21) value.
const MAX_SERIAL_LEN: usize = 20;

fn check_serial(index: usize, s: &str) -> Result<(), SerialRangeError> {
    if s.is_empty() || s.len() > MAX_SERIAL_LEN {
        return Err(SerialRangeError::BadSerial {
            index,
            position: None,
            reason: "an AI (21) serial has 1 to 20 characters",
        });
    }
    if let Some(p) = s.bytes().position(|c| !is_cset82(c)) {
        return Err(SerialRangeError::BadSerial {
            index,
            position: Some(p),
            reason: "character outside GS1 character set 82",
        });
    }
    Ok(())
}

/// The work shared by the symbols of a range of one size.
#[derive(Debug, Clone)]
struct Shared {
    size: SymbolSize,
    /// The scheme set of the search `prefix_cw` was traced in.
    modes: super::Modes,
    /// The codewords (function-character prefix included) of the path from the start
    /// to ASCII state where the serial starts.
    prefix_cw: Vec<u8>,
    /// Per block, the Reed-Solomon remainder after the block's codewords among
    /// `prefix_cw` (`blocks * ec_per_block` bytes).
    ec_state: Vec<u8>,
    placement: PrefixPlacement,
    /// Skips the walk over the size list when the lower bound allows it.
    hint: Option<SizeHint>,
    /// Reed-Solomon by linearity for symbols that write as many codewords as the
    /// sample (their pad codewords are the sample's).
    linear: Option<LinearEc>,
    /// With `linear`: the sample's data codewords drawn but for the varying ones.
    linear_placement: Option<PrefixPlacement>,
}

/// The EC codewords of a stream are linear in its data codewords: for streams that
/// share everything but positions `from..to`, EC = `base` xor, per position `j` in
/// `from..to`, the row `table[j - from][value]` (the EC of a stream holding only that
/// value at `j`), in the interleaved order of the symbol's EC codewords.
#[derive(Debug, Clone)]
struct LinearEc {
    from: usize,
    to: usize,
    /// EC codewords of the stream with positions `from..to` zeroed.
    base: Vec<u8>,
    /// `(to - from) * 256` rows of `base.len()` bytes.
    table: Vec<u8>,
}

/// Largest table [`LinearEc`] builds (bytes).
const MAX_LINEAR_TABLE: usize = 1 << 18;

impl LinearEc {
    /// For `size`, the padded data codewords `data` of a sample symbol, varying in
    /// positions `from..to`.
    fn new(size: SymbolSize, data: &[u8], from: usize, to: usize) -> Option<LinearEc> {
        let (nd, blocks, ne) = (size.data_codewords(), size.blocks(), size.ec_per_block());
        let nec = blocks * ne;
        if from >= to || to > nd || data.len() < nd || (to - from) * 256 * nec > MAX_LINEAR_TABLE {
            return None;
        }
        let mut stream = data[..nd].to_vec();
        stream[from..to].fill(0);
        let block_ec = |stream: &[u8], out: &mut [u8]| {
            let mut ec = vec![0u8; ne];
            for b in 0..blocks {
                ec_codewords(stream.iter().skip(b).step_by(blocks).copied(), &mut ec);
                for (j, &v) in ec.iter().enumerate() {
                    out[b + j * blocks] = v;
                }
            }
        };
        let mut base = vec![0u8; nec];
        block_ec(&stream, &mut base);
        let mut table = vec![0u8; (to - from) * 256 * nec];
        let mut unit = vec![0u8; nec];
        stream.fill(0);
        for (i, rows) in table.chunks_exact_mut(256 * nec).enumerate() {
            stream[from + i] = 1;
            block_ec(&stream, &mut unit);
            stream[from + i] = 0;
            for (v, row) in rows.chunks_exact_mut(nec).enumerate() {
                for (r, &u) in row.iter_mut().zip(&unit) {
                    *r = gf256::mul(v as u8, u);
                }
            }
        }
        Some(LinearEc {
            from,
            to,
            base,
            table,
        })
    }

    /// Writes the EC codewords of `data` (which must agree with the sample outside
    /// `from..to`) into `ec`.
    #[inline]
    fn ec_into(&self, data: &[u8], ec: &mut [u8]) {
        let nec = self.base.len();
        ec.copy_from_slice(&self.base);
        let vary = data.get(self.from..self.to).unwrap_or(&[]);
        for (i, &v) in vary.iter().enumerate() {
            let at = (i * 256 + v as usize) * nec;
            let row = self.table.get(at..at + nec).unwrap_or(&[]);
            for (e, &r) in ec.iter_mut().zip(row) {
                *e ^= r;
            }
        }
    }
}

/// A base GS1 element string to which serials are appended as AI (21); see the
/// [module documentation](self).
#[derive(Debug, Clone)]
pub struct SerialRange {
    opts: EncodeOptions,
    /// Raw data before the serial: the base, a GS if its last field is variable-length,
    /// and `21`.
    prefix_raw: Vec<u8>,
    shared: Option<Shared>,
}

impl SerialRange {
    /// Prepares the range of `base` + `(21)` serial. `sample` is a serial of the range
    /// (pass the longest: its symbol size is the one the shared work is done for).
    /// `opts` are as for [`crate::encode_gs1`] (GS1 mode is forced on).
    pub fn new(
        base: &ElementString,
        opts: &EncodeOptions,
        sample: &str,
    ) -> Result<SerialRange, SerialRangeError> {
        if base.get("21").is_some() {
            return Err(SerialRangeError::Base("already has an AI (21) serial"));
        }
        check_serial(0, sample)?;
        let mut es = base.clone();
        es.push("21", sample)
            .map_err(|_| SerialRangeError::BadSerial {
                index: 0,
                position: None,
                reason: "not accepted as an AI (21) value",
            })?;
        let raw = es.to_raw();
        let Some(prefix) = raw.strip_suffix(sample.as_bytes()) else {
            return Err(SerialRangeError::Base(
                "the serial is not last in the raw data",
            ));
        };
        let opts = opts.clone().gs1(true);
        let mut range = SerialRange {
            opts,
            prefix_raw: prefix.to_vec(),
            shared: None,
        };
        range.shared = range.make_shared(sample)?;
        Ok(range)
    }

    /// The encoding options (GS1 on).
    pub fn options(&self) -> &EncodeOptions {
        &self.opts
    }

    /// The symbol size the shared work was done for (that of the sample serial), if
    /// any could be shared.
    pub fn size(&self) -> Option<SymbolSize> {
        self.shared.as_ref().map(|s| s.size)
    }

    fn make_shared(&self, sample: &str) -> Result<Option<Shared>, SerialRangeError> {
        let mut enc = Encoder::new();
        let enc_err = |error| SerialRangeError::Encode { index: 0, error };
        // the search over the fixed part alone: its rows are those of every symbol
        let (pre, plen) = enc
            .prepare(&[Segment::Data(&self.prefix_raw)], &self.opts)
            .map_err(enc_err)?;
        let p = enc.items.len();
        let modes = enc.planner.modes();
        // the codewords of the path to ASCII state where the serial starts
        let Some(cp) = enc.planner.ascii_cost(p) else {
            return Ok(None);
        };
        enc.planner.trace(&enc.items, p, A);
        let mut prefix_cw = pre[..plen as usize].to_vec();
        let mut w = Writer::new(&mut prefix_cw, usize::MAX);
        let end = EndOpt {
            kind: EndKind::Ascii,
            cost: cp,
            len: 0,
        };
        w.write_path(&enc.items, &enc.planner.path, &end);
        // the size of the sample's symbol
        let mut data = self.prefix_raw.clone();
        data.extend_from_slice(sample.as_bytes());
        let (size, written) = enc
            .codewords_into_buffer(&[Segment::Data(&data)], &self.opts)
            .map_err(enc_err)?;
        let nd = size.data_codewords();
        // What every fast-path symbol of the sample's length shares: the prefix's own
        // codewords (the sample's full search may have encoded the prefix otherwise, so
        // they are not taken from it) and the pads after `written`, which depend only
        // on their positions.
        let fixed: Option<Vec<u8>> = (prefix_cw.len() <= written && written <= nd).then(|| {
            let mut f = prefix_cw.clone();
            f.resize(written, 0);
            f.extend_from_slice(enc.out.get(written..nd).unwrap_or(&[]));
            f
        });
        let linear = fixed
            .as_ref()
            .and_then(|f| LinearEc::new(size, f, prefix_cw.len(), written));
        let linear_placement = match (&linear, &fixed) {
            (Some(l), Some(f)) if f.len() == nd => {
                Some(ModuleMap::get(size).with_fixed(f, l.from..l.to))
            }
            _ => None,
        };
        if prefix_cw.len() > nd {
            return Ok(None);
        }
        let (blocks, ne) = (size.blocks(), size.ec_per_block());
        let mut ec_state = vec![0u8; blocks * ne];
        for (b, st) in ec_state.chunks_exact_mut(ne).enumerate() {
            ec_codewords(prefix_cw.iter().skip(b).step_by(blocks).copied(), st);
        }
        let placement = ModuleMap::get(size).with_prefix(&prefix_cw);
        Ok(Some(Shared {
            size,
            modes,
            prefix_cw,
            ec_state,
            placement,
            hint: SizeHint::new(size, &self.opts),
            linear,
            linear_placement,
        }))
    }

    /// A per-thread encoder of this range (keeps the search tables between symbols).
    pub fn encoder(&self) -> SerialEncoder<'_> {
        let mut enc = Encoder::new();
        let (pre, plen, p) = match enc.prepare(&[Segment::Data(&self.prefix_raw)], &self.opts) {
            Ok((pre, plen)) => (pre, plen as usize, Some(enc.items.len())),
            Err(_) => ([0; 8], 0, None),
        };
        let flags = prune_flags(&enc.items);
        let snap = Some(enc.planner.modes());
        SerialEncoder {
            range: self,
            enc,
            pre,
            plen,
            p,
            flags,
            snap,
            raw: Vec::new(),
            fast: 0,
            total: 0,
            memo: None,
            memo_key: Vec::new(),
            key: Vec::new(),
        }
    }

    /// Encodes every serial, in order; in parallel with the `rayon` feature. Stops at
    /// the first error (naming the serial's index).
    pub fn encode_all<S: AsRef<str> + Sync>(
        &self,
        serials: &[S],
    ) -> Result<Vec<Symbol>, SerialRangeError> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            serials
                .par_iter()
                .enumerate()
                .map_init(|| self.encoder(), |e, (i, s)| e.encode_at(i, s.as_ref()))
                .collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            let mut e = self.encoder();
            serials
                .iter()
                .enumerate()
                .map(|(i, s)| e.encode_at(i, s.as_ref()))
                .collect()
        }
    }
}

/// Encodes the symbols of a [`SerialRange`] one by one; make one per thread with
/// [`SerialRange::encoder`].
#[derive(Debug)]
pub struct SerialEncoder<'a> {
    range: &'a SerialRange,
    enc: Encoder,
    /// Function-character prefix codewords (FNC1 232, ...).
    pre: [u8; 8],
    plen: usize,
    /// Item position where the serial starts (`None`: the fixed part did not prepare).
    p: Option<usize>,
    /// Pruning flags of the fixed part's items.
    flags: u8,
    /// The scheme set the kept search rows were made with.
    snap: Option<super::Modes>,
    raw: Vec<u8>,
    fast: u64,
    total: u64,
    /// The size choice and path of the last searched serial, valid for serials of
    /// the same shape under the same schemes (`memo_key`).
    memo: Option<PlanMemo>,
    /// Schemes and per-character [`shape`]s the memo was made for (empty: none).
    memo_key: Vec<u32>,
    key: Vec<u32>,
}

/// What the search sees of a character: its [`CLASS`] entry, packed. Two serials of
/// equal shapes have equal costs everywhere in the search, so the same size choice
/// and path.
fn shape(b: u8) -> u32 {
    let k = &CLASS[b as usize];
    u32::from(k.ascii)
        | (u32::from(k.digit) << 4)
        | (u32::from(k.c40) << 5)
        | (u32::from(k.text) << 9)
        | (u32::from(k.x12) << 13)
        | (u32::from(k.edifact) << 14)
}

impl SerialEncoder<'_> {
    /// The symbol of the base with `(21)` `serial`.
    pub fn encode(&mut self, serial: &str) -> Result<Symbol, SerialRangeError> {
        self.encode_at(0, serial)
    }

    /// Symbols made so far, and how many of them used the shared Reed-Solomon and
    /// placement work: `(fast, total)`.
    pub fn fast_count(&self) -> (u64, u64) {
        (self.fast, self.total)
    }

    /// As [`SerialEncoder::encode`], into `sym`, reusing its buffers (no allocation
    /// once `sym` has held a symbol of this size): for sinks that consume each symbol
    /// before the next.
    pub fn encode_into(&mut self, serial: &str, sym: &mut Symbol) -> Result<(), SerialRangeError> {
        self.encode_core(0, serial, sym)
    }

    fn encode_at(&mut self, index: usize, serial: &str) -> Result<Symbol, SerialRangeError> {
        let mut sym = Symbol::from_parts(
            SymbolSize::all()
                .next()
                .ok_or(SerialRangeError::Base("no symbol sizes"))?,
            Vec::new(),
            crate::matrix::ModuleMatrix::new(0, 0),
        );
        self.encode_core(index, serial, &mut sym)?;
        Ok(sym)
    }

    fn encode_core(
        &mut self,
        index: usize,
        serial: &str,
        sym: &mut Symbol,
    ) -> Result<(), SerialRangeError> {
        check_serial(index, serial)?;
        self.total += 1;
        let enc_err = |error| SerialRangeError::Encode { index, error };
        let range = self.range;
        let opts = &range.opts;
        let Some(p) = self.p else {
            *sym = self.full(index, serial)?;
            return Ok(());
        };
        let e = &mut self.enc;
        e.items.truncate(p);
        e.items.extend(serial.bytes().map(u32::from));
        if e.items.len() > MAX_ITEMS {
            *sym = self.full(index, serial)?;
            return Ok(());
        }
        let modes = prune_with(
            self.flags | prune_flags(&e.items[p..]),
            opts.planner_modes(),
        );
        let init = self.plen as u32;
        let pre = self.pre;
        let resume = range
            .shared
            .as_ref()
            .filter(|s| s.modes == modes)
            .map(|s| (p, &s.prefix_cw[..]));
        self.key.clear();
        self.key.push(u32::from(modes.0));
        self.key.extend(serial.bytes().map(shape));
        let memo = self.memo.as_ref().filter(|_| self.key == self.memo_key);
        let (size, written) = if let Some(memo) = memo {
            e.finish_memo(&pre[..self.plen], resume, memo)
                .map_err(enc_err)?
        } else {
            self.memo_key.clear();
            if self.snap != Some(modes) {
                e.planner.run_with(&e.items[..p], modes, init);
                self.snap = Some(modes);
            }
            if !e.planner.resume(&e.items, modes, init, p) {
                *sym = self.full(index, serial)?;
                return Ok(());
            }
            let hint = range.shared.as_ref().and_then(|s| s.hint.as_ref());
            let r = e
                .finish_with(&pre[..self.plen], resume, opts, hint)
                .map_err(enc_err)?;
            if e.remember(&mut self.memo) {
                self.memo_key.clone_from(&self.key);
            }
            r
        };
        let out = &e.out;
        let shared = match &range.shared {
            Some(s) if s.size == size && out.starts_with(&s.prefix_cw) => s,
            _ => {
                *sym = Symbol::from_data_codewords(size, out).ok_or(enc_err(
                    EncodeError::DataTooLong {
                        needed: out.len(),
                        capacity: size.data_codewords(),
                        largest: size,
                    },
                ))?;
                return Ok(());
            }
        };
        self.fast += 1;
        let (nd, blocks, ne) = (size.data_codewords(), size.blocks(), size.ec_per_block());
        let np = shared.prefix_cw.len();
        let (sym_size, cw, matrix) = sym.parts_mut();
        *sym_size = size;
        cw.clear();
        cw.extend_from_slice(&out[..nd]);
        cw.resize(size.total_codewords(), 0);
        if let (Some(lin), Some(place)) = (&shared.linear, &shared.linear_placement) {
            if lin.to == written {
                // same length as the sample: same pad codewords, so only the codewords
                // from the serial's start to the pad differ
                let (data, ec) = cw.split_at_mut(nd);
                lin.ec_into(data, ec);
                place.place_into(cw, matrix);
                return Ok(());
            }
        }
        let mut ec = [0u8; 68];
        let ec = &mut ec[..ne];
        for b in 0..blocks {
            ec.copy_from_slice(&shared.ec_state[b * ne..(b + 1) * ne]);
            // the block's codewords are b, b + blocks, ...: resume at the first >= np
            let first = b + np.saturating_sub(b).div_ceil(blocks) * blocks;
            ec_continue(
                out.get(first..nd)
                    .unwrap_or(&[])
                    .iter()
                    .step_by(blocks)
                    .copied(),
                ec,
            );
            for (j, &v) in ec.iter().enumerate() {
                cw[nd + b + j * blocks] = v;
            }
        }
        shared.placement.place_into(cw, matrix);
        Ok(())
    }

    /// The plain encoder, for what the shared work does not cover.
    fn full(&mut self, index: usize, serial: &str) -> Result<Symbol, SerialRangeError> {
        self.raw.clear();
        self.raw.extend_from_slice(&self.range.prefix_raw);
        self.raw.extend_from_slice(serial.as_bytes());
        super::encode(&self.raw, &self.range.opts)
            .map_err(|error| SerialRangeError::Encode { index, error })
    }
}

/// Encodes `base` + `(21)` serial for every serial, in order (in parallel with the
/// `rayon` feature). Each symbol equals [`crate::encode_gs1`] of the same data; the
/// shared work is done for the size of the longest serial.
pub fn encode_serials<S: AsRef<str> + Sync>(
    base: &ElementString,
    serials: &[S],
    opts: &EncodeOptions,
) -> Result<Vec<Symbol>, SerialRangeError> {
    let Some(longest) = serials.iter().map(|s| s.as_ref()).max_by_key(|s| s.len()) else {
        return Ok(Vec::new());
    };
    // report a bad serial by its own index, not as the sample
    for (i, s) in serials.iter().enumerate() {
        check_serial(i, s.as_ref())?;
    }
    SerialRange::new(base, opts, longest)?.encode_all(serials)
}
