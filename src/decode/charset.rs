//! Bytes to text under an ECI (AIM ECI assignments).
//!
//! Exact: no ECI (ISO/IEC 8859-1, the ECC 200 default), ECI 1 and 3 (ISO/IEC 8859-1),
//! 0 and 2 (code page 437), 4 to 13 and 15 to 18 (ISO/IEC 8859-2 to -11 and -13 to
//! -16), 21 to 24 (Windows-1250, -1251, -1252, -1256), 25 (UTF-16BE), 26 (UTF-8), 27
//! and 170 (ASCII; other bytes become U+FFFD), 899 (binary, shown byte for byte as
//! ISO/IEC 8859-1).
//!
//! Approximated by ISO/IEC 8859-1: the multi-byte Asian sets (ECI 20 Shift JIS, 28
//! Big5, 29 GB 2312, 30 EUC-KR, ...) and unassigned values. Their ASCII range is right;
//! bytes above 0x7F come out as the Latin-1 character of the same value. Callers
//! needing those sets exactly should convert [`super::Decoded::bytes`] themselves,
//! segment by segment using [`super::Decoded::eci`].

#![deny(clippy::indexing_slicing)]

use super::charset_tables::HIGH_HALVES;

/// Appends `bytes`, read in the character set of `eci` (`None`: no ECI in force), to
/// `out`.
pub fn decode(eci: Option<u32>, bytes: &[u8], out: &mut String) {
    match eci {
        Some(26) => out.push_str(&String::from_utf8_lossy(bytes)),
        Some(25) => {
            let units = bytes.chunks(2).map(|c| match *c {
                [hi, lo] => u16::from_be_bytes([hi, lo]),
                // an odd last byte: the high half of a unit whose low half is missing
                [hi] => u16::from_be_bytes([hi, 0]),
                _ => 0,
            });
            out.extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')));
        }
        Some(27 | 170) => {
            out.extend(
                bytes
                    .iter()
                    .map(|&b| if b < 0x80 { char::from(b) } else { '\u{FFFD}' }),
            )
        }
        Some(e) => match HIGH_HALVES.iter().find(|(ecis, _, _)| ecis.contains(&e)) {
            Some((_, _, high)) => out.extend(bytes.iter().map(|&b| {
                if b < 0x80 {
                    char::from(b)
                } else {
                    // `b & 0x7F` < 128 = the table's length: `get` always finds it
                    high.get(usize::from(b & 0x7F))
                        .and_then(|&u| char::from_u32(u32::from(u)))
                        .unwrap_or('\u{FFFD}')
                }
            })),
            None => out.extend(bytes.iter().map(|&b| char::from(b))),
        },
        None => out.extend(bytes.iter().map(|&b| char::from(b))),
    }
}

/// The name of the character set [`decode`] uses for `eci` (`None`: the default).
pub fn name(eci: Option<u32>) -> &'static str {
    match eci {
        None | Some(1 | 3) => "ISO/IEC 8859-1",
        Some(25) => "UTF-16BE",
        Some(26) => "UTF-8",
        Some(27 | 170) => "ASCII",
        Some(899) => "binary",
        Some(e) => HIGH_HALVES
            .iter()
            .find(|(ecis, _, _)| ecis.contains(&e))
            .map_or("ISO/IEC 8859-1 (approximation)", |(_, n, _)| n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(eci: Option<u32>, b: &[u8]) -> String {
        let mut s = String::new();
        decode(eci, b, &mut s);
        s
    }

    #[test]
    fn sets() {
        assert_eq!(d(None, &[0x41, 0xE9]), "A\u{e9}");
        assert_eq!(d(Some(26), "é€".as_bytes()), "é€");
        assert_eq!(d(Some(7), &[0xB0, 0xF0, 0xEF]), "А№я");
        assert_eq!(d(Some(17), &[0xA4]), "€");
        assert_eq!(d(Some(23), &[0x80, 0x99]), "€™");
        assert_eq!(d(Some(25), &[0x00, 0x41, 0x20, 0xAC]), "A€");
        assert_eq!(d(Some(27), &[0x41, 0xC0]), "A\u{FFFD}");
        // Polish in 8859-2: 0xB1 = a ogonek, 0xA3 = L stroke; Greek 8859-7 0xE1 = alpha
        assert_eq!(d(Some(4), &[0xB1, 0xA3]), "ąŁ");
        assert_eq!(d(Some(9), &[0xE1]), "α");
        // code page 437: 0x82 = e acute, 0xDB = full block
        assert_eq!(d(Some(0), &[0x82, 0xDB]), "é█");
        assert_eq!(d(Some(22), &[0xC0]), "А");
        assert_eq!(name(Some(20)), "ISO/IEC 8859-1 (approximation)");
        assert_eq!(name(Some(12)), "ISO/IEC 8859-10");
    }
}
