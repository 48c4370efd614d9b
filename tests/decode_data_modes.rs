//! Random sequences of segments in every encodation, built by a minimal encoder written
//! here from ISO/IEC 16022 5.2 (explicit latches and unlatches, no optimisation), must
//! decode to the concatenated text.

use ecc200::decode::decode_data;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Seg {
    Ascii(Vec<u8>),
    C40(Vec<u8>),
    Text(Vec<u8>),
    X12(Vec<u8>),
    Edifact(Vec<u8>),
    Base256(Vec<u8>),
}

/// C40 (upper = true) or Text values of one ASCII character.
fn c40_values(ch: u8, c40: bool, out: &mut Vec<u16>) {
    let (basic_first, shift3_first) = if c40 { (b'A', b'a') } else { (b'a', b'A') };
    let ch7 = ch & 0x7F;
    if ch >= 128 {
        out.extend([1, 30]); // shift 2, upper shift
    }
    match ch7 {
        b' ' => out.push(3),
        b'0'..=b'9' => out.push(u16::from(ch7 - b'0') + 4),
        c if (basic_first..basic_first + 26).contains(&c) => {
            out.push(u16::from(c - basic_first) + 14)
        }
        0..=31 => out.extend([0, u16::from(ch7)]),
        33..=47 => out.extend([1, u16::from(ch7 - 33)]),
        58..=64 => out.extend([1, u16::from(ch7 - 58) + 15]),
        91..=95 => out.extend([1, u16::from(ch7 - 91) + 22]),
        c if (shift3_first..shift3_first + 26).contains(&c) => {
            out.extend([2, u16::from(c - shift3_first) + 1])
        }
        96 => out.extend([2, 0]),
        123..=127 => out.extend([2, u16::from(ch7 - 123) + 27]),
        _ => unreachable!(),
    }
}

fn x12_value(ch: u8) -> u16 {
    match ch {
        b'\r' => 0,
        b'*' => 1,
        b'>' => 2,
        b' ' => 3,
        b'0'..=b'9' => u16::from(ch - b'0') + 4,
        _ => u16::from(ch - b'A') + 14,
    }
}

fn pack_triplets(vals: &mut Vec<u16>, out: &mut Vec<u8>) {
    if vals.len() % 3 == 2 {
        vals.push(0); // a lone shift 1 fills the last triplet (5.2.5.2 b)
    }
    assert_eq!(vals.len() % 3, 0);
    for t in vals.chunks(3) {
        let v = 1600 * t[0] + 40 * t[1] + t[2] + 1;
        out.extend([(v >> 8) as u8, v as u8]);
    }
    out.push(254);
}

/// Whether an EDIFACT segment of `n` characters followed by `f` more codewords in the
/// symbol ends with its last partial group in ASCII and no unlatch (5.2.8.2: with one
/// or two codewords left after the last whole group the decoder reads ASCII).
fn edifact_tail_in_ascii(n: usize, f: usize) -> bool {
    let tail = n % 4;
    tail + f <= 2
}

/// Encoded length of one segment, given `f` codewords after it.
fn seg_len(s: &Seg, f: usize) -> usize {
    let mut out = Vec::new();
    encode_one(s, f, &mut out);
    out.len()
}

fn encode(segs: &[Seg], pad: usize) -> Vec<u8> {
    // codewords after each segment (lengths do not depend on position)
    let mut after = vec![0usize; segs.len()];
    let mut f = pad;
    for (k, s) in segs.iter().enumerate().rev() {
        after[k] = f;
        f += seg_len(s, f);
    }
    let mut out = Vec::new();
    for (s, &f) in segs.iter().zip(&after) {
        encode_one(s, f, &mut out);
    }
    out
}

fn encode_one(s: &Seg, f: usize, out: &mut Vec<u8>) {
    match s {
        Seg::Ascii(b) => {
            for &c in b {
                if c < 128 {
                    out.push(c + 1);
                } else {
                    out.extend([235, c - 127]);
                }
            }
        }
        Seg::C40(b) | Seg::Text(b) => {
            let c40 = matches!(s, Seg::C40(_));
            out.push(if c40 { 230 } else { 239 });
            // values per character; characters that would leave one value alone in
            // the last triplet go to ASCII after the unlatch (5.2.5.2 c)
            let mut per_char: Vec<Vec<u16>> = b
                .iter()
                .map(|&c| {
                    let mut v = Vec::new();
                    c40_values(c, c40, &mut v);
                    v
                })
                .collect();
            let mut tail = Vec::new();
            while per_char.iter().map(Vec::len).sum::<usize>() % 3 == 1 {
                tail.insert(0, b[per_char.len() - 1]);
                per_char.pop();
            }
            let mut vals: Vec<u16> = per_char.concat();
            pack_triplets(&mut vals, out);
            for c in tail {
                if c < 128 {
                    out.push(c + 1);
                } else {
                    out.extend([235, c - 127]);
                }
            }
        }
        Seg::X12(b) => {
            out.push(238);
            let mut vals: Vec<u16> = b.iter().map(|&c| x12_value(c)).collect();
            // X12 has no filler value: only whole triplets are generated
            assert_eq!(vals.len() % 3, 0);
            pack_triplets(&mut vals, out);
        }
        Seg::Edifact(b) => {
            out.push(240);
            let ascii_tail = edifact_tail_in_ascii(b.len(), f);
            let whole = if ascii_tail {
                b.len() - b.len() % 4
            } else {
                b.len()
            };
            let mut bits: Vec<bool> = Vec::new();
            let unlatch = if ascii_tail { None } else { Some(31) };
            for v in b[..whole].iter().map(|&c| c & 0x3F).chain(unlatch) {
                bits.extend((0..6).rev().map(|k| v >> k & 1 == 1));
            }
            for chunk in bits.chunks(8) {
                let mut byte = 0u8;
                for (k, &bit) in chunk.iter().enumerate() {
                    byte |= u8::from(bit) << (7 - k);
                }
                out.push(byte);
            }
            if ascii_tail {
                out.extend(b[whole..].iter().map(|&c| c + 1));
            }
        }
        Seg::Base256(b) if b.is_empty() && f > 0 => {} // nothing to write
        Seg::Base256(b) => {
            out.push(231);
            let mut field = Vec::new();
            if f == 0 {
                field.push(0); // length 0: the field runs to the end of the symbol
            } else if b.len() < 250 {
                field.push(b.len() as u8);
            } else {
                field.extend([(b.len() / 250 + 249) as u8, (b.len() % 250) as u8]);
            }
            field.extend_from_slice(b);
            for v in field {
                let pos = out.len() + 1;
                out.push(((v as usize + (149 * pos) % 255 + 1) % 256) as u8);
            }
        }
    }
}

fn seg() -> impl Strategy<Value = Seg> {
    let x12_chars = prop::sample::select(b"\r*> 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_vec());
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..12).prop_map(Seg::Ascii),
        prop::collection::vec(any::<u8>(), 1..20).prop_map(Seg::C40),
        prop::collection::vec(any::<u8>(), 1..20).prop_map(Seg::Text),
        prop::collection::vec(x12_chars, 1..7)
            .prop_map(|v| Seg::X12(v.iter().cycle().take(v.len() * 3).copied().collect())),
        prop::collection::vec(32u8..=94, 0..20).prop_map(Seg::Edifact),
        // (an empty field is written only at the very end: length 0 means "to the end")
        prop::collection::vec(any::<u8>(), 0..300).prop_map(Seg::Base256),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_mode_sequence_decodes(segs in prop::collection::vec(seg(), 1..6), pad in 0usize..4) {
        let mut cw = encode(&segs, pad);
        for k in 0..pad {
            cw.push(if k == 0 { 129 } else { 7 });
        }
        let want: Vec<u8> = segs
            .iter()
            .flat_map(|s| match s {
                Seg::Ascii(b) | Seg::C40(b) | Seg::Text(b) | Seg::X12(b) | Seg::Edifact(b) | Seg::Base256(b) => b.clone(),
            })
            .collect();
        let c = decode_data(&cw).map_err(|e| TestCaseError::fail(format!("{e} in {cw:?}")))?;
        prop_assert_eq!(c.bytes, want);
        prop_assert_eq!(c.padding, pad);
    }
}
