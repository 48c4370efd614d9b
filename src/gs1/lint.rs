//! Content checks ("linters") named by the GS1 Barcode Syntax Dictionary, and
//! the character-set checks of the component types.
//!
//! Each check takes one component's bytes and either passes or returns a
//! [`LintFail`]: the offset and length of the offending part of the component
//! and a message for a line operator. Nothing allocates unless a check fails.

use super::ai::{Cset, Linter};
use super::codes::{ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, PACKAGE_TYPES};

/// A failed check: where in the component, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFail {
    /// Offset of the offending bytes within the component.
    pub offset: usize,
    /// Number of offending bytes (may be 0 for "missing data").
    pub len: usize,
    /// Human-readable reason (lowercase, no trailing period).
    pub message: String,
}

type LintResult = Result<(), LintFail>;

fn fail(offset: usize, len: usize, message: impl Into<String>) -> LintResult {
    Err(LintFail {
        offset,
        len,
        message: message.into(),
    })
}

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The CSET 82 characters in the order of their values (used by `csumalpha`).
pub(crate) const CSET82_ORDER: &[u8] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const CSET32_ORDER: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Whether `c` is in GS1 CSET 82.
pub fn is_cset82(c: u8) -> bool {
    // the ranges of CSET82_ORDER: `!` `"`, `%` to `/`, `0` to `?`, `A` to `Z`, `_`, `a` to `z`
    matches!(c, b'!' | b'"' | b'%'..=b'/' | b'0'..=b'?' | b'A'..=b'Z' | b'_' | b'a'..=b'z')
}

/// The first byte of `data` that fails `ok`, with its offset.
fn first_bad(data: &[u8], ok: impl Fn(u8) -> bool) -> Option<(usize, u8)> {
    data.iter()
        .enumerate()
        .find(|&(_, &c)| !ok(c))
        .map(|(i, &c)| (i, c))
}

/// Whether `c` is in GS1 CSET 39.
pub fn is_cset39(c: u8) -> bool {
    c.is_ascii_digit() || c.is_ascii_uppercase() || c == b'#' || c == b'-' || c == b'/'
}

fn is_cset64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

fn describe(c: u8) -> String {
    if c.is_ascii_graphic() {
        format!("character '{}'", c as char)
    } else if c == b' ' {
        "a space".to_string()
    } else {
        format!("byte 0x{c:02X}")
    }
}

/// Checks the character set of a component; returns the check's rule name on failure.
pub fn check_cset(cset: Cset, data: &[u8]) -> Result<(), (&'static str, LintFail)> {
    match cset {
        Cset::N => {
            if let Some((i, c)) = first_bad(data, |c| c.is_ascii_digit()) {
                return Err((
                    "csetnumeric",
                    LintFail {
                        offset: i,
                        len: 1,
                        message: format!("{} is not a digit", describe(c)),
                    },
                ));
            }
        }
        Cset::X => {
            if let Some((i, c)) = first_bad(data, is_cset82) {
                return Err((
                    "cset82",
                    LintFail {
                        offset: i,
                        len: 1,
                        message: format!("{} is not allowed (GS1 character set 82)", describe(c)),
                    },
                ));
            }
        }
        Cset::Y => {
            if let Some((i, c)) = first_bad(data, is_cset39) {
                return Err((
                    "cset39",
                    LintFail {
                        offset: i,
                        len: 1,
                        message: format!(
                            "{} is not allowed (GS1 character set 39: digits, upper case, # - /)",
                            describe(c)
                        ),
                    },
                ));
            }
        }
        Cset::Z => {
            // base64url with optional '=' padding (at most two) at the very end.
            let body = data.len()
                - data
                    .iter()
                    .rev()
                    .take(2)
                    .take_while(|&&c| c == b'=')
                    .count();
            if let Some((i, c)) = first_bad(data, is_cset64).filter(|&(i, _)| i < body) {
                return Err((
                    "cset64",
                    LintFail {
                        offset: i,
                        len: 1,
                        message: format!("{} is not allowed (base64url)", describe(c)),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// Runs one linter on one component.
pub fn run(linter: Linter, d: &[u8]) -> LintResult {
    match linter {
        Linter::Csum => csum(d),
        Linter::CsumAlpha => csumalpha(d),
        Linter::GcpPos1 => gcppos(d, 0),
        Linter::GcpPos2 => gcppos(d, 1),
        Linter::HasNonDigit => {
            if d.iter().all(u8::is_ascii_digit) {
                fail(0, d.len(), "must contain at least one non-digit character")
            } else {
                Ok(())
            }
        }
        Linter::Hh => two_digit_range(d, 0, 23, "hour"),
        Linter::Mi => two_digit_range(d, 0, 59, "minute"),
        Linter::Ss => two_digit_range(d, 0, 59, "second"),
        Linter::HhMi => {
            let &[h1, h2, m1, m2] = d else {
                return fail(0, d.len(), "time must be 4 digits HHMM");
            };
            two_digit_range(&[h1, h2], 0, 23, "hour")?;
            two_digit_range(&[m1, m2], 0, 59, "minute").map_err(|f| LintFail {
                offset: f.offset + 2,
                ..f
            })
        }
        Linter::Hyphen => match first_bad(d, |c| c == b'-') {
            Some((i, c)) => fail(i, 1, format!("{} must be a hyphen '-'", describe(c))),
            None => Ok(()),
        },
        Linter::Iban => iban(d),
        Linter::ImporterIdx => match *d {
            [c] if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => Ok(()),
            _ => fail(
                0,
                d.len(),
                format!("'{}' is not a valid importer index", show(d)),
            ),
        },
        Linter::Iso3166 => iso3166(d, false),
        Linter::Iso3166999 => iso3166(d, true),
        Linter::Iso3166Alpha2 => {
            let s = std::str::from_utf8(d).unwrap_or("");
            if d.len() == 2 && ISO3166_ALPHA2.binary_search(&s).is_ok() {
                Ok(())
            } else {
                fail(
                    0,
                    d.len(),
                    format!("'{}' is not an ISO 3166 alpha-2 country code", show(d)),
                )
            }
        }
        Linter::Iso4217 => match num(d) {
            Some(n)
                if d.len() == 3
                    && n <= u16::MAX as u64
                    && ISO4217_NUMERIC.binary_search(&(n as u16)).is_ok() =>
            {
                Ok(())
            }
            _ => fail(
                0,
                d.len(),
                format!("'{}' is not an ISO 4217 numeric currency code", show(d)),
            ),
        },
        Linter::Iso5218 => match d {
            b"0" | b"1" | b"2" | b"9" => Ok(()),
            _ => fail(
                0,
                d.len(),
                format!(
                    "'{}' is not an ISO/IEC 5218 sex code (0, 1, 2 or 9)",
                    show(d)
                ),
            ),
        },
        Linter::Latitude => bounded(d, 1_800_000_000, "latitude"),
        Linter::Longitude => bounded(d, 3_600_000_000, "longitude"),
        Linter::MediaType => match num(d) {
            Some(n) if d.len() == 2 && ((1..=10).contains(&n) || (80..=99).contains(&n)) => Ok(()),
            _ => fail(
                0,
                d.len(),
                format!("'{}' is not an AIDC media type (01-10, 80-99)", show(d)),
            ),
        },
        Linter::NonZero => {
            if d.iter().all(|&c| c == b'0') {
                fail(0, d.len(), "must not be zero")
            } else {
                Ok(())
            }
        }
        Linter::NoZeroPrefix => {
            if d.len() > 1 && d.first() == Some(&b'0') {
                fail(0, 1, "must not start with a zero")
            } else {
                Ok(())
            }
        }
        Linter::PackageType => {
            let s = std::str::from_utf8(d).unwrap_or("");
            if PACKAGE_TYPES.binary_search(&s).is_ok() {
                Ok(())
            } else {
                fail(
                    0,
                    d.len(),
                    format!("'{}' is not a package type code", show(d)),
                )
            }
        }
        Linter::PcEnc => pcenc(d),
        Linter::PieceOfTotal => pieceoftotal(d),
        Linter::PosInSeqSlash => posinseqslash(d),
        Linter::Winding => match d {
            b"0" | b"1" | b"9" => Ok(()),
            _ => fail(
                0,
                d.len(),
                format!("winding direction '{}' must be 0, 1 or 9", show(d)),
            ),
        },
        Linter::YesNo => match d {
            b"0" | b"1" => Ok(()),
            _ => fail(
                0,
                d.len(),
                format!("'{}' must be 0 (no) or 1 (yes)", show(d)),
            ),
        },
        Linter::YyMmD0 => yymmdd(d, true),
        Linter::YyMmDd => yymmdd(d, false),
        Linter::YyyyMmDd => yyyymmdd(d),
        Linter::Zero => {
            if d == b"0" {
                Ok(())
            } else {
                fail(0, d.len(), "must be 0")
            }
        }
        Linter::CouponCode => couponcode(d),
        Linter::CouponPosOffer => couponposoffer(d),
    }
}

fn num(d: &[u8]) -> Option<u64> {
    if d.is_empty() || d.len() > 19 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(d.iter().fold(0u64, |a, &c| a * 10 + (c - b'0') as u64))
}

fn two_digit_range(d: &[u8], lo: u64, hi: u64, what: &str) -> LintResult {
    match num(d) {
        Some(n) if d.len() == 2 && (lo..=hi).contains(&n) => Ok(()),
        _ => fail(
            0,
            d.len(),
            format!("{what} {} is not valid ({lo:02}-{hi:02})", show(d)),
        ),
    }
}

fn bounded(d: &[u8], max: u64, what: &str) -> LintResult {
    match num(d) {
        Some(n) if n <= max => Ok(()),
        _ => fail(
            0,
            d.len(),
            format!("{what} {} is out of range (at most {max})", show(d)),
        ),
    }
}

/// GS1 mod-10 check digit of `body` (weights 3,1,3,... from the right).
pub fn gs1_check_digit(body: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in body.iter().rev().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        let v = (c - b'0') as u32;
        sum += if i % 2 == 0 { 3 * v } else { v };
    }
    Some(b'0' + ((10 - sum % 10) % 10) as u8)
}

fn csum(d: &[u8]) -> LintResult {
    let Some((&cd, body)) = d.split_last() else {
        return fail(0, 0, "missing check digit");
    };
    match gs1_check_digit(body) {
        Some(want) if want == cd => Ok(()),
        Some(want) => fail(
            d.len() - 1,
            1,
            format!(
                "check digit {} is wrong, expected {}",
                cd as char, want as char
            ),
        ),
        None => fail(0, d.len(), "check digit needs digits only"),
    }
}

/// The GS1 alphanumeric check character pair for `body` (CSET 82 data).
pub fn csumalpha_pair(body: &[u8]) -> Option<[u8; 2]> {
    const PRIMES: [u32; 97] = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
        191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281,
        283, 293, 307, 311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397,
        401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503,
        509,
    ];
    if body.len() > PRIMES.len() {
        return None;
    }
    let mut sum = 0u32;
    // weights: the rightmost data character gets 2, then 3, 5, ... leftwards
    // (body is at most PRIMES.len() long: zip drops nothing)
    for (&c, &w) in body.iter().rev().zip(PRIMES.iter()) {
        let v = CSET82_ORDER.iter().position(|&x| x == c)? as u32;
        sum += v * w;
    }
    sum %= 1021;
    // sum <= 1020: both halves are < 32 = CSET32_ORDER.len()
    Some([
        *CSET32_ORDER.get((sum >> 5) as usize)?,
        *CSET32_ORDER.get((sum & 31) as usize)?,
    ])
}

fn csumalpha(d: &[u8]) -> LintResult {
    let Some((body, pair)) = d.split_last_chunk::<2>() else {
        return fail(0, d.len(), "too short for the check character pair");
    };
    if let Some((i, c)) = first_bad(pair, |c| CSET32_ORDER.contains(&c)) {
        return fail(
            body.len() + i,
            1,
            format!("{} is not a valid check character", describe(c)),
        );
    }
    match csumalpha_pair(body) {
        Some(want) if want == *pair => Ok(()),
        Some(want) => fail(
            body.len(),
            2,
            format!(
                "check characters {} are wrong, expected {}",
                show(pair),
                show(&want)
            ),
        ),
        None => fail(0, d.len(), "cannot compute the check character pair"),
    }
}

fn gcppos(d: &[u8], start: usize) -> LintResult {
    const GCP_MIN: usize = 4;
    let rest = d.get(start..).unwrap_or(&[]);
    if rest.len() < GCP_MIN {
        return fail(
            start.min(d.len()),
            rest.len(),
            "too short to hold a GS1 Company Prefix",
        );
    }
    match first_bad(rest.get(..GCP_MIN).unwrap_or(rest), |c| c.is_ascii_digit()) {
        Some((i, c)) => fail(
            start + i,
            1,
            format!("{} cannot be part of a GS1 Company Prefix", describe(c)),
        ),
        None => Ok(()),
    }
}

fn iban(d: &[u8]) -> LintResult {
    if d.len() < 5 {
        return fail(0, d.len(), "IBAN is too short");
    }
    for (i, &c) in d.iter().enumerate() {
        let ok = if i < 2 {
            c.is_ascii_uppercase()
        } else if i < 4 {
            c.is_ascii_digit()
        } else {
            c.is_ascii_digit() || c.is_ascii_uppercase()
        };
        if !ok {
            return fail(
                i,
                1,
                format!("{} is not valid at this place in an IBAN", describe(c)),
            );
        }
    }
    let cc = d
        .get(..2)
        .and_then(|c| std::str::from_utf8(c).ok())
        .unwrap_or("");
    if ISO3166_ALPHA2.binary_search(&cc).is_err() {
        return fail(
            0,
            2,
            format!("IBAN country '{cc}' is not an ISO 3166 alpha-2 code"),
        );
    }
    let mut rem = 0u32;
    // the first four characters moved to the end
    for &c in d.iter().skip(4).chain(d.iter().take(4)) {
        if c.is_ascii_digit() {
            rem = (rem * 10 + (c - b'0') as u32) % 97;
        } else {
            let v = (c - b'A') as u32 + 10;
            rem = (rem * 100 + v) % 97;
        }
    }
    if rem == 1 {
        Ok(())
    } else {
        fail(2, 2, "IBAN check digits are wrong")
    }
}

fn iso3166(d: &[u8], allow999: bool) -> LintResult {
    match num(d) {
        Some(999) if allow999 && d.len() == 3 => Ok(()),
        Some(n) if d.len() == 3 && ISO3166_NUMERIC.binary_search(&(n as u16)).is_ok() => Ok(()),
        _ => fail(
            0,
            d.len(),
            format!("'{}' is not an ISO 3166 numeric country code", show(d)),
        ),
    }
}

fn pcenc(d: &[u8]) -> LintResult {
    let mut rest = d;
    while let [c, tail @ ..] = rest {
        rest = match (c, tail) {
            (b'%', [h1, h2, more @ ..]) if h1.is_ascii_hexdigit() && h2.is_ascii_hexdigit() => more,
            (b'%', _) => {
                let i = d.len() - rest.len();
                return fail(
                    i,
                    rest.len().min(3),
                    "'%' must be followed by two hexadecimal digits",
                );
            }
            _ => tail,
        };
    }
    Ok(())
}

fn pieceoftotal(d: &[u8]) -> LintResult {
    if !d.len().is_multiple_of(2) || d.is_empty() || !d.iter().all(u8::is_ascii_digit) {
        return fail(0, d.len(), "piece/total must be an even number of digits");
    }
    let h = d.len() / 2;
    let (piece, total) = d.split_at_checked(h).unwrap_or((d, &[]));
    let (p, t) = (num(piece).unwrap_or(0), num(total).unwrap_or(0));
    if p == 0 {
        return fail(0, h, "piece number must not be zero");
    }
    if t == 0 {
        return fail(h, h, "total count must not be zero");
    }
    if p > t {
        return fail(0, d.len(), format!("piece {p} exceeds the total {t}"));
    }
    Ok(())
}

fn posinseqslash(d: &[u8]) -> LintResult {
    let parts = d.iter().position(|&c| c == b'/').and_then(|s| {
        let (a, slash_b) = d.split_at_checked(s)?;
        let b = slash_b.get(1..)?;
        (!a.is_empty() && !b.is_empty()).then_some((a, b))
    });
    let Some((a, b)) = parts else {
        return fail(0, d.len(), "must be 'position/total', e.g. 1/2");
    };
    if let Some((i, &c)) = a
        .iter()
        .chain(b)
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        let off = if i < a.len() { i } else { i + 1 };
        return fail(off, 1, format!("{} is not a digit", describe(c)));
    }
    let (p, t) = (num(a).unwrap_or(0), num(b).unwrap_or(0));
    if p == 0 || t == 0 || p > t {
        return fail(0, d.len(), format!("position {p} of {t} is not valid"));
    }
    Ok(())
}

fn days_in_month(year_leap: bool, month: u64) -> u64 {
    match month {
        2 if year_leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month `mm` and day `dd` (digits) of a date whose month is at offset `moff`.
fn check_md(
    mm: [u8; 2],
    dd: [u8; 2],
    moff: usize,
    leap: bool,
    year: u64,
    day0: bool,
) -> LintResult {
    let month = num(&mm).unwrap_or(0);
    if !(1..=12).contains(&month) {
        return fail(moff, 2, format!("month {} is not valid (01-12)", show(&mm)));
    }
    let day = num(&dd).unwrap_or(0);
    if day == 0 && day0 {
        return Ok(());
    }
    let max = days_in_month(leap, month);
    if day == 0 || day > max {
        // month is 1..=12 here
        let mname = MONTHS.get((month - 1) as usize).copied().unwrap_or("");
        let msg = if day == 0 {
            "day 00 is not a valid day of the month".to_string()
        } else if day <= 31 {
            format!("day {day} is not a valid day in {mname} {year}")
        } else {
            format!("day {day} is not a valid day of the month")
        };
        return fail(moff + 2, 2, msg);
    }
    Ok(())
}

fn yymmdd(d: &[u8], day0: bool) -> LintResult {
    let &[y1, y2, m1, m2, d1, d2] = d else {
        return fail(0, d.len(), "date must be 6 digits YYMMDD");
    };
    if !d.iter().all(u8::is_ascii_digit) {
        return fail(0, d.len(), "date must be 6 digits YYMMDD");
    }
    // Century: GS1 General Specifications 7.12 sliding window; for leap years
    // 2000 and the years around today this equals YY % 4 == 0.
    let yy = num(&[y1, y2]).unwrap_or(0);
    check_md([m1, m2], [d1, d2], 2, yy.is_multiple_of(4), 2000 + yy, day0)
}

fn yyyymmdd(d: &[u8]) -> LintResult {
    let &[y1, y2, y3, y4, m1, m2, d1, d2] = d else {
        return fail(0, d.len(), "date must be 8 digits YYYYMMDD");
    };
    if !d.iter().all(u8::is_ascii_digit) {
        return fail(0, d.len(), "date must be 8 digits YYYYMMDD");
    }
    let y = num(&[y1, y2, y3, y4]).unwrap_or(0);
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    check_md([m1, m2], [d1, d2], 4, leap, y, false)
}

/// Cursor over coupon data: reports problems as offsets into the whole value.
struct Coupon<'a> {
    d: &'a [u8],
    p: usize,
}

impl<'a> Coupon<'a> {
    fn digit(&mut self, what: &str) -> Result<u8, LintFail> {
        match self.d.get(self.p) {
            Some(&c) => {
                self.p += 1;
                Ok(c - b'0')
            }
            None => Err(LintFail {
                offset: 0,
                len: self.d.len(),
                message: format!("coupon: missing {what}"),
            }),
        }
    }
    /// The next `n` digits and their offset.
    fn take(&mut self, n: usize, what: &str) -> Result<(usize, &'a [u8]), LintFail> {
        let at = self.p;
        match self.d.get(at..).and_then(|rest| rest.get(..n)) {
            Some(part) => {
                self.p += n;
                Ok((at, part))
            }
            None => Err(LintFail {
                offset: at,
                len: self.d.len().saturating_sub(at),
                message: format!("coupon: {what} is truncated (needs {n} digits)"),
            }),
        }
    }
    fn bad(&self, what: &str) -> LintFail {
        LintFail {
            offset: self.p - 1,
            len: 1,
            message: format!("coupon: invalid {what}"),
        }
    }
    fn gcp(&mut self, n: usize, what: &str) -> LintResult {
        let (at, part) = self.take(n, what)?;
        gcppos(part, 0).map_err(|f| LintFail {
            offset: at + f.offset,
            ..f
        })
    }
}

fn all_digits(d: &[u8]) -> LintResult {
    match first_bad(d, |c| c.is_ascii_digit()) {
        Some((i, c)) => fail(i, 1, format!("{} is not a digit", describe(c))),
        None => Ok(()),
    }
}

fn couponcode(d: &[u8]) -> LintResult {
    all_digits(d)?;
    let mut c = Coupon { d, p: 0 };
    let v = c.digit("company prefix length indicator")?;
    if v > 6 {
        return Err(c.bad("company prefix length indicator (0-6)"));
    }
    c.gcp(v as usize + 6, "company prefix")?;
    c.take(6, "offer code")?;
    let v = c.digit("save value length indicator")?;
    if !(1..=5).contains(&v) {
        return Err(c.bad("save value length indicator (1-5)"));
    }
    c.take(v as usize, "save value")?;
    let v = c.digit("1st purchase requirement length indicator")?;
    if !(1..=5).contains(&v) {
        return Err(c.bad("1st purchase requirement length indicator (1-5)"));
    }
    c.take(v as usize, "1st purchase requirement")?;
    let v = c.digit("1st purchase requirement code")?;
    if v > 4 && v != 9 {
        return Err(c.bad("1st purchase requirement code (0-4, 9)"));
    }
    c.take(3, "1st purchase family code")?;
    if d.get(c.p) == Some(&b'1') {
        c.p += 1;
        if c.digit("additional purchase rules code")? > 3 {
            return Err(c.bad("additional purchase rules code (0-3)"));
        }
        purchase(&mut c, "2nd")?;
    }
    if d.get(c.p) == Some(&b'2') {
        c.p += 1;
        purchase(&mut c, "3rd")?;
    }
    let mut expiry = None;
    if d.get(c.p) == Some(&b'3') {
        c.p += 1;
        let (at, date) = c.take(6, "expiration date")?;
        yymmdd(date, false).map_err(|f| LintFail {
            offset: at,
            len: 6,
            message: format!("coupon: expiration date: {}", f.message),
        })?;
        expiry = Some((at, date));
    }
    if d.get(c.p) == Some(&b'4') {
        c.p += 1;
        let (at, start) = c.take(6, "start date")?;
        yymmdd(start, false).map_err(|f| LintFail {
            offset: at,
            len: 6,
            message: format!("coupon: start date: {}", f.message),
        })?;
        if let Some((e, expiry)) = expiry {
            if start > expiry {
                return fail(
                    e,
                    at + 6 - e,
                    "coupon: expiration date is before the start date",
                );
            }
        }
    }
    if d.get(c.p) == Some(&b'5') {
        c.p += 1;
        let v = c.digit("serial number length indicator")?;
        c.take(v as usize + 6, "serial number")?;
    }
    if d.get(c.p) == Some(&b'6') {
        c.p += 1;
        let v = c.digit("retailer company prefix/GLN length indicator")?;
        if !(1..=7).contains(&v) {
            return Err(c.bad("retailer company prefix/GLN length indicator (1-7)"));
        }
        c.gcp(v as usize + 6, "retailer company prefix/GLN")?;
    }
    if d.get(c.p) == Some(&b'9') {
        c.p += 1;
        if !matches!(c.digit("save value code")?, 0 | 1 | 2 | 5 | 6) {
            return Err(c.bad("save value code (0, 1, 2, 5, 6)"));
        }
        if c.digit("save value applies to item")? > 2 {
            return Err(c.bad("save value applies to item (0-2)"));
        }
        c.digit("store coupon flag")?;
        if c.digit("don't multiply flag")? > 1 {
            return Err(c.bad("don't multiply flag (0, 1)"));
        }
    }
    if c.p != d.len() {
        return fail(
            c.p,
            d.len() - c.p,
            "coupon: unexpected data after the last field",
        );
    }
    Ok(())
}

fn purchase(c: &mut Coupon<'_>, nth: &str) -> LintResult {
    let v = c.digit(&format!("{nth} purchase requirement length indicator"))?;
    if !(1..=5).contains(&v) {
        return Err(c.bad(&format!(
            "{nth} purchase requirement length indicator (1-5)"
        )));
    }
    c.take(v as usize, &format!("{nth} purchase requirement"))?;
    let v = c.digit(&format!("{nth} purchase requirement code"))?;
    if v > 4 && v != 9 {
        return Err(c.bad(&format!("{nth} purchase requirement code (0-4, 9)")));
    }
    c.take(3, &format!("{nth} purchase family code"))?;
    let v = c.digit(&format!("{nth} purchase company prefix length indicator"))?;
    if v > 6 && v != 9 {
        return Err(c.bad(&format!(
            "{nth} purchase company prefix length indicator (0-6, 9)"
        )));
    }
    if v != 9 {
        c.gcp(v as usize + 6, &format!("{nth} purchase company prefix"))?;
    }
    Ok(())
}

fn couponposoffer(d: &[u8]) -> LintResult {
    all_digits(d)?;
    let mut c = Coupon { d, p: 0 };
    if c.digit("format code")? > 1 {
        return Err(c.bad("format code (0, 1)"));
    }
    let v = c.digit("funder ID length indicator")?;
    if v > 6 {
        return Err(c.bad("funder ID length indicator (0-6)"));
    }
    c.take(v as usize + 6, "funder ID")?;
    c.take(6, "offer code")?;
    let v = c.digit("serial number length indicator")?;
    c.take(v as usize + 6, "serial number")?;
    if c.p != d.len() {
        return fail(
            c.p,
            d.len() - c.p,
            "coupon: unexpected data after the serial number",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_known_answers() {
        // GS1 General Specifications examples
        assert_eq!(gs1_check_digit(b"0950600013435"), Some(b'2'));
        assert_eq!(gs1_check_digit(b"10614141123456789"), Some(b'7'));
        assert_eq!(gs1_check_digit(b"952123454321"), Some(b'3'));
        assert_eq!(csumalpha_pair(b"1987654Ad4X4bL5ttr2310c"), Some(*b"2K"));
        assert_eq!(csumalpha_pair(b""), Some(*b"22"));
        assert!(csum(b"09506000134352").is_ok());
        assert_eq!(csum(b"09506000134353").unwrap_err().offset, 13);
    }

    #[test]
    fn dates_and_times() {
        assert!(yymmdd(b"240229", false).is_ok());
        assert!(yymmdd(b"250229", false).is_err());
        assert!(yymmdd(b"250200", true).is_ok());
        assert!(yymmdd(b"250200", false).is_err());
        assert!(yyyymmdd(b"21000229").is_err());
        assert!(yyyymmdd(b"24000229").is_ok());
        assert!(run(Linter::HhMi, b"2359").is_ok());
        assert_eq!(run(Linter::HhMi, b"2360").unwrap_err().offset, 2);
        assert!(run(Linter::Ss, b"60").is_err());
    }

    #[test]
    fn code_lists_are_sorted_for_binary_search() {
        assert!(ISO3166_NUMERIC
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b)));
        assert!(ISO3166_ALPHA2
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b)));
        assert!(ISO4217_NUMERIC
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b)));
        assert!(PACKAGE_TYPES
            .windows(2)
            .all(|w| matches!(w, [a, b] if a < b)));
        assert!(run(Linter::Iso3166, b"250").is_ok());
        assert!(run(Linter::Iso3166999, b"999").is_ok());
        assert!(run(Linter::Iso3166, b"999").is_err());
        assert!(run(Linter::Iso4217, b"978").is_ok());
    }

    #[test]
    fn coupons() {
        assert!(couponcode(b"012345612345611110123").is_ok());
        assert_eq!(couponcode(b"71234567890123").unwrap_err().offset, 0);
        assert!(couponposoffer(b"001234561234560123456").is_ok());
        assert!(couponposoffer(b"0612345678901212345691234567890123456").is_err());
    }

    #[test]
    fn cset82_ranges_are_the_order_table() {
        for c in 0..=255u8 {
            assert_eq!(is_cset82(c), CSET82_ORDER.contains(&c), "byte {c}");
        }
        assert_eq!(CSET82_ORDER.len(), 82);
    }

    #[test]
    fn charsets() {
        assert!(check_cset(Cset::X, b"AZaz09!\"%&'()*+,-./:;<=>?_").is_ok());
        assert_eq!(check_cset(Cset::X, b"A B").unwrap_err().0, "cset82");
        assert_eq!(check_cset(Cset::Y, b"AB#-/09").map_err(|e| e.0), Ok(()));
        assert_eq!(check_cset(Cset::Y, b"ab").unwrap_err().0, "cset39");
        assert!(check_cset(Cset::Z, b"ab-_09==").is_ok());
        assert!(check_cset(Cset::Z, b"ab=c").is_err());
        assert_eq!(check_cset(Cset::N, b"12a").unwrap_err().1.offset, 2);
    }
}
