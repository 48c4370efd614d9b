//! GS1 element strings: parse, validate, build.
//!
//! Pharma users think in GS1 Application Identifiers: (01) GTIN, (17) expiry,
//! (10) lot, (21) serial, national numbers (710)-(717), SSCC (00). This module
//! reads every syntax those arrive in, checks them as strictly as GS1's
//! reference engine (every linter, `req`/`ex` rule and length of the GS1 Barcode
//! Syntax Dictionary, see [`ai::DICTIONARY_RELEASE`]) and writes them back out.
//!
//! ```
//! use ecc200::gs1::{self, ValidateOptions};
//! let es = gs1::parse("(01)09506000134352(17)261231(10)ABC123(21)SN0000000001").unwrap();
//! gs1::validate(&es, &ValidateOptions::default()).unwrap();
//! assert_eq!(es.to_raw(), b"01095060001343521726123110ABC123\x1d21SN0000000001");
//! ```
//!
//! # Input syntaxes
//! - bracketed `(01)09506000134352(10)AB\(1\)` (`\(` is a literal `(` in a value;
//!   no other escape exists) or `[01]...` (no escapes: `[` is not in CSET 82);
//! - raw bytes with GS (0x1D) as FNC1 separator; one leading GS (a decoder's
//!   rendering of the leading FNC1) is accepted and ignored. The `^` convention
//!   is not accepted: `^` is plain data to this parser;
//! - scanner data with a GS1 AIM symbology identifier: `]d2` (Data Matrix),
//!   `]C1` (GS1-128), `]e0` (GS1 DataBar), `]Q3` (QR Code), `]J1` (DotCode);
//!   other identifiers (`]d1`, `]Q1`...) are refused as not GS1;
//! - GS1 Digital Link URIs (see [`ElementString::parse_digital_link`]).
//!
//! # Positions
//! Every [`Gs1Error`] and [`Gs1Warning`] carries `position` (0-based byte
//! offset in the parsed input) and `length`; messages show them 1-based
//! ("position 27-28"). For an element string built with
//! [`ElementString::push`], positions refer to [`ElementString::to_bracketed`].
//!
//! # Limits
//! Inputs longer than [`MAX_INPUT_LEN`] bytes are refused before parsing. A
//! valid element string's raw form (AIs, values, needed separators) may hold at
//! most [`MAX_DATA_LEN`] characters: the numeric capacity of the largest ECC 200
//! symbol (144x144); whether a given string fits a given symbol is the encoder's
//! decision.

#![deny(clippy::indexing_slicing)]

pub mod ai;
#[rustfmt::skip]
mod ai_table;
mod codes;
mod dl;
pub mod lint;
mod serial;

pub use ai::{lookup, AiInfo, Component, Cset, Linter, DICTIONARY_RELEASE};
pub use serial::{SerialError, SerialGenerator};

use std::fmt;

/// Longest input any parser accepts, in bytes.
pub const MAX_INPUT_LEN: usize = 16 * 1024;
/// Longest raw element string (AIs + values + needed GS separators) that validates.
pub const MAX_DATA_LEN: usize = 3116;
/// GS (group separator, 0x1D): the FNC1 separator in raw data.
pub const GS: u8 = 0x1D;

/// What kind of rule an error broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input's syntax (brackets, AI digits, separators, escapes).
    Syntax,
    /// An AI that the dictionary does not define.
    UnknownAi,
    /// A value or component is too short or too long.
    Length,
    /// A character outside the component's character set.
    Charset,
    /// A linter (check digit, date, code list...) failed.
    Lint,
    /// A mandatory association (`req=`) is missing.
    Requires,
    /// An invalid pairing (`ex=`) is present.
    Excludes,
    /// The same AI appears twice with different values.
    Duplicate,
    /// A documented size limit was exceeded.
    Limit,
    /// Scanner data with a symbology identifier that is not GS1.
    Symbology,
    /// A GS1 Digital Link URI rule (path order, key, attribute).
    DigitalLink,
}

/// One problem found in GS1 data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Gs1Error {
    /// The AI concerned (digits), if the problem belongs to one.
    pub ai: Option<String>,
    /// 0-based byte offset of the offending part in the input.
    pub position: usize,
    /// Length in bytes of the offending part (0 for "missing").
    pub length: usize,
    /// Kind of rule.
    pub kind: ErrorKind,
    /// Rule name: a dictionary linter (`"yymmd0"`, `"csum"`...), a character set
    /// (`"cset82"`, `"csetnumeric"`...) or one of `"syntax"`, `"unknown-ai"`,
    /// `"length"`, `"req"`, `"ex"`, `"duplicate"`, `"limit"`, `"symbology"`,
    /// `"dl"`.
    pub rule: &'static str,
    /// What is wrong, for a line operator (lowercase, no trailing period).
    pub message: String,
}

impl Gs1Error {
    fn new(
        ai: Option<&str>,
        position: usize,
        length: usize,
        kind: ErrorKind,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Gs1Error {
            ai: ai.map(str::to_string),
            position,
            length,
            kind,
            rule,
            message: message.into(),
        }
    }
}

fn fmt_pos(f: &mut fmt::Formatter<'_>, position: usize, length: usize) -> fmt::Result {
    if length > 1 {
        write!(f, " (position {}-{})", position + 1, position + length)
    } else {
        write!(f, " (position {})", position + 1)
    }
}

impl fmt::Display for Gs1Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(ai) = &self.ai {
            write!(f, "AI ({ai}): ")?;
        }
        f.write_str(&self.message)?;
        fmt_pos(f, self.position, self.length)
    }
}

impl std::error::Error for Gs1Error {}

/// All errors found by [`validate`], sorted by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gs1Errors(pub Vec<Gs1Error>);

impl fmt::Display for Gs1Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Gs1Errors {}

/// A finding that does not make the data invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Gs1Warning {
    /// The AI concerned, if any.
    pub ai: Option<String>,
    /// 0-based byte offset in the input.
    pub position: usize,
    /// Length in bytes.
    pub length: usize,
    /// Rule name: `"embedded-ai"` (a value that itself reads as further AIs:
    /// probably a forgotten FNC1), `"trailing-separator"`, `"duplicate"` (same
    /// AI twice with the same value), `"dl-ignored-param"`.
    pub rule: &'static str,
    /// Explanation (lowercase, no trailing period).
    pub message: String,
}

impl fmt::Display for Gs1Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(ai) = &self.ai {
            write!(f, "AI ({ai}): ")?;
        }
        f.write_str(&self.message)?;
        fmt_pos(f, self.position, self.length)
    }
}

/// Options of [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// Accept AIs the dictionary does not define (their values are only checked
    /// against CSET 82 and 90 characters). Default: `false`.
    pub permit_unknown_ais: bool,
    /// Check `req=` and `ex=` associations. GS1 evaluates them over all carriers
    /// on an item; turn off when a symbol carries only part of the data.
    /// Default: `true`.
    pub check_associations: bool,
    /// Warn about variable-length values that themselves read as further AIs
    /// with check digits or dates (a forgotten FNC1). Default: `true`.
    pub warn_embedded_ais: bool,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            permit_unknown_ais: false,
            check_associations: true,
            warn_embedded_ais: true,
        }
    }
}

impl ValidateOptions {
    /// Sets [`ValidateOptions::permit_unknown_ais`].
    pub fn permit_unknown_ais(mut self, v: bool) -> Self {
        self.permit_unknown_ais = v;
        self
    }
    /// Sets [`ValidateOptions::check_associations`].
    pub fn check_associations(mut self, v: bool) -> Self {
        self.check_associations = v;
        self
    }
    /// Sets [`ValidateOptions::warn_embedded_ais`].
    pub fn warn_embedded_ais(mut self, v: bool) -> Self {
        self.warn_embedded_ais = v;
        self
    }
}

/// Result of a successful [`validate`]: the warnings (parse warnings included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Warnings, sorted by position.
    pub warnings: Vec<Gs1Warning>,
}

/// An AI's digits (2 to 4), stored inline.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct AiCode {
    b: [u8; 4],
    len: u8,
}

impl AiCode {
    fn new(d: &[u8]) -> Option<Self> {
        if !(2..=4).contains(&d.len()) || !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut b = [0u8; 4];
        for (dst, &src) in b.iter_mut().zip(d) {
            *dst = src;
        }
        Some(AiCode {
            b,
            len: d.len() as u8,
        })
    }
    fn bytes(&self) -> &[u8] {
        // len is 2 to 4 (see `new`): `get` always succeeds
        self.b.get(..self.len as usize).unwrap_or(&self.b)
    }
    fn as_str(&self) -> &str {
        // digits only, always UTF-8
        std::str::from_utf8(self.bytes()).unwrap_or("")
    }
}

impl fmt::Debug for AiCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldRec {
    ai: AiCode,
    info: Option<&'static AiInfo>,
    start: u32,
    end: u32,
    ai_pos: u32,
    value_pos: u32,
}

impl FieldRec {
    fn ai_str(&self) -> &str {
        match self.info {
            Some(i) => i.ai,
            None => self.ai.as_str(),
        }
    }
}

/// A value character that came from more than one input byte (an escape or a
/// percent-encoding): the input shifts by `extra` bytes after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    field: u32,
    at: u32,
    extra: u32,
}

/// An ordered list of AI/value pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ElementString {
    buf: String,
    fields: Vec<FieldRec>,
    shifts: Vec<Shift>,
    warnings: Vec<Gs1Warning>,
}

/// One AI/value pair of an [`ElementString`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    /// AI digits.
    pub ai: &'a str,
    /// Value.
    pub value: &'a str,
    /// Dictionary entry, `None` for an unknown AI.
    pub info: Option<&'static AiInfo>,
}

/// Style of the pharma human-readable text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PharmaStyle {
    /// EU Falsified Medicines Directive: `PC:`, `SN:`, `Batch:`, `Exp:`, `NN:`.
    EuFmd,
    /// US DSCSA: `GTIN:`, `SN:`, `LOT:`, `EXP:` (expiry as `YYYY-MM-DD`).
    Dscsa,
}

fn err_input_too_long(len: usize) -> Gs1Error {
    Gs1Error::new(
        None,
        MAX_INPUT_LEN,
        len - MAX_INPUT_LEN,
        ErrorKind::Limit,
        "limit",
        format!("input is {len} bytes long, the limit is {MAX_INPUT_LEN}"),
    )
}

fn show_byte(c: u8) -> String {
    if c.is_ascii_graphic() {
        format!("'{}'", c as char)
    } else {
        format!("byte 0x{c:02X}")
    }
}

impl ElementString {
    /// An empty element string.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of AI/value pairs.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The pairs in order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = Field<'_>> + '_ {
        self.fields.iter().map(move |f| self.field(f))
    }

    fn field<'a>(&'a self, f: &'a FieldRec) -> Field<'a> {
        Field {
            ai: f.ai_str(),
            value: self.buf.get(f.start as usize..f.end as usize).unwrap_or(""),
            info: f.info,
        }
    }

    /// The value of the first occurrence of `ai`.
    pub fn get(&self, ai: &str) -> Option<&str> {
        self.fields().find(|f| f.ai == ai).map(|f| f.value)
    }

    /// Warnings found while parsing (also returned by [`validate`]).
    pub fn parse_warnings(&self) -> &[Gs1Warning] {
        &self.warnings
    }

    /// Appends a pair. The AI must be 2-4 digits and the value non-empty and
    /// at most 90 bytes; its content is checked by [`validate`].
    pub fn push(&mut self, ai: &str, value: &str) -> Result<&mut Self, Gs1Error> {
        let pos = self.to_bracketed().len();
        let code = AiCode::new(ai.as_bytes()).ok_or_else(|| {
            Gs1Error::new(
                None,
                pos,
                ai.len(),
                ErrorKind::Syntax,
                "syntax",
                format!("'{ai}' is not an AI (2-4 digits)"),
            )
        })?;
        if value.is_empty() || value.len() > 90 {
            return Err(Gs1Error::new(
                Some(ai),
                pos,
                ai.len() + 2,
                ErrorKind::Length,
                "length",
                format!("value must be 1 to 90 characters, not {}", value.len()),
            ));
        }
        let vpos = pos + ai.len() + 2;
        let fi = self.fields.len() as u32;
        let start = self.buf.len() as u32;
        for (i, c) in value.bytes().enumerate() {
            if c == b'(' {
                self.shifts.push(Shift {
                    field: fi,
                    at: i as u32,
                    extra: 1,
                });
            }
        }
        self.buf.push_str(value);
        self.fields.push(FieldRec {
            ai: code,
            info: ai::lookup_bytes(ai.as_bytes()),
            start,
            end: self.buf.len() as u32,
            ai_pos: pos as u32,
            value_pos: vpos as u32,
        });
        Ok(self)
    }

    fn push_parsed(&mut self, ai: AiCode, ai_pos: usize, value_pos: usize, start: usize) {
        self.fields.push(FieldRec {
            ai,
            info: ai::lookup_bytes(ai.bytes()),
            start: start as u32,
            end: self.buf.len() as u32,
            ai_pos: ai_pos as u32,
            value_pos: value_pos as u32,
        });
    }

    /// Parses `input`, detecting the syntax (see [`parse`]).
    pub fn parse(input: &str) -> Result<Self, Gs1Error> {
        parse(input)
    }

    /// Validates this element string (see [`validate`]).
    pub fn validate(&self, opts: &ValidateOptions) -> Result<Report, Gs1Errors> {
        validate(self, opts)
    }

    /// Parses bracketed syntax: `(01)09506000134352(10)ABC` (with `\(` for a
    /// literal `(` in a value) or `[01]09506000134352[10]ABC`.
    pub fn parse_bracketed(input: &str) -> Result<Self, Gs1Error> {
        let b = input.as_bytes();
        if b.len() > MAX_INPUT_LEN {
            return Err(err_input_too_long(b.len()));
        }
        let (open, close) = match b.first() {
            Some(b'(') => (b'(', b')'),
            Some(b'[') => (b'[', b']'),
            _ => {
                return Err(Gs1Error::new(
                    None,
                    0,
                    b.len().min(1),
                    ErrorKind::Syntax,
                    "syntax",
                    "bracketed data must start with '(' or '['",
                ))
            }
        };
        let mut es = ElementString {
            buf: String::with_capacity(b.len()),
            fields: Vec::with_capacity(b.iter().filter(|&&c| c == open).count()),
            ..Default::default()
        };
        let mut p = 0;
        while p < b.len() {
            // b[p] == open here
            let ai_pos = p;
            let ai_start = p + 1;
            let after_open = b.get(ai_start..).unwrap_or_default();
            let digits = after_open
                .iter()
                .take(5)
                .take_while(|c| c.is_ascii_digit())
                .count();
            let q = ai_start + digits;
            if after_open.get(digits) != Some(&close) || !(2..=4).contains(&digits) {
                let len = after_open
                    .iter()
                    .position(|&c| c == close)
                    .unwrap_or(after_open.len());
                return Err(Gs1Error::new(
                    None,
                    ai_start,
                    len,
                    ErrorKind::Syntax,
                    "syntax",
                    format!(
                        "'{}' is not an AI: expected 2 to 4 digits then '{}'",
                        String::from_utf8_lossy(after_open.get(..len).unwrap_or(after_open)),
                        close as char
                    ),
                ));
            }
            let code =
                AiCode::new(after_open.get(..digits).unwrap_or_default()).ok_or_else(|| {
                    Gs1Error::new(
                        None,
                        ai_start,
                        q - ai_start,
                        ErrorKind::Syntax,
                        "syntax",
                        "AI must be 2 to 4 digits",
                    )
                })?;
            let vpos = q + 1;
            let start = es.buf.len();
            let fi = es.fields.len() as u32;
            let mut r = vpos;
            let mut seg = vpos;
            // seg and r sit on ASCII bytes (or the end): char boundaries
            while let Some(&c) = b.get(r) {
                if c == open {
                    break;
                }
                if open == b'(' && c == b'\\' && b.get(r + 1) == Some(&b'(') {
                    es.buf.push_str(input.get(seg..r).unwrap_or_default());
                    let at = (es.buf.len() - start) as u32;
                    es.shifts.push(Shift {
                        field: fi,
                        at,
                        extra: 1,
                    });
                    es.buf.push('(');
                    r += 2;
                    seg = r;
                    continue;
                }
                r += 1;
            }
            es.buf.push_str(input.get(seg..r).unwrap_or_default());
            if es.buf.len() == start {
                return Err(Gs1Error::new(
                    Some(code.as_str()),
                    ai_pos,
                    vpos - ai_pos,
                    ErrorKind::Length,
                    "length",
                    "has no data",
                ));
            }
            es.push_parsed(code, ai_pos, vpos, start);
            p = r;
        }
        Ok(es)
    }

    /// Parses raw data: AIs and values with GS (0x1D) after each variable-length
    /// value that is not last. One leading GS (FNC1 marker) is accepted.
    pub fn parse_raw(data: &[u8]) -> Result<Self, Gs1Error> {
        Self::parse_raw_at(data, 0)
    }

    fn parse_raw_at(data: &[u8], base: usize) -> Result<Self, Gs1Error> {
        if data.len() > MAX_INPUT_LEN {
            return Err(err_input_too_long(data.len()));
        }
        let mut es = ElementString {
            buf: String::with_capacity(data.len()),
            fields: Vec::with_capacity(8),
            ..Default::default()
        };
        let mut p = usize::from(data.first() == Some(&GS));
        if p == data.len() {
            return Err(Gs1Error::new(
                None,
                base,
                data.len(),
                ErrorKind::Syntax,
                "syntax",
                "no data",
            ));
        }
        while p < data.len() {
            let rest = data.get(p..).unwrap_or_default();
            if rest.first() == Some(&GS) {
                return Err(Gs1Error::new(
                    None,
                    base + p,
                    1,
                    ErrorKind::Syntax,
                    "syntax",
                    "unexpected separator where an AI should start",
                ));
            }
            let (code, info) = match ai::lookup_prefix(rest) {
                Some(info) => (AiCode::new(info.ai.as_bytes()), Some(info)),
                None => {
                    let digits = rest
                        .iter()
                        .take(4)
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    match ai::ai_len_for_prefix(rest).filter(|&l| digits >= l) {
                        Some(l) => (rest.get(..l).and_then(AiCode::new), None),
                        None => {
                            let n = rest.len().min(4);
                            return Err(Gs1Error::new(
                                None,
                                base + p,
                                n,
                                ErrorKind::UnknownAi,
                                "unknown-ai",
                                format!(
                                    "no GS1 AI starts with '{}'",
                                    String::from_utf8_lossy(rest.get(..n).unwrap_or(rest))
                                        .replace(GS as char, "<GS>")
                                ),
                            ));
                        }
                    }
                }
            };
            let code = code.ok_or_else(|| {
                Gs1Error::new(
                    None,
                    base + p,
                    2,
                    ErrorKind::Syntax,
                    "syntax",
                    "AI must be 2 to 4 digits",
                )
            })?;
            let ai_len = code.len as usize;
            let vpos = p + ai_len;
            // the AI's digits are all in `rest` (found by prefix or counted above)
            let after_ai = rest.get(ai_len..).unwrap_or_default();
            let fixed = info.filter(|i| !i.fnc1_required).map(|i| i.max_len());
            let vlen = match fixed {
                Some(n) => {
                    let avail = after_ai.iter().take(n).take_while(|&&c| c != GS).count();
                    if avail < n {
                        return Err(Gs1Error::new(
                            Some(code.as_str()),
                            base + vpos,
                            avail,
                            ErrorKind::Length,
                            "length",
                            format!("value is {avail} characters, it must be {n}"),
                        ));
                    }
                    n
                }
                None => after_ai
                    .iter()
                    .position(|&c| c == GS)
                    .unwrap_or(after_ai.len()),
            };
            if vlen == 0 {
                return Err(Gs1Error::new(
                    Some(code.as_str()),
                    base + p,
                    ai_len,
                    ErrorKind::Length,
                    "length",
                    "has no data",
                ));
            }
            // vlen <= after_ai.len(): counted in it above
            let v = after_ai.get(..vlen).unwrap_or(after_ai);
            if let Some((i, &c)) = v.iter().enumerate().find(|(_, c)| !c.is_ascii()) {
                return Err(Gs1Error::new(
                    Some(code.as_str()),
                    base + vpos + i,
                    1,
                    ErrorKind::Charset,
                    "cset82",
                    format!("{} is not allowed (GS1 character set 82)", show_byte(c)),
                ));
            }
            let start = es.buf.len();
            // ASCII checked above
            es.buf.push_str(std::str::from_utf8(v).unwrap_or(""));
            es.push_parsed(code, base + p, base + vpos, start);
            p = vpos + v.len();
            if data.get(p) == Some(&GS) {
                p += 1;
                if p == data.len() {
                    es.warnings.push(Gs1Warning {
                        ai: None,
                        position: base + p - 1,
                        length: 1,
                        rule: "trailing-separator",
                        message: "separator at the end of the data is not needed".into(),
                    });
                }
            }
        }
        Ok(es)
    }

    /// Parses scanner output with a GS1 AIM symbology identifier (`]d2`, `]C1`,
    /// `]e0`, `]Q3`, `]J1`) followed by raw data.
    pub fn parse_scan_data(data: &[u8]) -> Result<Self, Gs1Error> {
        let [b']', i1, i2, raw @ ..] = data else {
            return Err(Gs1Error::new(
                None,
                0,
                data.len().min(3),
                ErrorKind::Symbology,
                "symbology",
                "scanner data must start with a symbology identifier such as ]d2",
            ));
        };
        let id = &[*i1, *i2];
        match id {
            b"d2" | b"C1" | b"e0" | b"Q3" | b"J1" => Self::parse_raw_at(raw, 3),
            _ => Err(Gs1Error::new(
                None,
                0,
                3,
                ErrorKind::Symbology,
                "symbology",
                format!(
                    "symbology identifier ]{} is not GS1 data (expected ]d2, ]C1, ]e0, ]Q3 or ]J1)",
                    String::from_utf8_lossy(id)
                ),
            )),
        }
    }

    /// Parses a GS1 Digital Link URI (see the module `dl` rules in
    /// [`ElementString::to_digital_link`]): `https://<any stem>/01/<gtin>[/22/..][/10/..][/21/..]?17=261231`.
    ///
    /// The primary key and its qualifiers come from the path in the order the
    /// dictionary's `dlpkey` allows; data attributes come from the query and
    /// must be AIs flagged as DL attributes. Values are percent-decoded. Keys
    /// must have their full length (a zero-suppressed GTIN-13 is refused).
    /// Query parameters that are not numeric AIs (`linkType`, `utm_*`...) are
    /// ignored, as the DL standard requires, and reported as warnings.
    pub fn parse_digital_link(uri: &str) -> Result<Self, Gs1Error> {
        dl::parse(uri)
    }

    /// Alias of [`ElementString::parse_digital_link`].
    pub fn from_digital_link(uri: &str) -> Result<Self, Gs1Error> {
        dl::parse(uri)
    }

    /// GS1 Digital Link URI with the given stem (e.g. `"https://id.gs1.org"`):
    /// the first primary key, the qualifiers of the best-matching `dlpkey`
    /// sequence in order in the path, every other AI as a query attribute.
    /// Fails if there is no primary key or an AI cannot be a DL attribute.
    pub fn to_digital_link(&self, stem: &str) -> Result<String, Gs1Error> {
        dl::build(self, stem)
    }

    fn needs_gs(f: &FieldRec) -> bool {
        f.info.map(|i| i.fnc1_required).unwrap_or(true)
    }

    /// Raw data: AIs and values, GS (0x1D) only after a variable-length value
    /// that is not last. No leading FNC1: the encoder adds it.
    pub fn to_raw(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.buf.len() + 5 * self.fields.len());
        self.write_raw(&mut out);
        out
    }

    fn write_raw(&self, out: &mut Vec<u8>) {
        let n = self.fields.len();
        for (i, f) in self.fields.iter().enumerate() {
            out.extend_from_slice(f.ai.bytes());
            out.extend_from_slice(self.field(f).value.as_bytes());
            if i + 1 < n && Self::needs_gs(f) {
                out.push(GS);
            }
        }
    }

    fn raw_len(&self) -> usize {
        let n = self.fields.len();
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.ai.len as usize
                    + (f.end - f.start) as usize
                    + usize::from(i + 1 < n && Self::needs_gs(f))
            })
            .sum()
    }

    /// Bracketed syntax, `(` in values escaped as `\(`.
    ///
    /// The syntax has no escape for a backslash: a value ending in `\` (outside CSET 82
    /// and 39, so never valid) followed by another field does not parse back the same.
    pub fn to_bracketed(&self) -> String {
        let mut s = String::with_capacity(self.buf.len() + 6 * self.fields.len());
        for f in self.fields() {
            s.push('(');
            s.push_str(f.ai);
            s.push(')');
            for c in f.value.chars() {
                if c == '(' {
                    s.push('\\');
                }
                s.push(c);
            }
        }
        s
    }

    /// Scanner data as a Data Matrix reader transmits it: `]d2` + raw data.
    pub fn to_scan_data(&self) -> Vec<u8> {
        let mut out = b"]d2".to_vec();
        self.write_raw(&mut out);
        out
    }

    /// Human-readable interpretation, one line per AI: `(01) 09506000134352`.
    pub fn hri(&self) -> Vec<String> {
        self.fields()
            .map(|f| format!("({}) {}", f.ai, f.value))
            .collect()
    }

    /// The pharma text block printed beside the symbol.
    ///
    /// EU FMD: `PC: <GTIN>`, `SN: <serial>`, `Batch: <lot>`, `Exp: <YYMMDD as
    /// encoded>`, `NN: <national number>` for (710)-(717). DSCSA: `GTIN: ..`,
    /// `SN: ..`, `LOT: ..`, `EXP: YYYY-MM-DD` (`YYYY-MM` when the day is `00`).
    /// Lines follow the order PC/GTIN, SN, Batch/LOT, Exp, NN; absent AIs are skipped.
    pub fn pharma_hri(&self, style: PharmaStyle) -> Vec<String> {
        let mut out = Vec::new();
        let (pc, sn, lot, exp) = match style {
            PharmaStyle::EuFmd => ("PC", "SN", "Batch", "Exp"),
            PharmaStyle::Dscsa => ("GTIN", "SN", "LOT", "EXP"),
        };
        if let Some(v) = self.get("01") {
            out.push(format!("{pc}: {v}"));
        }
        if let Some(v) = self.get("21") {
            out.push(format!("{sn}: {v}"));
        }
        if let Some(v) = self.get("10") {
            out.push(format!("{lot}: {v}"));
        }
        if let Some(v) = self.get("17") {
            let shown = match style {
                PharmaStyle::Dscsa if v.len() == 6 && v.is_ascii() => {
                    match (v.get(..2), v.get(2..4), v.get(4..)) {
                        (Some(yy), Some(mm), Some("00")) => format!("20{yy}-{mm}"),
                        (Some(yy), Some(mm), Some(dd)) => format!("20{yy}-{mm}-{dd}"),
                        _ => v.to_string(),
                    }
                }
                _ => v.to_string(),
            };
            out.push(format!("{exp}: {shown}"));
        }
        if style == PharmaStyle::EuFmd {
            for f in self.fields() {
                if matches!(
                    f.ai,
                    "710" | "711" | "712" | "713" | "714" | "715" | "716" | "717"
                ) {
                    out.push(format!("NN: {}", f.value));
                }
            }
        }
        out
    }

    /// Input position of value byte `off` of field `fi` (escapes and
    /// percent-encodings accounted for), and the input length of `len` value bytes.
    fn src_span(&self, fi: usize, off: usize, len: usize) -> (usize, usize) {
        let value_pos = self.fields.get(fi).map_or(0, |f| f.value_pos as usize);
        let mut before = 0usize;
        let mut within = 0usize;
        for s in self.shifts.iter().filter(|s| s.field as usize == fi) {
            let at = s.at as usize;
            if at < off {
                before += s.extra as usize;
            } else if at < off + len {
                within += s.extra as usize;
            }
        }
        (value_pos + off + before, len + within)
    }
}

impl std::str::FromStr for ElementString {
    type Err = Gs1Error;
    fn from_str(s: &str) -> Result<Self, Gs1Error> {
        parse(s)
    }
}

impl fmt::Display for ElementString {
    /// The bracketed form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_bracketed())
    }
}

/// Whether `b` starts with `prefix`, ASCII case ignored.
fn starts_with_ignore_case(b: &[u8], prefix: &[u8]) -> bool {
    b.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Parses GS1 data, detecting the syntax: bracketed (`(` or `[`), scanner data
/// (`]`), Digital Link (`http://`, `https://`), otherwise raw data (digits with
/// GS separators).
pub fn parse(input: &str) -> Result<ElementString, Gs1Error> {
    let b = input.as_bytes();
    match b.first() {
        Some(b'(') | Some(b'[') => ElementString::parse_bracketed(input),
        Some(b']') => ElementString::parse_scan_data(b),
        Some(_)
            if starts_with_ignore_case(b, b"http://")
                || starts_with_ignore_case(b, b"https://") =>
        {
            ElementString::parse_digital_link(input)
        }
        Some(_) => ElementString::parse_raw(b),
        None => Err(Gs1Error::new(
            None,
            0,
            0,
            ErrorKind::Syntax,
            "syntax",
            "no data",
        )),
    }
}

/// Checks one value against its AI's components and linters, pushing errors.
fn check_value(es: &ElementString, fi: usize, info: &'static AiInfo, errs: &mut Vec<Gs1Error>) {
    let Some(rec) = es.fields.get(fi) else {
        return;
    };
    let f = es.field(rec);
    let v = f.value.as_bytes();
    let mut p = 0usize;
    let mk = |errs: &mut Vec<Gs1Error>, off: usize, len: usize, kind, rule, msg: String| {
        let (pos, l) = es.src_span(fi, off, len);
        errs.push(Gs1Error::new(Some(f.ai), pos, l, kind, rule, msg));
    };
    let (min, max) = (info.min_len(), info.max_len());
    if v.len() > max {
        let msg = format!("value is {} characters, at most {max} allowed", v.len());
        mk(errs, max, v.len() - max, ErrorKind::Length, "length", msg);
        return;
    }
    if v.len() < min {
        let want = if min == max {
            format!("{max}")
        } else {
            format!("{min} to {max}")
        };
        let msg = format!("value is {} characters, it must be {want}", v.len());
        mk(errs, 0, v.len(), ErrorKind::Length, "length", msg);
        return;
    }
    for c in info.components {
        let rest = v.get(p..).unwrap_or_default();
        let remaining = rest.len();
        if remaining == 0 && c.optional {
            break;
        }
        let take = if c.min == c.max {
            c.max as usize
        } else {
            remaining.min(c.max as usize)
        };
        let part = rest
            .get(..take)
            .filter(|_| remaining >= c.min as usize && remaining != 0);
        let Some(d) = part else {
            let want = if info.min_len() == info.max_len() {
                format!("{}", info.max_len())
            } else {
                format!("{} to {}", info.min_len(), info.max_len())
            };
            mk(
                errs,
                0,
                v.len(),
                ErrorKind::Length,
                "length",
                format!("value is {} characters, it must be {want}", v.len()),
            );
            return;
        };
        if let Err((rule, lf)) = lint::check_cset(c.cset, d) {
            mk(
                errs,
                p + lf.offset,
                lf.len,
                ErrorKind::Charset,
                rule,
                lf.message,
            );
        } else {
            for &l in c.linters {
                if let Err(lf) = lint::run(l, d) {
                    mk(
                        errs,
                        p + lf.offset,
                        lf.len,
                        ErrorKind::Lint,
                        l.name(),
                        lf.message,
                    );
                    break;
                }
            }
        }
        p += take;
    }
    if p < v.len() {
        mk(
            errs,
            p,
            v.len() - p,
            ErrorKind::Length,
            "length",
            format!(
                "value is {} characters, at most {} allowed",
                v.len(),
                info.max_len()
            ),
        );
    }
}

/// Whether `v` (all of it) reads as one or more known AIs with valid values,
/// at least one of which carries a check digit or a date, or is predefined-length.
fn reads_as_ais(v: &[u8]) -> bool {
    let mut p = 0;
    let mut strong = false;
    while let Some(rest) = v.get(p..).filter(|r| !r.is_empty()) {
        let Some(info) = ai::lookup_prefix(rest) else {
            return false;
        };
        let vs = p + info.ai.len();
        let end = if info.fnc1_required {
            v.len()
        } else {
            vs + info.max_len()
        };
        if end == vs {
            return false;
        }
        let Some(d) = v.get(vs..end) else {
            return false;
        };
        if d.len() < info.min_len() || d.len() > info.max_len() {
            return false;
        }
        let mut q = 0;
        for c in info.components {
            let rest = d.get(q..).unwrap_or_default();
            let rem = rest.len();
            if rem == 0 && c.optional {
                break;
            }
            let take = if c.min == c.max {
                c.max as usize
            } else {
                rem.min(c.max as usize)
            };
            if take == 0 {
                return false;
            }
            let Some(part) = rest.get(..take) else {
                return false;
            };
            if lint::check_cset(c.cset, part).is_err() {
                return false;
            }
            for &l in c.linters {
                if lint::run(l, part).is_err() {
                    return false;
                }
                if matches!(
                    l,
                    Linter::Csum
                        | Linter::CsumAlpha
                        | Linter::YyMmD0
                        | Linter::YyMmDd
                        | Linter::YyyyMmDd
                ) {
                    strong = true;
                }
            }
            q += take;
        }
        if q != d.len() {
            return false;
        }
        strong |= !info.fnc1_required;
        p = end;
    }
    strong
}

fn group_present(es: &ElementString, group: &[&str]) -> bool {
    group.iter().all(|pat| {
        es.fields
            .iter()
            .any(|f| ai::matches_pattern_bytes(f.ai.bytes(), pat))
    })
}

/// Validates an element string: every component's length, character set and
/// linters, unknown AIs, repeated AIs, `req`/`ex` associations and the size
/// limit. Returns every error, sorted by position, or the warnings.
pub fn validate(es: &ElementString, opts: &ValidateOptions) -> Result<Report, Gs1Errors> {
    let (errs, warnings) = validate_all(es, opts);
    if errs.is_empty() {
        Ok(Report { warnings })
    } else {
        Err(Gs1Errors(errs))
    }
}

/// Every error and every warning (both sorted by position).
pub fn validate_all(
    es: &ElementString,
    opts: &ValidateOptions,
) -> (Vec<Gs1Error>, Vec<Gs1Warning>) {
    let mut errs = Vec::new();
    let mut warnings = es.warnings.clone();
    for (fi, f) in es.fields.iter().enumerate() {
        let ai_s = f.ai_str();
        match f.info {
            Some(info) => {
                check_value(es, fi, info, &mut errs);
                if opts.warn_embedded_ais && info.fnc1_required && !info.is_fixed_len() {
                    let v = es.field(f).value.as_bytes();
                    let embedded = (1..v.len())
                        .filter_map(|j| Some((j, v.get(j..)?)))
                        .find(|&(_, tail)| reads_as_ais(tail));
                    if let Some((j, tail)) = embedded {
                        let (pos, len) = es.src_span(fi, j, v.len() - j);
                        warnings.push(Gs1Warning {
                            ai: Some(ai_s.to_string()),
                            position: pos,
                            length: len,
                            rule: "embedded-ai",
                            message: format!(
                                "'{}' in the value reads as further AIs: a FNC1 separator may be missing",
                                String::from_utf8_lossy(tail)
                            ),
                        });
                    }
                }
            }
            None => {
                if !opts.permit_unknown_ais {
                    errs.push(Gs1Error::new(
                        Some(ai_s),
                        f.ai_pos as usize,
                        (f.value_pos - f.ai_pos) as usize,
                        ErrorKind::UnknownAi,
                        "unknown-ai",
                        "is not an AI of the GS1 Barcode Syntax Dictionary",
                    ));
                } else {
                    let v = es.field(f).value.as_bytes();
                    if let Err((rule, lf)) = lint::check_cset(Cset::X, v) {
                        let (pos, len) = es.src_span(fi, lf.offset, lf.len);
                        errs.push(Gs1Error::new(
                            Some(ai_s),
                            pos,
                            len,
                            ErrorKind::Charset,
                            rule,
                            lf.message,
                        ));
                    }
                    if v.len() > 90 {
                        let (pos, len) = es.src_span(fi, 0, v.len());
                        errs.push(Gs1Error::new(
                            Some(ai_s),
                            pos,
                            len,
                            ErrorKind::Length,
                            "length",
                            format!("value is {} characters, at most 90 allowed", v.len()),
                        ));
                    }
                }
            }
        }
        // repeated AIs
        for g in es.fields.iter().take(fi) {
            if g.ai == f.ai {
                let same = es.field(g).value == es.field(f).value;
                if same {
                    warnings.push(Gs1Warning {
                        ai: Some(ai_s.to_string()),
                        position: f.ai_pos as usize,
                        length: (f.end - f.start) as usize + (f.value_pos - f.ai_pos) as usize,
                        rule: "duplicate",
                        message: "appears twice with the same value".into(),
                    });
                } else {
                    errs.push(Gs1Error::new(
                        Some(ai_s),
                        f.ai_pos as usize,
                        (f.value_pos - f.ai_pos) as usize,
                        ErrorKind::Duplicate,
                        "duplicate",
                        format!(
                            "appears twice with different values ('{}' and '{}')",
                            es.field(g).value,
                            es.field(f).value
                        ),
                    ));
                }
                break;
            }
        }
    }
    if opts.check_associations {
        for f in es.fields.iter() {
            let Some(info) = f.info else { continue };
            let ai_s = f.ai_str();
            for req in info.req {
                if !req.iter().any(|g| group_present(es, g)) {
                    let alts: Vec<String> = req
                        .iter()
                        .map(|g| {
                            g.iter()
                                .map(|a| format!("({a})"))
                                .collect::<Vec<_>>()
                                .join(" with ")
                        })
                        .collect();
                    errs.push(Gs1Error::new(
                        Some(ai_s),
                        f.ai_pos as usize,
                        (f.value_pos - f.ai_pos) as usize,
                        ErrorKind::Requires,
                        "req",
                        format!("requires {}", alts.join(" or ")),
                    ));
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, f) in es.fields.iter().enumerate() {
            let Some(info) = f.info else { continue };
            for pat in info.ex {
                for (j, o) in es.fields.iter().enumerate() {
                    if o.ai == f.ai || !ai::matches_pattern_bytes(o.ai.bytes(), pat) {
                        continue;
                    }
                    let pair = (i.min(j), i.max(j));
                    if pairs.contains(&pair) {
                        continue;
                    }
                    pairs.push(pair);
                    // pair.1 is j or i: both index es.fields
                    let (Some(later), Some(other)) = (es.fields.get(pair.1), es.fields.get(pair.0))
                    else {
                        continue;
                    };
                    errs.push(Gs1Error::new(
                        Some(later.ai.as_str()),
                        later.ai_pos as usize,
                        (later.value_pos - later.ai_pos) as usize,
                        ErrorKind::Excludes,
                        "ex",
                        format!("must not be used together with ({})", other.ai.as_str()),
                    ));
                }
            }
        }
    }
    let raw = es.raw_len();
    if raw > MAX_DATA_LEN {
        errs.push(Gs1Error::new(
            None,
            0,
            raw,
            ErrorKind::Limit,
            "limit",
            format!("element string is {raw} characters, the limit is {MAX_DATA_LEN}"),
        ));
    }
    warnings.sort_by_key(|w| (w.position, w.length));
    errs.sort_by_key(|e| (e.position, e.length));
    (errs, warnings)
}

/// Parse + validate result of [`check`], ready for `--json` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// The parsed data, if parsing succeeded.
    pub element_string: Option<ElementString>,
    /// Errors (parse error or validation errors), sorted by position.
    pub errors: Vec<Gs1Error>,
    /// Warnings, sorted by position.
    pub warnings: Vec<Gs1Warning>,
    /// Digital Link stem used for the `dl` member of [`CheckResult::to_json`].
    pub dl_stem: String,
}

/// Parses (auto-detecting the syntax) and validates `input`.
pub fn check(input: &str, opts: &ValidateOptions) -> CheckResult {
    let mut r = CheckResult {
        element_string: None,
        errors: Vec::new(),
        warnings: Vec::new(),
        dl_stem: "https://id.gs1.org".to_string(),
    };
    match parse(input) {
        Err(e) => r.errors.push(e),
        Ok(es) => {
            let (e, w) = validate_all(&es, opts);
            r.errors = e;
            r.warnings = w;
            r.element_string = Some(es);
        }
    }
    r
}

use crate::json::push_str as json_str;

fn json_opt(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.push_str("null"),
    }
}

impl CheckResult {
    /// Whether the input parsed and validated without errors.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.element_string.is_some()
    }

    /// JSON: `{"valid":bool,"ais":[{"ai":"01","value":".."}],"hri":"..",
    /// "dl":".."|null,"errors":[{"ai":"17","position":..,"length":..,"rule":"..",
    /// "message":".."}],"warnings":[..]}`. `hri` lines are joined with `\n`;
    /// `dl` is null when the data has no Digital Link primary key or is invalid.
    pub fn to_json(&self) -> String {
        let mut o = String::with_capacity(256);
        o.push_str("{\"valid\":");
        o.push_str(if self.is_valid() { "true" } else { "false" });
        o.push_str(",\"ais\":[");
        if let Some(es) = &self.element_string {
            for (i, f) in es.fields().enumerate() {
                if i > 0 {
                    o.push(',');
                }
                o.push_str("{\"ai\":");
                json_str(&mut o, f.ai);
                o.push_str(",\"value\":");
                json_str(&mut o, f.value);
                o.push('}');
            }
        }
        o.push_str("],\"hri\":");
        let hri = self.element_string.as_ref().map(|es| es.hri().join("\n"));
        json_opt(&mut o, hri.as_deref());
        o.push_str(",\"dl\":");
        let dl = self
            .element_string
            .as_ref()
            .filter(|_| self.is_valid())
            .and_then(|es| es.to_digital_link(&self.dl_stem).ok());
        json_opt(&mut o, dl.as_deref());
        o.push_str(",\"errors\":[");
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str("{\"ai\":");
            json_opt(&mut o, e.ai.as_deref());
            o.push_str(&format!(
                ",\"position\":{},\"length\":{},\"rule\":",
                e.position, e.length
            ));
            json_str(&mut o, e.rule);
            o.push_str(",\"message\":");
            json_str(&mut o, &e.to_string());
            o.push('}');
        }
        o.push_str("],\"warnings\":[");
        for (i, w) in self.warnings.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str("{\"ai\":");
            json_opt(&mut o, w.ai.as_deref());
            o.push_str(&format!(
                ",\"position\":{},\"length\":{},\"rule\":",
                w.position, w.length
            ));
            json_str(&mut o, w.rule);
            o.push_str(",\"message\":");
            json_str(&mut o, &w.to_string());
            o.push('}');
        }
        o.push_str("]}");
        o
    }
}
