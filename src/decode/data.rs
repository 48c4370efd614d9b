//! The data stage: data codewords to content, for every encodation of ISO/IEC 16022
//! (5.2): ASCII, C40, Text, ANSI X12, EDIFACT and Base 256, with the function
//! characters FNC1, Structured Append, Reader Programming, Macro 05/06 and ECI.

#![deny(clippy::indexing_slicing)]

use super::charset;
use std::fmt;

/// The header a Macro 05 / 06 codeword stands for is `[)>` RS `05`|`06` GS; the
/// trailer is RS EOT.
const RS: u8 = 0x1E;
const GS: u8 = 0x1D;
const EOT: u8 = 0x04;

/// Largest ECI value (ISO/IEC 16022 5.4.2: 000000 to 999999).
pub const MAX_ECI: u32 = 999_999;

/// Most data codewords any symbol holds (144x144: 1558); `decode_data` refuses longer
/// input with [`DataFault::TooLong`].
pub const MAX_DATA_CODEWORDS: usize = 1558;

/// One symbol of a Structured Append sequence (ISO/IEC 16022 5.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StructuredAppend {
    /// Position of this symbol in the sequence, 1-based (1..=16).
    pub position: u8,
    /// Number of symbols in the sequence (2..=16).
    pub total: u8,
    /// The two file-identification codewords (each 1..=254), equal in every symbol of
    /// one sequence.
    pub file_id: [u8; 2],
}

/// Why a data codeword stream is malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DataFault {
    /// A value that ASCII encodation does not use (0, or 242..=255).
    InvalidAscii,
    /// Upper Shift (235) not followed by an ASCII character codeword (1..=128).
    BadUpperShift,
    /// Structured Append, Reader Programming or a Macro away from the first position.
    MisplacedFunction,
    /// The data ends inside a Structured Append header, ECI or Upper Shift.
    Truncated,
    /// Structured Append header with a sequence indicator or file id out of range.
    BadStructuredAppend,
    /// ECI codewords out of range, or an ECI value above 999999.
    BadEci,
    /// A C40, Text or X12 codeword pair above 64000 (or 0 0).
    BadTriplet,
    /// A C40 or Text value undefined in its shift set.
    BadShiftValue,
    /// More data codewords than any symbol holds ([`MAX_DATA_CODEWORDS`]).
    TooLong {
        /// Codewords given.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A Base 256 field longer than the rest of the symbol.
    Base256BeyondEnd {
        /// Field length the length codewords give.
        len: usize,
        /// Codewords left after the length.
        available: usize,
    },
}

impl fmt::Display for DataFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataFault::InvalidAscii => f.write_str("not a valid ascii-mode codeword"),
            DataFault::BadUpperShift => {
                f.write_str("upper shift not followed by an ascii character")
            }
            DataFault::MisplacedFunction => {
                f.write_str("structured append, reader programming or macro not in first position")
            }
            DataFault::Truncated => f.write_str("data ends inside a multi-codeword function"),
            DataFault::BadStructuredAppend => f.write_str("bad structured append header"),
            DataFault::BadEci => f.write_str("bad eci designator"),
            DataFault::BadTriplet => f.write_str("c40/text/x12 codeword pair above 64000"),
            DataFault::BadShiftValue => f.write_str("value undefined in its c40/text shift set"),
            DataFault::TooLong { len, max } => write!(
                f,
                "{len} data codewords, more than any symbol holds ({max})"
            ),
            DataFault::Base256BeyondEnd { len, available } => write!(
                f,
                "base 256 field of {len} bytes but only {available} codewords left"
            ),
        }
    }
}

/// A data-stage failure: the codeword (index into the data codewords), its value, and
/// why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataError {
    /// Index of the offending codeword in the data codewords.
    pub codeword_index: usize,
    /// Its value.
    pub value: u8,
    /// What is wrong.
    pub reason: DataFault,
}

/// The message a symbol carries, as the data stage decodes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Content {
    /// The content bytes: FNC1 separators as GS (0x1D), no character for a leading
    /// (GS1) or AIM FNC1, Macro 05/06 expanded to their header and trailer.
    pub bytes: Vec<u8>,
    /// ECI designators: (byte offset into `bytes` from which it applies, ECI value).
    pub eci: Vec<(usize, u32)>,
    /// FNC1 in the first position (or fifth after Structured Append): GS1 data.
    pub gs1: bool,
    /// FNC1 in the second position (or sixth) after one letter or two digits: AIM
    /// application identifier.
    pub aim: bool,
    /// The Structured Append header, if any.
    pub structured_append: Option<StructuredAppend>,
    /// Reader Programming (234): the content programs the reader.
    pub reader_programming: bool,
    /// Macro 05 or 06 (5 or 6), whose header and trailer are in `bytes`.
    pub macro_: Option<u8>,
    /// Number of pad codewords at the end (from the first 129 in ASCII mode).
    pub padding: usize,
}

impl Content {
    /// The symbology identifier of ISO/IEC 16022 (Annex: symbology identifier):
    /// `]d1` plain, `]d2` FNC1 first (GS1), `]d3` FNC1 second (AIM), and `]d4`,
    /// `]d5`, `]d6` for the same with the ECI protocol.
    pub fn symbology_identifier(&self) -> &'static str {
        symbology_identifier(self.gs1, self.aim, !self.eci.is_empty())
    }

    /// The content as text, segment by segment in the character set each ECI selects
    /// (ISO/IEC 8859-1 where none is given, as ISO/IEC 16022 prescribes). See
    /// [`charset::decode`] for the sets supported.
    pub fn text(&self) -> String {
        text(&self.bytes, &self.eci)
    }

    /// The data as a reader transmits it under the ECI protocol (AIM ECI, used with
    /// `]d4`-`]d6`): each ECI as a backslash and six digits, each backslash of the data
    /// doubled. Without ECI it is `bytes` unchanged.
    pub fn eci_transmission(&self) -> Vec<u8> {
        eci_transmission(&self.bytes, &self.eci)
    }
}

pub(crate) fn eci_transmission(bytes: &[u8], eci: &[(usize, u32)]) -> Vec<u8> {
    if eci.is_empty() {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(bytes.len() + 8 * eci.len());
    let mut e = eci.iter().peekable();
    for i in 0..=bytes.len() {
        while let Some(&&(off, v)) = e.peek() {
            if off > i {
                break;
            }
            out.push(b'\\');
            out.extend_from_slice(format!("{:06}", v.min(MAX_ECI)).as_bytes());
            e.next();
        }
        if let Some(&b) = bytes.get(i) {
            out.push(b);
            if b == b'\\' {
                out.push(b);
            }
        }
    }
    out
}

pub(crate) fn symbology_identifier(gs1: bool, aim: bool, eci: bool) -> &'static str {
    match (gs1, aim, eci) {
        (true, _, false) => "]d2",
        (false, true, false) => "]d3",
        (false, false, false) => "]d1",
        (true, _, true) => "]d5",
        (false, true, true) => "]d6",
        (false, false, true) => "]d4",
    }
}

pub(crate) fn text(bytes: &[u8], eci: &[(usize, u32)]) -> String {
    let mut s = String::with_capacity(bytes.len());
    let mut start = 0usize;
    let mut cur: Option<u32> = None;
    for &(off, e) in eci {
        let off = off.min(bytes.len()).max(start);
        // start <= off <= bytes.len() by the clamping above
        charset::decode(cur, bytes.get(start..off).unwrap_or_default(), &mut s);
        start = off;
        cur = Some(e);
    }
    charset::decode(cur, bytes.get(start..).unwrap_or_default(), &mut s);
    s
}

/// Which triplet encodation a C40-style segment uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Triplet {
    C40,
    Text,
    X12,
}

struct Decoder<'a> {
    cw: &'a [u8],
    i: usize,
    c: Content,
    /// Index of the first codeword after a Structured Append header (0 or 4).
    start: usize,
}

/// Decodes data codewords (the data part of a corrected symbol, padding included) to
/// content.
pub fn decode_data(data: &[u8]) -> Result<Content, DataError> {
    if let Some(&value) = data.get(MAX_DATA_CODEWORDS) {
        return Err(DataError {
            codeword_index: MAX_DATA_CODEWORDS,
            value,
            reason: DataFault::TooLong {
                len: data.len(),
                max: MAX_DATA_CODEWORDS,
            },
        });
    }
    let mut d = Decoder {
        cw: data,
        i: 0,
        c: Content {
            bytes: Vec::with_capacity(data.len() * 2),
            ..Content::default()
        },
        start: 0,
    };
    d.ascii()?;
    if d.c.macro_.is_some() {
        d.c.bytes.extend_from_slice(&[RS, EOT]);
    }
    Ok(d.c)
}

impl Decoder<'_> {
    fn err(&self, at: usize, reason: DataFault) -> DataError {
        DataError {
            codeword_index: at,
            value: self.cw.get(at).copied().unwrap_or(0),
            reason,
        }
    }

    /// The codeword at `i`, advancing; `Truncated` (blamed on `owner`) at the end.
    fn next(&mut self, owner: usize) -> Result<u8, DataError> {
        match self.cw.get(self.i) {
            Some(&v) => {
                self.i += 1;
                Ok(v)
            }
            None => Err(self.err(owner, DataFault::Truncated)),
        }
    }

    fn ascii(&mut self) -> Result<(), DataError> {
        while let Some(&c) = self.cw.get(self.i) {
            let at = self.i;
            self.i += 1;
            match c {
                1..=128 => self.c.bytes.push(c - 1),
                129 => {
                    self.c.padding = self.cw.len() - at;
                    self.i = self.cw.len();
                }
                130..=229 => {
                    let v = c - 130;
                    self.c
                        .bytes
                        .extend_from_slice(&[b'0' + v / 10, b'0' + v % 10]);
                }
                230 => self.triplets(Triplet::C40)?,
                231 => self.base256(at)?,
                232 => self.fnc1(at),
                233 => self.structured_append(at)?,
                234 => {
                    if at != self.start {
                        return Err(self.err(at, DataFault::MisplacedFunction));
                    }
                    self.c.reader_programming = true;
                }
                235 => {
                    let v = self.next(at)?;
                    if !(1..=128).contains(&v) {
                        return Err(self.err(at + 1, DataFault::BadUpperShift));
                    }
                    self.c.bytes.push(v - 1 + 128);
                }
                236 | 237 => {
                    if at != self.start || self.c.macro_.is_some() {
                        return Err(self.err(at, DataFault::MisplacedFunction));
                    }
                    let m = if c == 236 { 5 } else { 6 };
                    self.c.macro_ = Some(m);
                    self.c
                        .bytes
                        .extend_from_slice(&[b'[', b')', b'>', RS, b'0', b'0' + m, GS]);
                }
                238 => self.triplets(Triplet::X12)?,
                239 => self.triplets(Triplet::Text)?,
                240 => self.edifact(),
                241 => self.eci(at)?,
                _ => return Err(self.err(at, DataFault::InvalidAscii)),
            }
        }
        Ok(())
    }

    fn fnc1(&mut self, at: usize) {
        let s = self.start;
        if at == s && !self.c.gs1 && !self.c.aim {
            self.c.gs1 = true;
        } else if at == s + 1
            && !self.c.gs1
            && matches!(self.cw.get(s), Some(66..=91 | 98..=123 | 130..=229))
        {
            // one letter (A-Z, a-z) or one digit pair before it
            self.c.aim = true;
        } else {
            self.c.bytes.push(GS);
        }
    }

    fn structured_append(&mut self, at: usize) -> Result<(), DataError> {
        if at != 0 {
            return Err(self.err(at, DataFault::MisplacedFunction));
        }
        let seq = self.next(at)?;
        let f1 = self.next(at)?;
        let f2 = self.next(at)?;
        let position = (seq >> 4) + 1;
        let total = 17 - (seq & 0x0F);
        if !(2..=16).contains(&total) || position > total {
            return Err(self.err(at + 1, DataFault::BadStructuredAppend));
        }
        for (k, v) in [f1, f2].into_iter().enumerate() {
            if !(1..=254).contains(&v) {
                return Err(self.err(at + 2 + k, DataFault::BadStructuredAppend));
            }
        }
        self.c.structured_append = Some(StructuredAppend {
            position,
            total,
            file_id: [f1, f2],
        });
        self.start = 4;
        Ok(())
    }

    fn eci(&mut self, at: usize) -> Result<(), DataError> {
        let c1 = self.next(at)?;
        let bad = |s: &Self, k: usize| s.err(at + k, DataFault::BadEci);
        let value = match c1 {
            1..=127 => u32::from(c1) - 1,
            128..=191 => {
                let c2 = self.next(at)?;
                if !(1..=254).contains(&c2) {
                    return Err(bad(self, 2));
                }
                (u32::from(c1) - 128) * 254 + u32::from(c2) - 1 + 127
            }
            192..=254 => {
                let c2 = self.next(at)?;
                let c3 = self.next(at)?;
                if !(1..=254).contains(&c2) {
                    return Err(bad(self, 2));
                }
                if !(1..=254).contains(&c3) {
                    return Err(bad(self, 3));
                }
                (u32::from(c1) - 192) * 64516 + (u32::from(c2) - 1) * 254 + u32::from(c3) - 1
                    + 16383
            }
            _ => return Err(bad(self, 1)),
        };
        if value > MAX_ECI {
            return Err(bad(self, 1));
        }
        self.c.eci.push((self.c.bytes.len(), value));
        Ok(())
    }

    /// C40, Text or X12 from the codeword after the latch. Returns at an unlatch (254),
    /// at the end of the data, or with one codeword left (which ISO/IEC 16022 encodes
    /// in ASCII without unlatch).
    fn triplets(&mut self, set: Triplet) -> Result<(), DataError> {
        // shift: 0 basic, 1..=3 shift sets (C40/Text); upper: Upper Shift pending
        let mut shift = 0u8;
        let mut upper = false;
        loop {
            let rem = self.cw.len() - self.i;
            let Some(&c1) = self.cw.get(self.i) else {
                return Ok(());
            };
            if c1 == 254 {
                self.i += 1;
                return Ok(());
            }
            if rem < 2 {
                return Ok(());
            }
            let c2 = self.cw.get(self.i + 1).copied().unwrap_or(0);
            let v = u32::from(c1) * 256 + u32::from(c2);
            if v == 0 || v > 64000 {
                return Err(self.err(self.i, DataFault::BadTriplet));
            }
            let v = v - 1;
            let at = self.i;
            for u in [v / 1600, (v / 40) % 40, v % 40] {
                let u = u as u8;
                if set == Triplet::X12 {
                    self.c.bytes.push(match u {
                        0 => b'\r',
                        1 => b'*',
                        2 => b'>',
                        3 => b' ',
                        4..=13 => b'0' + u - 4,
                        _ => b'A' + u - 14,
                    });
                } else {
                    self.c40_value(set, u, &mut shift, &mut upper, at)?;
                }
            }
            self.i += 2;
        }
    }

    fn c40_value(
        &mut self,
        set: Triplet,
        u: u8,
        shift: &mut u8,
        upper: &mut bool,
        at: usize,
    ) -> Result<(), DataError> {
        let bad = |s: &Self| s.err(at, DataFault::BadShiftValue);
        let ch = match *shift {
            0 => match u {
                0..=2 => {
                    *shift = u + 1;
                    return Ok(());
                }
                3 => b' ',
                4..=13 => b'0' + u - 4,
                _ if set == Triplet::Text => b'a' + u - 14,
                _ => b'A' + u - 14,
            },
            1 => {
                *shift = 0;
                if u > 31 {
                    return Err(bad(self));
                }
                u
            }
            2 => {
                *shift = 0;
                match u {
                    0..=14 => 33 + u,
                    15..=21 => 58 + u - 15,
                    22..=26 => 91 + u - 22,
                    27 => {
                        self.c.bytes.push(GS); // FNC1 as a field separator
                        return Ok(());
                    }
                    30 => {
                        *upper = true;
                        return Ok(());
                    }
                    _ => return Err(bad(self)),
                }
            }
            _ => {
                *shift = 0;
                match (set, u) {
                    (Triplet::Text, 0) => 96,
                    (Triplet::Text, 1..=26) => b'A' + u - 1,
                    (Triplet::Text, 27..=31) => 123 + u - 27,
                    (_, 0..=31) => 96 + u,
                    _ => return Err(bad(self)),
                }
            }
        };
        let ch = if *upper { ch | 0x80 } else { ch };
        *upper = false;
        self.c.bytes.push(ch);
        Ok(())
    }

    /// EDIFACT from the codeword after the latch: four 6-bit values per three codewords.
    /// Unlatch (31) returns to ASCII at the next codeword boundary; with one or two
    /// codewords left at a group boundary the symbol ends in ASCII without unlatch.
    fn edifact(&mut self) {
        loop {
            let Some(&[a, b, c, ..]) = self.cw.get(self.i..) else {
                // one or two codewords left (or none): the symbol ends in ASCII
                return;
            };
            let bits = (u32::from(a) << 16) | (u32::from(b) << 8) | u32::from(c);
            for k in 0..4u32 {
                let v = ((bits >> (18 - 6 * k)) & 0x3F) as u8;
                if v == 31 {
                    self.i += (6 * (k as usize + 1)).div_ceil(8);
                    return;
                }
                self.c.bytes.push(if v < 32 { v | 0x40 } else { v });
            }
            self.i += 3;
        }
    }

    /// Base 256 from the length codeword(s) after the latch; returns to ASCII after the
    /// field.
    fn base256(&mut self, at: usize) -> Result<(), DataError> {
        let l_at = self.i;
        let d1 = unrandomize_255(self.next(at)?, l_at + 1);
        let len = match d1 {
            0 => self.cw.len() - self.i,
            1..=249 => usize::from(d1),
            _ => {
                let p = self.i;
                let d2 = unrandomize_255(self.next(at)?, p + 1);
                250 * (usize::from(d1) - 249) + usize::from(d2)
            }
        };
        let available = self.cw.len() - self.i;
        if len > available {
            return Err(self.err(l_at, DataFault::Base256BeyondEnd { len, available }));
        }
        for p in self.i..self.i + len {
            let v = self.cw.get(p).copied().unwrap_or(0);
            self.c.bytes.push(unrandomize_255(v, p + 1));
        }
        self.i += len;
        Ok(())
    }
}

/// Undoes the 255-state randomising of Base 256 (ISO/IEC 16022 Annex B) for the
/// codeword at 1-based data position `pos`.
pub fn unrandomize_255(v: u8, pos: usize) -> u8 {
    let r = ((149 * pos) % 255 + 1) as u8;
    v.wrapping_sub(r)
}

/// The 255-state randomising of Base 256 (the encoder's side, for tests and tools).
pub fn randomize_255(v: u8, pos: usize) -> u8 {
    let r = ((149 * pos) % 255 + 1) as u8;
    v.wrapping_add(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn randomising_round_trips() {
        for pos in 1..600 {
            for v in [0u8, 1, 100, 255] {
                assert_eq!(unrandomize_255(randomize_255(v, pos), pos), v);
            }
        }
    }

    #[test]
    fn ascii_basics() {
        let c = decode_data(&[66, 67, 142, 129, 175]).unwrap();
        assert_eq!(c.bytes, b"AB12");
        assert_eq!(c.padding, 2);
        assert!(decode_data(&[0]).is_err());
    }
}
