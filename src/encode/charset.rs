//! Character sets of the ECC 200 encodation schemes (ISO/IEC 16022 5.2): which bytes
//! each scheme can carry, how many values a character takes, and the values themselves.
//!
//! The planner works on *items*: a data byte (0..=255), [`FNC1`], or an ECI marker
//! ([`ECI_FLAG`] | value). Per-byte facts are in one 256-entry table built at compile time.

/// Item: the FNC1 function character (GS1 separator).
pub(crate) const FNC1: u32 = 0x100;
/// Item flag: an ECI designator; the low 20 bits hold the ECI number.
pub(crate) const ECI_FLAG: u32 = 0x8000_0000;

/// Per-byte facts for the planner.
#[derive(Clone, Copy)]
pub(crate) struct Class {
    /// Codewords in ASCII encodation (1, or 2 with Upper Shift).
    pub ascii: u8,
    /// True for '0'..='9' (digit pairs).
    pub digit: bool,
    /// C40 values (1..=4).
    pub c40: u8,
    /// Text values (1..=4).
    pub text: u8,
    /// Encodable in X12 (one value).
    pub x12: bool,
    /// Encodable in EDIFACT (one value).
    pub edifact: bool,
    /// The planner's pruning flags of this byte (see `plan::prune_flags`): lowercase
    /// letter (mod 128) 1, uppercase 2, X12 special (CR, `*`, `>`) 4, above 127 8.
    pub prune: u8,
}

const fn c40_basic(b: u8) -> bool {
    b == b' ' || b.is_ascii_digit() || b.is_ascii_uppercase()
}
const fn text_basic(b: u8) -> bool {
    b == b' ' || b.is_ascii_digit() || b.is_ascii_lowercase()
}
const fn x12_ok(b: u8) -> bool {
    b == b'\r'
        || b == b'*'
        || b == b'>'
        || b == b' '
        || b.is_ascii_digit()
        || b.is_ascii_uppercase()
}

const fn class_of(b: u8) -> Class {
    let low = b & 0x7F;
    let up = if b >= 128 { 2 } else { 0 };
    Class {
        ascii: if b >= 128 { 2 } else { 1 },
        digit: b.is_ascii_digit(),
        c40: up + if c40_basic(low) { 1 } else { 2 },
        text: up + if text_basic(low) { 1 } else { 2 },
        x12: x12_ok(b),
        edifact: b >= 32 && b <= 94,
        prune: (low.is_ascii_lowercase() as u8)
            | ((low.is_ascii_uppercase() as u8) << 1)
            | (((b == b'\r' || b == b'*' || b == b'>') as u8) << 2)
            | (((b >= 128) as u8) << 3),
    }
}

/// The per-byte table.
pub(crate) static CLASS: [Class; 256] = {
    let mut t = [class_of(0); 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class_of(i as u8);
        i += 1;
    }
    t
};

/// Number of codewords of an ECI designator (241 plus 1..=3), for a valid value.
pub(crate) fn eci_len(value: u32) -> u8 {
    match value {
        0..=126 => 2,
        127..=16382 => 3,
        _ => 4,
    }
}

/// Appends the ECI designator codewords (ISO/IEC 16022 5.4.2) for `value` <= 999999.
pub(crate) fn push_eci(out: &mut Vec<u8>, value: u32) {
    out.push(241);
    match value {
        0..=126 => out.push((value + 1) as u8),
        127..=16382 => {
            let v = value - 127;
            out.push((v / 254 + 128) as u8);
            out.push((v % 254 + 1) as u8);
        }
        _ => {
            let v = value - 16383;
            out.push((v / 64516 + 192) as u8);
            out.push(((v / 254) % 254 + 1) as u8);
            out.push((v % 254 + 1) as u8);
        }
    }
}

/// Which triple-packed scheme.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TripleSet {
    C40,
    Text,
    X12,
}

/// Writes the values of one item in a triple-packed set into `v`; returns how many
/// (0 when the set cannot carry the item).
pub(crate) fn triple_values(set: TripleSet, item: u32, v: &mut [u8; 4]) -> usize {
    if item == FNC1 {
        return match set {
            TripleSet::X12 => 0,
            _ => {
                v[0] = 1;
                v[1] = 27;
                2
            }
        };
    }
    if item > 255 {
        return 0;
    }
    let b = item as u8;
    if set == TripleSet::X12 {
        v[0] = match b {
            b'\r' => 0,
            b'*' => 1,
            b'>' => 2,
            b' ' => 3,
            b'0'..=b'9' => b - b'0' + 4,
            b'A'..=b'Z' => b - b'A' + 14,
            _ => return 0,
        };
        return 1;
    }
    let mut n = 0;
    if b >= 128 {
        // Upper Shift: Shift 2, value 30
        v[0] = 1;
        v[1] = 30;
        n = 2;
    }
    let c = b & 0x7F;
    let basic = match (set, c) {
        (_, b' ') => Some(3),
        (_, b'0'..=b'9') => Some(c - b'0' + 4),
        (TripleSet::C40, b'A'..=b'Z') => Some(c - b'A' + 14),
        (TripleSet::Text, b'a'..=b'z') => Some(c - b'a' + 14),
        _ => None,
    };
    if let Some(x) = basic {
        v[n] = x;
        return n + 1;
    }
    let (shift, val) = match c {
        0..=31 => (0, c),
        33..=47 => (1, c - 33),
        58..=64 => (1, c - 58 + 15),
        91..=95 => (1, c - 91 + 22),
        // 96..=127 (the only bytes left): Shift 3
        _ => match set {
            TripleSet::Text => match c {
                96 => (2, 0),
                b'A'..=b'Z' => (2, c - b'A' + 1),
                _ => (2, c - 123 + 27),
            },
            _ => (2, c - 96),
        },
    };
    v[n] = shift;
    v[n + 1] = val;
    n + 2
}

/// EDIFACT value of a byte in 32..=94.
pub(crate) fn edifact_value(b: u8) -> u8 {
    b & 0x3F
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_counts_match_the_table() {
        let mut v = [0u8; 4];
        for b in 0..=255u8 {
            let c = CLASS[b as usize];
            assert_eq!(
                triple_values(TripleSet::C40, b as u32, &mut v),
                c.c40 as usize,
                "c40 {b}"
            );
            assert_eq!(
                triple_values(TripleSet::Text, b as u32, &mut v),
                c.text as usize,
                "text {b}"
            );
            assert_eq!(
                triple_values(TripleSet::X12, b as u32, &mut v) == 1,
                c.x12,
                "x12 {b}"
            );
        }
    }

    #[test]
    fn shift_sets() {
        let mut v = [0u8; 4];
        assert_eq!(triple_values(TripleSet::C40, b'a' as u32, &mut v), 2);
        assert_eq!(&v[..2], &[2, 1]);
        assert_eq!(triple_values(TripleSet::Text, b'A' as u32, &mut v), 2);
        assert_eq!(&v[..2], &[2, 1]);
        assert_eq!(triple_values(TripleSet::Text, 127, &mut v), 2);
        assert_eq!(&v[..2], &[2, 31]);
        assert_eq!(triple_values(TripleSet::C40, b'@' as u32, &mut v), 2);
        assert_eq!(&v[..2], &[1, 21]);
        assert_eq!(triple_values(TripleSet::C40, b'_' as u32, &mut v), 2);
        assert_eq!(&v[..2], &[1, 26]);
        assert_eq!(triple_values(TripleSet::C40, FNC1, &mut v), 2);
        assert_eq!(&v[..2], &[1, 27]);
        // 0xC1 = upper shift + 'A'
        assert_eq!(triple_values(TripleSet::C40, 0xC1, &mut v), 3);
        assert_eq!(&v[..3], &[1, 30, 14]);
        assert_eq!(triple_values(TripleSet::X12, b'a' as u32, &mut v), 0);
    }

    #[test]
    fn eci_designators() {
        let mut out = Vec::new();
        push_eci(&mut out, 26);
        assert_eq!(out, [241, 27]);
        out.clear();
        push_eci(&mut out, 127);
        assert_eq!(out, [241, 128, 1]);
        out.clear();
        push_eci(&mut out, 16382);
        assert_eq!(out, [241, 191, 254]);
        out.clear();
        push_eci(&mut out, 16383);
        assert_eq!(out, [241, 192, 1, 1]);
        out.clear();
        push_eci(&mut out, 999_999);
        assert_eq!(out.len(), 4);
        for v in [0, 126, 127, 16382, 16383, 999_999] {
            out.clear();
            push_eci(&mut out, v);
            assert_eq!(out.len(), eci_len(v) as usize);
        }
    }
}
