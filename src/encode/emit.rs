//! Writes the codewords of a planned path, then the padding.
//!
//! The writer follows the planner's path node by node and applies the end-of-symbol
//! rules the way a decoder reads them: at a C40/Text/X12 triple boundary with one
//! codeword left, and at an EDIFACT group boundary with at most two left, the decoder
//! is back in ASCII without an unlatch, so none is written there.

use super::charset::{edifact_value, push_eci, triple_values, TripleSet, ECI_FLAG, FNC1};
use super::plan::{EndKind, EndOpt, A, B256, C40, EDI, TXT, X12};

/// Mode family of a state index.
fn family(s: usize) -> usize {
    match s {
        A => A,
        C40..=3 => C40,
        TXT..=6 => TXT,
        X12..=9 => X12,
        EDI..=13 => EDI,
        _ => B256,
    }
}

fn set_of(fam: usize) -> TripleSet {
    match fam {
        C40 => TripleSet::C40,
        TXT => TripleSet::Text,
        _ => TripleSet::X12,
    }
}

/// Codeword writer with the partial triple / EDIFACT group in flight.
pub(crate) struct Writer<'a> {
    pub out: &'a mut Vec<u8>,
    cap: usize,
    tri: [u8; 3],
    ntri: usize,
    /// EDIFACT bit accumulator (MSB first) and its bit count.
    bits: u32,
    nbits: u32,
}

impl<'a> Writer<'a> {
    pub fn new(out: &'a mut Vec<u8>, cap: usize) -> Self {
        Writer {
            out,
            cap,
            tri: [0; 3],
            ntri: 0,
            bits: 0,
            nbits: 0,
        }
    }

    fn remaining(&self) -> usize {
        self.cap.saturating_sub(self.out.len())
    }

    fn tri_value(&mut self, v: u8) {
        self.tri[self.ntri] = v;
        self.ntri += 1;
        if self.ntri == 3 {
            let x = 1600 * self.tri[0] as u32 + 40 * self.tri[1] as u32 + self.tri[2] as u32 + 1;
            self.out.push((x >> 8) as u8);
            self.out.push(x as u8);
            self.ntri = 0;
        }
    }

    fn edi_value(&mut self, v: u8) {
        self.bits = (self.bits << 6) | (v as u32 & 0x3F);
        self.nbits += 6;
        while self.nbits >= 8 {
            self.nbits -= 8;
            self.out.push((self.bits >> self.nbits) as u8);
        }
        self.bits &= (1 << self.nbits) - 1;
    }

    /// EDIFACT unlatch: value 31, then zero bits to the codeword end.
    fn edi_unlatch(&mut self) {
        self.edi_value(31);
        if self.nbits > 0 {
            self.out.push((self.bits << (8 - self.nbits)) as u8);
            self.bits = 0;
            self.nbits = 0;
        }
    }

    /// One item in ASCII.
    fn ascii_item(&mut self, item: u32) {
        if item == FNC1 {
            self.out.push(232);
        } else if item > 255 {
            push_eci(self.out, item & !ECI_FLAG);
        } else if item >= 128 {
            self.out.push(235);
            self.out.push((item - 127) as u8);
        } else {
            self.out.push(item as u8 + 1);
        }
    }

    fn digit_pair(&mut self, a: u32, b: u32) {
        self.out
            .push((130 + 10 * (a - b'0' as u32) + (b - b'0' as u32)) as u8);
    }

    /// ASCII items, digit pairs taken greedily.
    fn ascii_run(&mut self, items: &[u32]) {
        let mut i = 0;
        while i < items.len() {
            let a = items[i];
            let isd = |x: u32| (b'0' as u32..=b'9' as u32).contains(&x);
            match items.get(i + 1) {
                Some(&b) if isd(a) && isd(b) => {
                    self.digit_pair(a, b);
                    i += 2;
                }
                _ => {
                    self.ascii_item(a);
                    i += 1;
                }
            }
        }
    }

    fn b256_push(&mut self, v: u8) {
        let p = self.out.len() as u32 + 1;
        let r = (149 * p) % 255 + 1;
        self.out.push(((v as u32 + r) & 0xFF) as u8);
    }

    /// A Base 256 segment: latch, length field (0 = to the end of the symbol when
    /// `to_end` and the segment fills it exactly with a 250+ length), randomised bytes.
    fn b256_segment(&mut self, items: &[u32], to_end: bool) {
        self.out.push(231);
        let l = items.len();
        if l <= 249 {
            self.b256_push(l as u8);
        } else if to_end && self.out.len() + 1 + l == self.cap {
            self.b256_push(0);
        } else {
            self.b256_push((l / 250 + 249) as u8);
            self.b256_push((l % 250) as u8);
        }
        for &b in items {
            self.b256_push(b as u8);
        }
    }

    /// Pads to the capacity: 129, then the 253-state randomised pad.
    pub fn pad(&mut self) {
        if self.out.len() < self.cap {
            self.out.push(129);
        }
        while self.out.len() < self.cap {
            let p = self.out.len() as u32 + 1;
            let r = (149 * p) % 253 + 1;
            let t = 129 + r;
            self.out.push(if t <= 254 { t } else { t - 254 } as u8);
        }
    }

    /// Writes the items along `path` (nodes from the planner) and the end `opt`.
    pub fn write_path(&mut self, items: &[u32], path: &[(u32, u8)], opt: &EndOpt) {
        let mut vals = [0u8; 4];
        for w in path.windows(2) {
            let (i, s) = (w[0].0 as usize, w[0].1 as usize);
            let (j, t) = (w[1].0 as usize, w[1].1 as usize);
            if i == j {
                self.switch(s, t);
                continue;
            }
            let seg = items.get(i..j).unwrap_or(&[]);
            match (family(s), t) {
                (A, B256) => self.b256_segment(seg, false),
                (A, _) => {
                    if seg.len() == 2 {
                        self.digit_pair(seg[0], seg[1]);
                    } else {
                        self.ascii_run(seg);
                    }
                }
                (EDI, _) => {
                    for &b in seg {
                        self.edi_value(edifact_value(b as u8));
                    }
                }
                (f, _) => {
                    for &it in seg {
                        let n = triple_values(set_of(f), it, &mut vals);
                        for &v in &vals[..n] {
                            self.tri_value(v);
                        }
                    }
                }
            }
        }
        match opt.kind {
            EndKind::Ascii => {}
            EndKind::Triple(_) => {
                if self.remaining() >= 2 {
                    self.out.push(254);
                }
            }
            EndKind::TriplePad(_) => self.tri_value(0),
            EndKind::Edifact(p) => {
                if p != 0 || self.remaining() > 2 {
                    self.edi_unlatch();
                }
            }
            EndKind::B256Final { start } => {
                self.b256_segment(items.get(start..).unwrap_or(&[]), true);
            }
            EndKind::ImplicitTriple { pos, .. } | EndKind::ImplicitEdifact { pos, .. } => {
                self.ascii_run(items.get(pos..).unwrap_or(&[]));
            }
        }
    }

    fn switch(&mut self, s: usize, t: usize) {
        match (family(s), t) {
            (A, C40) => self.out.push(230),
            (A, TXT) => self.out.push(239),
            (A, X12) => self.out.push(238),
            (A, EDI) => self.out.push(240),
            // with one codeword left the decoder is back in ASCII by itself
            (C40 | TXT | X12, A) if self.remaining() >= 2 => self.out.push(254),
            // at a group boundary with at most two left, likewise
            (EDI, A) if s != EDI || self.remaining() > 2 => self.edi_unlatch(),
            _ => {}
        }
    }
}
