//! The GS1 Application Identifier table and its O(1) lookup.
//!
//! The table itself ([`AI_TABLE`]) is generated from the GS1 Barcode Syntax
//! Dictionary by `tools/gen_ai_table.py`; this module holds the types and the
//! lookup index, which is built at compile time (an array indexed by the AI's
//! length and numeric value: no hashing, no search).

pub use super::ai_table::{AI_TABLE, DICTIONARY_RELEASE};

/// Character set of one component of an AI's data field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cset {
    /// Digits `0`-`9`.
    N,
    /// GS1 AI encodable character set 82 (CSET 82).
    X,
    /// GS1 AI encodable character set 39 (CSET 39: `#`, `-`, `/`, digits, upper case).
    Y,
    /// CSET 64 (base64url: `A-Z a-z 0-9 - _`, `=` padding only at the end).
    Z,
}

impl Cset {
    /// Dictionary letter of this character set (`N`, `X`, `Y` or `Z`).
    pub fn letter(self) -> char {
        match self {
            Cset::N => 'N',
            Cset::X => 'X',
            Cset::Y => 'Y',
            Cset::Z => 'Z',
        }
    }
}

/// A content check ("linter") named by the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Linter {
    /// GS1 mod-10 check digit.
    Csum,
    /// GS1 alphanumeric check character pair (mod 1021, prime weights).
    CsumAlpha,
    /// Starts with a GS1 Company Prefix (at least 4 leading digits).
    GcpPos1,
    /// A GS1 Company Prefix starts at the second character.
    GcpPos2,
    /// Contains at least one non-digit.
    HasNonDigit,
    /// Hour `00`-`23`.
    Hh,
    /// Hour and minute `HHMI`.
    HhMi,
    /// Minute `00`-`59`.
    Mi,
    /// Second `00`-`59`.
    Ss,
    /// Only hyphens.
    Hyphen,
    /// International Bank Account Number (ISO 13616, mod 97).
    Iban,
    /// Importer index character of (7040).
    ImporterIdx,
    /// ISO 3166-1 numeric country code.
    Iso3166,
    /// ISO 3166-1 numeric country code or `999`.
    Iso3166999,
    /// ISO 3166-1 alpha-2 country code.
    Iso3166Alpha2,
    /// ISO 4217 numeric currency code.
    Iso4217,
    /// ISO/IEC 5218 sex code (`0`, `1`, `2`, `9`).
    Iso5218,
    /// Latitude, 10 digits, at most 1800000000.
    Latitude,
    /// Longitude, 10 digits, at most 3600000000.
    Longitude,
    /// AIDC media type (`01`-`10`, `80`-`99`).
    MediaType,
    /// Not all zeros.
    NonZero,
    /// No leading zero (unless the value is `0`).
    NoZeroPrefix,
    /// UN/ECE Rec. 21 package type code (with GS1 additions).
    PackageType,
    /// Valid percent-encoding (`%` followed by two hex digits).
    PcEnc,
    /// Piece number of total (`PPTT`, 1 <= piece <= total).
    PieceOfTotal,
    /// Position in sequence `n/m`.
    PosInSeqSlash,
    /// Winding direction `0`, `1` or `9`.
    Winding,
    /// `0` or `1`.
    YesNo,
    /// Date `YYMMDD`, day `00` allowed.
    YyMmD0,
    /// Date `YYMMDD`.
    YyMmDd,
    /// Date `YYYYMMDD`.
    YyyyMmDd,
    /// Exactly `0`.
    Zero,
    /// North American coupon code (8110).
    CouponCode,
    /// Positive offer file coupon code (8112).
    CouponPosOffer,
}

impl Linter {
    /// The linter's name as written in the dictionary (e.g. `"yymmd0"`).
    pub fn name(self) -> &'static str {
        match self {
            Linter::Csum => "csum",
            Linter::CsumAlpha => "csumalpha",
            Linter::GcpPos1 => "gcppos1",
            Linter::GcpPos2 => "gcppos2",
            Linter::HasNonDigit => "hasnondigit",
            Linter::Hh => "hh",
            Linter::HhMi => "hhmi",
            Linter::Mi => "mi",
            Linter::Ss => "ss",
            Linter::Hyphen => "hyphen",
            Linter::Iban => "iban",
            Linter::ImporterIdx => "importeridx",
            Linter::Iso3166 => "iso3166",
            Linter::Iso3166999 => "iso3166999",
            Linter::Iso3166Alpha2 => "iso3166alpha2",
            Linter::Iso4217 => "iso4217",
            Linter::Iso5218 => "iso5218",
            Linter::Latitude => "latitude",
            Linter::Longitude => "longitude",
            Linter::MediaType => "mediatype",
            Linter::NonZero => "nonzero",
            Linter::NoZeroPrefix => "nozeroprefix",
            Linter::PackageType => "packagetype",
            Linter::PcEnc => "pcenc",
            Linter::PieceOfTotal => "pieceoftotal",
            Linter::PosInSeqSlash => "posinseqslash",
            Linter::Winding => "winding",
            Linter::YesNo => "yesno",
            Linter::YyMmD0 => "yymmd0",
            Linter::YyMmDd => "yymmdd",
            Linter::YyyyMmDd => "yyyymmdd",
            Linter::Zero => "zero",
            Linter::CouponCode => "couponcode",
            Linter::CouponPosOffer => "couponposoffer",
        }
    }
}

/// One component of an AI's data field (e.g. `N6,yymmd0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    /// Character set.
    pub cset: Cset,
    /// Minimum length (equal to `max` for a fixed-length component).
    pub min: u8,
    /// Maximum length.
    pub max: u8,
    /// Whether the component may be absent (`[...]` in the dictionary).
    pub optional: bool,
    /// Linters applied to this component, in dictionary order.
    pub linters: &'static [Linter],
}

/// Everything the dictionary says about one AI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AiInfo {
    /// The AI digits, e.g. `"01"` or `"3103"`.
    pub ai: &'static str,
    /// Whether a FNC1 separator must follow the value when another AI follows
    /// (false for the predefined-length AIs, flag `*`).
    pub fnc1_required: bool,
    /// Whether the AI is permitted as a GS1 Digital Link data attribute (flag `?`).
    pub dl_attribute: bool,
    /// The data field's components in order.
    pub components: &'static [Component],
    /// Minimum total length of the data field (sum of the mandatory components' minimums).
    pub min_len: u16,
    /// Maximum total length of the data field.
    pub max_len: u16,
    /// Mandatory associations: each entry is one `req=` attribute, a list of
    /// alternatives, each alternative a list of AIs or patterns (`n` = any digit)
    /// that must all be present.
    pub req: &'static [&'static [&'static [&'static str]]],
    /// Invalid pairings: AIs or patterns (`n` = any digit) that must not appear
    /// with this AI.
    pub ex: &'static [&'static str],
    /// GS1 Digital Link primary key: `None` if not a key; otherwise the
    /// alternative ordered qualifier sequences (empty: no qualifiers).
    pub dl_pkey: Option<&'static [&'static [&'static str]]>,
    /// Short title (data title), e.g. `"BATCH/LOT"`.
    pub title: &'static str,
}

impl AiInfo {
    /// Minimum total length of the data field (mandatory components).
    pub fn min_len(&self) -> usize {
        self.components
            .iter()
            .filter(|c| !c.optional)
            .map(|c| c.min as usize)
            .sum()
    }

    /// Maximum total length of the data field.
    pub fn max_len(&self) -> usize {
        self.max_len as usize
    }

    /// Whether every component has a fixed length and none is optional.
    pub fn is_fixed_len(&self) -> bool {
        self.components
            .iter()
            .all(|c| !c.optional && c.min == c.max)
    }

    /// Whether the AI is a GS1 Digital Link primary key.
    pub fn is_dl_primary_key(&self) -> bool {
        self.dl_pkey.is_some()
    }
}

const INDEX_LEN: usize = 100 + 1000 + 10000;
const NONE: u16 = u16::MAX;

const fn index_slot(ai: &[u8]) -> Option<usize> {
    let base = match ai.len() {
        2 => 0,
        3 => 100,
        4 => 1100,
        _ => return None,
    };
    let mut v = 0usize;
    let mut rest = ai;
    while let [d, tail @ ..] = rest {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (*d - b'0') as usize;
        rest = tail;
    }
    Some(base + v)
}

// Only evaluated at compile time (the initialiser of `static INDEX`), where an
// out-of-bounds index is a compile error, not a run-time panic.
#[allow(clippy::indexing_slicing)]
const fn build_index() -> [u16; INDEX_LEN] {
    let mut idx = [NONE; INDEX_LEN];
    let mut i = 0;
    let mut rest = AI_TABLE;
    while let [info, tail @ ..] = rest {
        if let Some(s) = index_slot(info.ai.as_bytes()) {
            idx[s] = i as u16;
        }
        i += 1;
        rest = tail;
    }
    idx
}

static INDEX: [u16; INDEX_LEN] = build_index();

/// Looks up an AI by its digits (`"01"`, `"3103"`); `None` if the dictionary
/// does not define it. O(1): one array access.
pub fn lookup(ai: &str) -> Option<&'static AiInfo> {
    lookup_bytes(ai.as_bytes())
}

/// As [`lookup`], on bytes.
pub fn lookup_bytes(ai: &[u8]) -> Option<&'static AiInfo> {
    let slot = index_slot(ai)?;
    let i = *INDEX.get(slot)?;
    if i == NONE {
        None
    } else {
        AI_TABLE.get(i as usize)
    }
}

/// Finds the known AI that `data` starts with (AIs are prefix-free, so at most
/// one of the 2-, 3- and 4-digit prefixes is defined).
pub fn lookup_prefix(data: &[u8]) -> Option<&'static AiInfo> {
    for len in 2..=4 {
        if data.len() < len {
            return None;
        }
        if let Some(info) = data.get(..len).and_then(lookup_bytes) {
            return Some(info);
        }
    }
    None
}

/// Length of the AIs defined in the dictionary that start with the two digits
/// `d2` (e.g. `"23"` -> 3, `"31"` -> 4), or `None` if no AI starts with them.
/// Used to delimit AIs that are not in the table.
pub fn ai_len_for_prefix(d2: &[u8]) -> Option<usize> {
    if d2.len() < 2 {
        return None;
    }
    let p = d2.get(..2)?;
    AI_TABLE
        .iter()
        .find(|i| i.ai.as_bytes().get(..2) == Some(p))
        .map(|i| i.ai.len())
}

/// Whether AI `ai` matches pattern `pat` (digits, `n` = any digit, same length).
pub fn matches_pattern(ai: &str, pat: &str) -> bool {
    matches_pattern_bytes(ai.as_bytes(), pat)
}

pub(crate) fn matches_pattern_bytes(ai: &[u8], pat: &str) -> bool {
    let pat = pat.as_bytes();
    ai.len() == pat.len()
        && ai
            .iter()
            .zip(pat)
            .all(|(&a, &p)| p == b'n' && a.is_ascii_digit() || a == p)
}
