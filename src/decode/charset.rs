//! Bytes to text under an ECI (AIM ECI assignments).
//!
//! Implemented exactly: no ECI (ISO/IEC 8859-1, the ECC 200 default), ECI 1 and 3
//! (ISO/IEC 8859-1), 7 (ISO/IEC 8859-5, Cyrillic), 17 (ISO/IEC 8859-15), 23
//! (Windows-1252), 25 (UTF-16BE), 26 (UTF-8), 27 and 170 (ASCII; other bytes become
//! U+FFFD), 899 (binary, shown byte for byte as ISO/IEC 8859-1).
//!
//! Approximated by ISO/IEC 8859-1: ECI 0 and 2 (code page 437), the other ISO/IEC 8859
//! parts (ECI 4-6, 8-16, 18), the other Windows code pages and the multi-byte Asian
//! sets (Shift JIS, Big5, GB 2312, EUC-KR). Their ASCII range is right; bytes above
//! 0x7F come out as the Latin-1 character of the same value. Callers needing those sets
//! exactly should convert [`super::Decoded::bytes`] themselves, segment by segment
//! using [`super::Decoded::eci`].

/// Appends `bytes`, read in the character set of `eci` (`None`: no ECI in force), to
/// `out`.
pub fn decode(eci: Option<u32>, bytes: &[u8], out: &mut String) {
    match eci {
        Some(26) => out.push_str(&String::from_utf8_lossy(bytes)),
        Some(25) => {
            let units = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
            out.extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')));
        }
        Some(27 | 170) => {
            out.extend(
                bytes
                    .iter()
                    .map(|&b| if b < 0x80 { char::from(b) } else { '\u{FFFD}' }),
            )
        }
        Some(7) => out.extend(bytes.iter().map(|&b| iso8859_5(b))),
        Some(17) => out.extend(bytes.iter().map(|&b| iso8859_15(b))),
        Some(23) => out.extend(bytes.iter().map(|&b| cp1252(b))),
        _ => out.extend(bytes.iter().map(|&b| char::from(b))),
    }
}

fn iso8859_5(b: u8) -> char {
    match b {
        0xA1..=0xFF if b != 0xAD && b != 0xF0 && b != 0xFD => {
            char::from_u32(u32::from(b) + 0x360).unwrap_or('\u{FFFD}')
        }
        0xF0 => '\u{2116}',
        0xFD => '\u{00A7}',
        _ => char::from(b),
    }
}

fn iso8859_15(b: u8) -> char {
    match b {
        0xA4 => '\u{20AC}',
        0xA6 => '\u{0160}',
        0xA8 => '\u{0161}',
        0xB4 => '\u{017D}',
        0xB8 => '\u{017E}',
        0xBC => '\u{0152}',
        0xBD => '\u{0153}',
        0xBE => '\u{0178}',
        _ => char::from(b),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(u32::from(HIGH[usize::from(b - 0x80)])).unwrap_or('\u{FFFD}'),
        _ => char::from(b),
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
    }
}
