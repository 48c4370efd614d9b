//! The data stage on hand-built codeword streams, built per ISO/IEC 16022 in the test
//! (packing and randomising written out here, not taken from the library).

use ecc200::decode::{decode_data, DataFault, DecodeError, StructuredAppend};

/// C40/Text/X12 packing of three values into two codewords (ISO/IEC 16022 5.2.5.2):
/// V = 1600 u1 + 40 u2 + u3 + 1.
fn pack(u1: u16, u2: u16, u3: u16) -> [u8; 2] {
    let v = 1600 * u1 + 40 * u2 + u3 + 1;
    [(v / 256) as u8, (v % 256) as u8]
}

/// 255-state randomising of Base 256 at 1-based position `pos` (Annex B).
fn r255(v: u8, pos: usize) -> u8 {
    ((v as usize + (149 * pos) % 255 + 1) % 256) as u8
}

fn fault(r: Result<impl std::fmt::Debug, DecodeError>) -> (usize, u8, DataFault) {
    match r {
        Err(DecodeError::Data {
            codeword_index,
            value,
            reason,
        }) => (codeword_index, value, reason),
        other => panic!("expected a data error, got {other:?}"),
    }
}

#[test]
fn c40_pack_known_answer() {
    // "AIM": A=14, I=22, M=26 -> 1600*14 + 40*22 + 26 + 1 = 23307 = 91*256 + 11
    assert_eq!(pack(14, 22, 26), [91, 11]);
}

#[test]
fn ascii_characters_digits_upper_shift_and_pad() {
    // 'H'=72 -> 73, 'i' -> 106, "42" -> 130+42, upper shift 'A' -> 0xC1, pad, junk
    let c = decode_data(&[73, 106, 172, 235, 66, 1, 129, 12, 99]).unwrap();
    assert_eq!(c.bytes, b"Hi42\xC1\x00");
    assert_eq!(c.padding, 3);
    assert_eq!(c.symbology_identifier(), "]d1");
    let c = decode_data(&[130, 229]).unwrap();
    assert_eq!(c.bytes, b"0099");
}

#[test]
fn c40_with_unlatch_at_end_and_trailing_ascii() {
    // unlatch then ASCII
    let c = decode_data(&[230, 91, 11, 254, 66, 129]).unwrap();
    assert_eq!(c.bytes, b"AIMA");
    // segment ends exactly at the end of the symbol, no unlatch
    let c = decode_data(&[230, 91, 11]).unwrap();
    assert_eq!(c.bytes, b"AIM");
    // one codeword left after the C40 pairs: ASCII without unlatch
    let c = decode_data(&[230, 91, 11, 67]).unwrap();
    assert_eq!(c.bytes, b"AIMB");
    // digits, space
    let [a, b] = pack(4, 13, 3);
    let c = decode_data(&[230, a, b, 254]).unwrap();
    assert_eq!(c.bytes, b"09 ");
}

#[test]
fn c40_shift_sets_fnc1_and_upper_shift() {
    // shift1 value 9 = TAB; shift2 0 = '!'; shift2 27 = FNC1 (GS)
    let [a, b] = pack(0, 9, 1);
    let [c, d] = pack(0, 1, 27);
    // shift3 1 = 'a' (96+1); shift2 30 = upper shift; then 'A' -> 0xC1
    let [e, f] = pack(2, 1, 1);
    let [g, h] = pack(30, 14, 3);
    let c_ = decode_data(&[230, a, b, c, d, e, f, g, h, 254]).unwrap();
    assert_eq!(c_.bytes, b"\t!\x1Da\xC1 ");
    // a shift spanning a pair boundary: (3, 3, shift2) (15 = ':', 3, 3)
    let [a, b] = pack(3, 3, 1);
    let [c, d] = pack(15, 3, 3);
    assert_eq!(decode_data(&[230, a, b, c, d]).unwrap().bytes, b"  :  ");
    // undefined shift-2 value 28
    let [a, b] = pack(1, 28, 3);
    assert_eq!(
        fault(decode_data(&[230, a, b])),
        (1, a, DataFault::BadShiftValue)
    );
    // pair above 64000
    assert_eq!(
        fault(decode_data(&[66, 230, 250, 1])),
        (2, 250, DataFault::BadTriplet)
    );
}

#[test]
fn text_mode() {
    // same values as C40 "AIM" read as lower case
    assert_eq!(decode_data(&[239, 91, 11, 254]).unwrap().bytes, b"aim");
    // shift3 in Text: 1 = 'A', 0 = '`', 27 = '{'
    let [a, b] = pack(2, 1, 2);
    let [c, d] = pack(0, 2, 27);
    assert_eq!(decode_data(&[239, a, b, c, d]).unwrap().bytes, b"A`{");
}

#[test]
fn x12_mode() {
    // 'A' '*' '1' / CR ' ' '>'
    let [a, b] = pack(14, 1, 5);
    let [c, d] = pack(0, 3, 2);
    let out = decode_data(&[238, a, b, c, d, 254, 66]).unwrap();
    assert_eq!(out.bytes, b"A*1\r >A");
    // ends with one codeword left: ASCII
    let out = decode_data(&[238, a, b, 67]).unwrap();
    assert_eq!(out.bytes, b"A*1B");
}

#[test]
fn edifact_mode() {
    // "ABCD" = 1,2,3,4 -> 000001 000010 000011 000100 = 0x04 0x20 0xC4
    assert_eq!(decode_data(&[240, 4, 32, 196]).unwrap().bytes, b"ABCD");
    // ends with two codewords left at a group boundary: ASCII without unlatch
    assert_eq!(
        decode_data(&[240, 4, 32, 196, 66, 67]).unwrap().bytes,
        b"ABCDAB"
    );
    // "ABC" then unlatch (31) -> 000001 000010 000011 011111 = 0x04 0x20 0xDF
    assert_eq!(decode_data(&[240, 4, 32, 223, 66]).unwrap().bytes, b"ABCA");
    // "A", unlatch after 12 bits: 000001 011111 (0000) = 0x05 0xF0; ASCII resumes at the
    // next codeword boundary
    assert_eq!(decode_data(&[240, 5, 240, 67, 68]).unwrap().bytes, b"ABC");
    // a lone codeword after the last whole group is ASCII even when it looks like an
    // unlatch (0b011111_00 = 124 reads as '{'): encoders must not put one there
    assert_eq!(
        decode_data(&[240, 4, 32, 196, 124]).unwrap().bytes,
        b"ABCD{"
    );
    // values 32..63 stand for themselves: "1 ?@" = 49, 32, 63, 0 (@)
    // 110001 100000 111111 000000 = 0xC6 0x0F 0xC0
    assert_eq!(
        decode_data(&[240, 0xC6, 0x0F, 0xC0]).unwrap().bytes,
        b"1 ?@"
    );
}

#[test]
fn base256_mode() {
    // 231 at position 1, length at 2, data from 3
    let data = b"\x00\xFFab";
    let mut s = vec![231, r255(data.len() as u8, 2)];
    s.extend(data.iter().enumerate().map(|(k, &v)| r255(v, 3 + k)));
    s.push(66); // back in ASCII
    s.push(129);
    let c = decode_data(&s).unwrap();
    assert_eq!(c.bytes, b"\x00\xFFabA");
    // length 0: to the end of the data
    let mut s = vec![66, 231, r255(0, 3)];
    s.extend((0..5).map(|k| r255(200 + k as u8, 4 + k)));
    assert_eq!(decode_data(&s).unwrap().bytes, b"A\xC8\xC9\xCA\xCB\xCC");
    // two-byte length 300 = 250 * (250 - 249) + 50
    let mut s = vec![231, r255(250, 2), r255(50, 3)];
    s.extend((0..300).map(|k| r255((k % 251) as u8, 4 + k)));
    let c = decode_data(&s).unwrap();
    assert_eq!(c.bytes.len(), 300);
    assert!(c
        .bytes
        .iter()
        .enumerate()
        .all(|(k, &v)| v == (k % 251) as u8));
    // length beyond the end
    let s = [66, 231, r255(10, 3), 1, 2];
    assert_eq!(
        fault(decode_data(&s)).2,
        DataFault::Base256BeyondEnd {
            len: 10,
            available: 2
        }
    );
}

#[test]
fn fnc1_positions() {
    // first position: GS1, no character; later FNC1 = GS
    let c = decode_data(&[232, 131, 142, 232, 141, 129]).unwrap();
    assert!(c.gs1 && !c.aim);
    assert_eq!(c.bytes, b"0112\x1D11");
    assert_eq!(c.symbology_identifier(), "]d2");
    // second position after one letter: AIM
    let c = decode_data(&[66, 232, 50]).unwrap();
    assert!(c.aim && !c.gs1);
    assert_eq!(c.bytes, b"A1");
    assert_eq!(c.symbology_identifier(), "]d3");
    // second position after two digits (one digit pair)
    let c = decode_data(&[142, 232, 66]).unwrap();
    assert!(c.aim);
    assert_eq!(c.bytes, b"12A");
    // second position after something else: separator
    let c = decode_data(&[34, 232, 66]).unwrap();
    assert!(!c.aim && !c.gs1);
    assert_eq!(c.bytes, b"!\x1DA");
}

#[test]
fn structured_append_and_fnc1_fifth() {
    // symbol 3 of 7: 0010 1010; file id 10, 20; then FNC1 in the fifth position
    let c = decode_data(&[233, 0x2A, 10, 20, 232, 131, 66]).unwrap();
    assert_eq!(
        c.structured_append,
        Some(StructuredAppend {
            position: 3,
            total: 7,
            file_id: [10, 20]
        })
    );
    assert!(c.gs1);
    assert_eq!(c.bytes, b"01A");
    // sixth position after a letter
    let c = decode_data(&[233, 0x0F, 1, 1, 66, 232, 67]).unwrap();
    assert!(c.aim);
    assert_eq!(c.structured_append.unwrap().total, 2);
    // bad: total 17 (low nibble 0), position beyond total, file id 0, truncated, misplaced
    assert_eq!(
        fault(decode_data(&[233, 0x00, 1, 1])).2,
        DataFault::BadStructuredAppend
    );
    assert_eq!(
        fault(decode_data(&[233, 0x2F, 1, 1])).2,
        DataFault::BadStructuredAppend
    );
    assert_eq!(
        fault(decode_data(&[233, 0x0F, 0, 1])),
        (2, 0, DataFault::BadStructuredAppend)
    );
    assert_eq!(fault(decode_data(&[233, 0x0F])).2, DataFault::Truncated);
    assert_eq!(
        fault(decode_data(&[66, 233, 0x0F, 1, 1])),
        (1, 233, DataFault::MisplacedFunction)
    );
}

#[test]
fn reader_programming_and_macros() {
    let c = decode_data(&[234, 66]).unwrap();
    assert!(c.reader_programming);
    assert_eq!(c.bytes, b"A");
    let c = decode_data(&[236, 66, 129]).unwrap();
    assert_eq!(c.macro_, Some(5));
    assert_eq!(c.bytes, b"[)>\x1E05\x1DA\x1E\x04");
    let c = decode_data(&[237, 131]).unwrap();
    assert_eq!(c.bytes, b"[)>\x1E06\x1D01\x1E\x04");
    assert_eq!(
        fault(decode_data(&[66, 236])),
        (1, 236, DataFault::MisplacedFunction)
    );
    assert_eq!(
        fault(decode_data(&[66, 234])),
        (1, 234, DataFault::MisplacedFunction)
    );
}

#[test]
fn eci_designators() {
    // ECI 26 (UTF-8): one codeword 27; "é" = C3 A9 by upper shift
    let c = decode_data(&[241, 27, 235, 0x44, 235, 0x2A]).unwrap();
    assert_eq!(c.eci, vec![(0, 26)]);
    assert_eq!(c.bytes, b"\xC3\xA9");
    assert_eq!(c.text(), "é");
    assert_eq!(c.symbology_identifier(), "]d4");
    // the same bytes without ECI are Latin-1
    let c = decode_data(&[235, 0x44, 235, 0x2A]).unwrap();
    assert_eq!(c.text(), "Ã©");
    // two codewords: 1000 = (131-128)*254 + (112-1) + 127
    let c = decode_data(&[66, 241, 131, 112, 67]).unwrap();
    assert_eq!(c.eci, vec![(1, 1000)]);
    assert_eq!(c.bytes, b"AB");
    // three codewords: 100000 = (193-192)*64516 + (76-1)*254 + (52-1) + 16383
    let c = decode_data(&[232, 241, 193, 76, 52]).unwrap();
    assert_eq!(c.eci, vec![(0, 100000)]);
    assert_eq!(c.symbology_identifier(), "]d5");
    let c = decode_data(&[66, 232, 241, 4]).unwrap();
    assert_eq!(c.symbology_identifier(), "]d6");
    assert_eq!(c.eci_transmission(), b"A\\000003");
    // ECI protocol transmission: backslash doubled, ECI as six digits
    let c = decode_data(&[0x5D, 241, 27, 67]).unwrap();
    assert_eq!(c.eci_transmission(), b"\\\\\\000026B");
    // segments: Latin-1 then UTF-8
    let c = decode_data(&[235, 0x6A, 241, 27, 235, 0x44, 235, 0x2A]).unwrap();
    assert_eq!(c.text(), "éé");
    // 999999 is the largest: (254-192)*64516 + ... exceeds it
    assert_eq!(
        fault(decode_data(&[241, 254, 254, 254])).2,
        DataFault::BadEci
    );
    assert_eq!(fault(decode_data(&[241, 0])).2, DataFault::BadEci);
    assert_eq!(
        fault(decode_data(&[241, 130, 255])),
        (2, 255, DataFault::BadEci)
    );
    assert_eq!(fault(decode_data(&[241])).2, DataFault::Truncated);
}

#[test]
fn invalid_ascii_values() {
    assert_eq!(fault(decode_data(&[0])), (0, 0, DataFault::InvalidAscii));
    for v in 242..=255u8 {
        assert_eq!(
            fault(decode_data(&[66, v])),
            (1, v, DataFault::InvalidAscii)
        );
    }
    assert_eq!(fault(decode_data(&[235])).2, DataFault::Truncated);
    assert_eq!(
        fault(decode_data(&[235, 130])),
        (1, 130, DataFault::BadUpperShift)
    );
    // errors display short, lowercase
    let e = decode_data(&[0]).unwrap_err().to_string();
    assert_eq!(
        e,
        "data codeword 0 (value 0): not a valid ascii-mode codeword"
    );
}

#[test]
fn empty_data() {
    let c = decode_data(&[]).unwrap();
    assert!(c.bytes.is_empty());
}
