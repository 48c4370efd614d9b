//! A small independent ECC 200 data-codeword decoder, written from ISO/IEC 16022 5.2
//! for the encoder tests (the crate's own decoder is a separate module).
#![allow(dead_code)]

/// Decoded item: a byte, FNC1, or an ECI number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum It {
    B(u8),
    Fnc1,
    Eci(u32),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    pub items: Vec<It>,
    pub structured_append: Option<(u8, u8, u8)>,
    pub reader_programming: bool,
    pub macro_cw: Option<u8>,
    /// Index of the first pad codeword, if any.
    pub pad_at: Option<usize>,
}

fn unrand255(v: u8, pos: usize) -> u8 {
    let r = ((149 * pos) % 255 + 1) as i32;
    let t = v as i32 - r;
    (if t >= 0 { t } else { t + 256 }) as u8
}

pub fn decode(cw: &[u8]) -> Result<Decoded, String> {
    let n = cw.len();
    let mut d = Decoded::default();
    let mut i = 0;
    let mut upper = false;
    let push = |d: &mut Decoded, upper: &mut bool, b: u8| {
        let b = if *upper { b.wrapping_add(128) } else { b };
        *upper = false;
        d.items.push(It::B(b));
    };
    while i < n {
        let c = cw[i];
        let at = i;
        i += 1;
        match c {
            1..=128 => push(&mut d, &mut upper, c - 1),
            129 => {
                d.pad_at = Some(at);
                // the remaining pads must follow the 253-state pattern
                for (k, &p) in cw.iter().enumerate().skip(at + 1) {
                    let r = (149 * (k + 1)) % 253 + 1;
                    let t = 129 + r;
                    let want = if t <= 254 { t } else { t - 254 };
                    if p as usize != want {
                        return Err(format!("bad pad {p} at {k}, want {want}"));
                    }
                }
                return Ok(d);
            }
            130..=229 => {
                let v = c - 130;
                d.items.push(It::B(b'0' + v / 10));
                d.items.push(It::B(b'0' + v % 10));
            }
            230 | 239 | 238 => {
                i = triples(cw, i, c, &mut d)?;
            }
            231 => {
                let l1 = unrand255(*cw.get(i).ok_or("b256 length missing")?, i + 1) as usize;
                i += 1;
                let len = if l1 == 0 {
                    n - i
                } else if l1 < 250 {
                    l1
                } else {
                    let l2 = unrand255(*cw.get(i).ok_or("b256 length 2 missing")?, i + 1) as usize;
                    i += 1;
                    250 * (l1 - 249) + l2
                };
                if i + len > n {
                    return Err(format!("b256 length {len} past the end"));
                }
                for k in 0..len {
                    d.items.push(It::B(unrand255(cw[i + k], i + k + 1)));
                }
                i += len;
            }
            232 => d.items.push(It::Fnc1),
            233 => {
                if at != 0 {
                    return Err("structured append not first".into());
                }
                if i + 3 > n {
                    return Err("short structured append".into());
                }
                d.structured_append = Some((cw[i], cw[i + 1], cw[i + 2]));
                i += 3;
            }
            234 => d.reader_programming = true,
            235 => upper = true,
            236 | 237 => d.macro_cw = Some(c),
            240 => {
                i = edifact(cw, i, &mut d)?;
            }
            241 => {
                let c1 = *cw.get(i).ok_or("eci missing")? as u32;
                i += 1;
                let v = if c1 <= 127 {
                    c1 - 1
                } else if c1 <= 191 {
                    let c2 = *cw.get(i).ok_or("eci 2")? as u32;
                    i += 1;
                    (c1 - 128) * 254 + (c2 - 1) + 127
                } else {
                    let c2 = *cw.get(i).ok_or("eci 2")? as u32;
                    let c3 = *cw.get(i + 1).ok_or("eci 3")? as u32;
                    i += 2;
                    (c1 - 192) * 64516 + (c2 - 1) * 254 + (c3 - 1) + 16383
                };
                d.items.push(It::Eci(v));
            }
            _ => return Err(format!("bad ascii codeword {c} at {at}")),
        }
    }
    if upper {
        return Err("dangling upper shift".into());
    }
    Ok(d)
}

fn triples(cw: &[u8], mut i: usize, latch: u8, d: &mut Decoded) -> Result<usize, String> {
    let n = cw.len();
    let mut shift = 0u8;
    let mut upper = false;
    loop {
        if n - i <= 1 {
            // 0 or 1 codeword left: back to ASCII (ISO 16022 5.2.5.2)
            if shift != 0 || upper {
                return Err("dangling shift at end".into());
            }
            return Ok(i);
        }
        if cw[i] == 254 {
            if shift != 0 || upper {
                return Err("unlatch inside a shifted character".into());
            }
            return Ok(i + 1);
        }
        let v = (cw[i] as u32) * 256 + cw[i + 1] as u32 - 1;
        i += 2;
        let vals = [(v / 1600) as u8, ((v / 40) % 40) as u8, (v % 40) as u8];
        if v / 1600 >= 40 {
            return Err("triple value out of range".into());
        }
        for (k, &x) in vals.iter().enumerate() {
            let mut out: Option<u32> = None;
            if latch == 238 {
                out = Some(match x {
                    0 => 13,
                    1 => b'*' as u32,
                    2 => b'>' as u32,
                    3 => 32,
                    4..=13 => (b'0' + x - 4) as u32,
                    _ => (b'A' + x - 14) as u32,
                });
            } else {
                match shift {
                    0 => match x {
                        0..=2 => shift = x + 1,
                        3 => out = Some(32),
                        4..=13 => out = Some((b'0' + x - 4) as u32),
                        _ => {
                            let base = if latch == 230 { b'A' } else { b'a' };
                            out = Some((base + x - 14) as u32)
                        }
                    },
                    1 => {
                        out = Some(x as u32);
                        shift = 0;
                    }
                    2 => {
                        shift = 0;
                        match x {
                            0..=14 => out = Some(33 + x as u32),
                            15..=21 => out = Some(58 + x as u32 - 15),
                            22..=26 => out = Some(91 + x as u32 - 22),
                            27 => out = Some(0x100),
                            30 => upper = true,
                            _ => return Err(format!("bad shift 2 value {x}")),
                        }
                    }
                    _ => {
                        shift = 0;
                        out = Some(if latch == 230 {
                            96 + x as u32
                        } else {
                            match x {
                                0 => 96,
                                1..=26 => (b'A' + x - 1) as u32,
                                27..=31 => 123 + x as u32 - 27,
                                _ => return Err(format!("bad text shift 3 value {x}")),
                            }
                        });
                    }
                }
                if shift == 1 && k == 2 && i == n {
                    // Shift 1 padding of the final triple (5.2.5.2 b)
                    shift = 0;
                }
            }
            if let Some(o) = out {
                if o == 0x100 {
                    if upper {
                        return Err("upper shift before fnc1".into());
                    }
                    d.items.push(It::Fnc1);
                } else {
                    let b = if upper { o + 128 } else { o };
                    upper = false;
                    d.items.push(It::B(b as u8));
                }
            }
        }
    }
}

fn edifact(cw: &[u8], mut i: usize, d: &mut Decoded) -> Result<usize, String> {
    let n = cw.len();
    loop {
        if n - i <= 2 {
            return Ok(i);
        }
        let bits = (cw[i] as u32) << 16 | (cw[i + 1] as u32) << 8 | cw[i + 2] as u32;
        for k in 0..4u32 {
            let v = ((bits >> (18 - 6 * k)) & 63) as u8;
            if v == 31 {
                let used_bits = 6 * (k + 1);
                let rest = bits & ((1u32 << (24 - used_bits)) - 1);
                let bytes = used_bits.div_ceil(8) as usize;
                // the bits after the unlatch up to the codeword end must be zero
                if (rest >> (24 - 8 * bytes as u32)) != 0 {
                    return Err("nonzero edifact fill bits".into());
                }
                return Ok(i + bytes);
            }
            let b = if v >= 32 { v } else { v | 64 };
            d.items.push(It::B(b));
        }
        i += 3;
    }
}
