//! The optimal encodation planner: an exact shortest-path search over
//! (position, mode, partial-unit state).
//!
//! States at each item position:
//!
//! | state            | meaning                                                      |
//! |------------------|--------------------------------------------------------------|
//! | `A`              | ASCII, at a codeword boundary                                |
//! | `C40+p`, p=0..2  | C40 latched, `p` values of the current triple written        |
//! | `TXT+p`          | Text latched, likewise                                       |
//! | `X12+p`          | X12 latched, likewise                                        |
//! | `EDI+p`, p=0..3  | EDIFACT latched, `p` values of the current 4-value group     |
//! | `B256`           | a Base 256 segment ends here (length field counted)          |
//!
//! A state's cost is the number of codewords written so far, counting a partial
//! triple or group as nothing until it completes. Leaving C40/Text/X12 (only at a
//! triple boundary) costs the unlatch 254; leaving EDIFACT costs the unlatch value
//! plus the rest of its codeword; a Base 256 segment of `L` bytes costs latch, a 1-byte
//! length (2 bytes from 250 on) and `L`.
//!
//! The end-of-symbol rules of ISO/IEC 16022 5.2 depend on how many codewords the
//! symbol holds, so the search ends in a list of [`EndOpt`]s, each of which says for a
//! given capacity whether it fits and how many data codewords (before padding) it
//! writes:
//!
//! - ASCII at the end: its cost.
//! - C40/Text/X12 at a triple boundary: the unlatch is written only if padding
//!   follows and at least 2 codewords remain (with 1 left the decoder returns to ASCII
//!   by itself, so the last codeword is an ASCII pad).
//! - C40/Text with 2 values of a triple left and exactly 2 codewords remaining: the
//!   triple is completed with a Shift 1 value (5.2.5.2 b); the symbol is then full.
//! - C40/Text/X12 at a triple boundary with exactly one codeword left and one ASCII
//!   codeword of data remaining: no unlatch (5.2.5.2 d).
//! - EDIFACT at a group boundary with at most 2 codewords left: the decoder returns to
//!   ASCII by itself, so the rest of the data (at most 2 ASCII codewords) follows
//!   without an unlatch; otherwise the unlatch value 31 ends EDIFACT, padded with zero
//!   bits to the codeword end. A lone value after a group boundary plus the unlatch
//!   takes 2 codewords, which is only valid when at least 3 remain.
//! - Base 256 reaching the end of the data: the length field may be 0 ("to the end of
//!   the symbol") when the segment fills the symbol exactly, so a final segment of 250+
//!   bytes needs a 1-byte length when it fills the symbol, else 2 bytes.
//!
//! Each option's cost is the minimum of its state, which is exact for every option
//! but one corner: an option that fits only one exact capacity (C40 Shift 1 padding,
//! the one-codeword implicit unlatch) is tried with the minimal cost of its state only.
//! A costlier path to the same state that would hit a different capacity exactly is
//! not considered; wherever that could matter another option (unlatch + ASCII) writes
//! no more codewords, except in rare cases where it costs one codeword.

use super::charset::{eci_len, CLASS, ECI_FLAG, FNC1};
use super::Modes;

pub(crate) const A: usize = 0;
pub(crate) const C40: usize = 1;
pub(crate) const TXT: usize = 4;
pub(crate) const X12: usize = 7;
pub(crate) const EDI: usize = 10;
pub(crate) const B256: usize = 14;
/// Number of states.
pub(crate) const NS: usize = 15;

const INF: u32 = u32::MAX / 4;
const NONE: u32 = u32::MAX;

/// How one candidate encoding ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EndKind {
    /// In ASCII after the last item.
    Ascii,
    /// In C40/Text/X12 (state index of p = 0) after the last item, at a triple boundary.
    Triple(usize),
    /// C40/Text (state index of p = 2) with two values pending: Shift 1 pad completes
    /// the triple; valid only when exactly 2 codewords remain.
    TriplePad(usize),
    /// EDIFACT with `p` values of the last group pending.
    Edifact(usize),
    /// A final Base 256 segment starting at item `start`.
    B256Final { start: usize },
    /// C40/Text/X12 (state index with p = 0) at item `pos` with one codeword left, the
    /// remaining items written as one ASCII codeword without unlatch.
    ImplicitTriple { state: usize, pos: usize },
    /// EDIFACT at a group boundary at item `pos` with at most 2 codewords left, the
    /// remaining items written as `r` ASCII codewords without unlatch.
    ImplicitEdifact { pos: usize, r: u32 },
}

/// One end option with the cost of its state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EndOpt {
    pub kind: EndKind,
    pub cost: u32,
    /// For `B256Final`: the segment length.
    pub len: u32,
}

impl EndOpt {
    /// Data codewords (before padding) this option writes in a symbol of `cap` data
    /// codewords, or `None` when it does not fit.
    pub fn used(&self, cap: u32) -> Option<u32> {
        let c = self.cost;
        match self.kind {
            EndKind::Ascii => (c <= cap).then_some(c),
            EndKind::Triple(_) => (c <= cap).then(|| if cap - c <= 1 { c } else { c + 1 }),
            EndKind::TriplePad(_) => (c + 2 == cap).then_some(cap),
            EndKind::Edifact(0) => (c <= cap).then(|| if cap - c <= 2 { c } else { c + 1 }),
            EndKind::Edifact(1) => (c + 3 <= cap).then_some(c + 2),
            EndKind::Edifact(_) => (c + 3 <= cap).then_some(c + 3),
            EndKind::B256Final { .. } => {
                if self.len <= 249 || c == cap {
                    (c <= cap).then_some(c)
                } else {
                    (c < cap).then_some(c + 1)
                }
            }
            EndKind::ImplicitTriple { .. } => (c + 1 == cap).then_some(cap),
            EndKind::ImplicitEdifact { r, .. } => (c + r <= cap && cap - c <= 2).then_some(c + r),
        }
    }

    /// The fewest data codewords this option could write in any symbol.
    pub fn lower_bound(&self) -> u32 {
        let c = self.cost;
        match self.kind {
            EndKind::Ascii | EndKind::Triple(_) | EndKind::Edifact(0) => c,
            EndKind::B256Final { .. } => c,
            EndKind::TriplePad(_) | EndKind::Edifact(1) => c + 2,
            EndKind::Edifact(_) => c + 3,
            EndKind::ImplicitTriple { .. } => c + 1,
            EndKind::ImplicitEdifact { r, .. } => c + r,
        }
    }
}

/// The search tables, reused between calls (no allocation once warm).
#[derive(Default, Debug)]
pub(crate) struct Planner {
    cost: Vec<[u32; NS]>,
    /// Back pointer: `prev_pos << 4 | prev_state`, or `NONE`.
    back: Vec<[u32; NS]>,
    pub(crate) ends: Vec<EndOpt>,
    pub(crate) path: Vec<(u32, u8)>,
}

#[inline]
fn relax(
    cost: &mut [[u32; NS]],
    back: &mut [[u32; NS]],
    to: (usize, usize),
    c: u32,
    from: (usize, usize),
) {
    if let (Some(cr), Some(br)) = (cost.get_mut(to.0), back.get_mut(to.0)) {
        if c < cr[to.1] {
            cr[to.1] = c;
            br[to.1] = ((from.0 as u32) << 4) | from.1 as u32;
        }
    }
}

/// ASCII codewords of one item (FNC1 1, ECI its designator, byte 1 or 2).
#[inline]
pub(crate) fn ascii_item_cost(item: u32) -> u32 {
    if item <= 255 {
        CLASS[item as usize].ascii as u32
    } else if item == FNC1 {
        1
    } else {
        eci_len(item & !ECI_FLAG) as u32
    }
}

#[inline]
fn is_digit(item: u32) -> bool {
    item <= 255 && CLASS[item as usize].digit
}

/// ASCII-only cost of `items` (digit pairs taken greedily, which is optimal in ASCII).
pub(crate) fn ascii_run_cost(items: &[u32]) -> u32 {
    let mut i = 0;
    let mut c = 0;
    while i < items.len() {
        if is_digit(items[i]) && items.get(i + 1).is_some_and(|&x| is_digit(x)) {
            i += 2;
            c += 1;
        } else {
            c += ascii_item_cost(items[i]);
            i += 1;
        }
    }
    c
}

impl Planner {
    /// Runs the search over `items`, starting in ASCII with `init` codewords already
    /// written (function-character prefix), and collects the end options.
    pub fn run(&mut self, items: &[u32], modes: Modes, init: u32) {
        let n = items.len();
        self.cost.clear();
        self.cost.resize(n + 1, [INF; NS]);
        self.back.clear();
        self.back.resize(n + 1, [NONE; NS]);
        let cost = &mut self.cost[..];
        let back = &mut self.back[..];
        cost[0][A] = init;

        let c40 = modes.contains(Modes::C40);
        let txt = modes.contains(Modes::TEXT);
        let x12 = modes.contains(Modes::X12);
        let edi = modes.contains(Modes::EDIFACT);
        let b256 = modes.contains(Modes::BASE256);

        // Base 256 window: segments may start at any i >= seg (no FNC1/ECI inside)
        let mut seg = 0usize;
        // min over i in [seg, j) of cost[i][A] - i (as i64), with its argmin
        let mut run_min: (i64, usize) = (i64::MAX, 0);

        for j in 0..=n {
            // 1. a Base 256 segment ending at j (started from ASCII at some i in [seg, j))
            if b256 && j > seg {
                let i = j - 1;
                let ci = cost[i][A];
                if ci < INF && (ci as i64 - i as i64) < run_min.0 {
                    run_min = (ci as i64 - i as i64, i);
                }
                if j - seg <= 249 {
                    if run_min.0 < i64::MAX {
                        relax_b256(cost, back, j, run_min.0 + 2 + j as i64, run_min.1);
                    }
                } else {
                    // lengths up to 249 take a 1-byte length field, longer ones 2 bytes
                    let (short, sarg) = min_a(cost, j - 249, j);
                    let (long, larg) = min_a(cost, seg, j - 249);
                    if short < i64::MAX {
                        relax_b256(cost, back, j, short + 2 + j as i64, sarg);
                    }
                    if long < i64::MAX {
                        relax_b256(cost, back, j, long + 3 + j as i64, larg);
                    }
                }
            }
            // 2. closing transitions into ASCII
            let cj = cost[j];
            let mut best_a = cj[A];
            let mut from = NONE;
            let mut consider = |c: u32, s: usize| {
                if c < best_a {
                    best_a = c;
                    from = s as u32;
                }
            };
            consider(cj[C40].saturating_add(1), C40);
            consider(cj[TXT].saturating_add(1), TXT);
            consider(cj[X12].saturating_add(1), X12);
            consider(cj[EDI].saturating_add(1), EDI);
            consider(cj[EDI + 1].saturating_add(2), EDI + 1);
            consider(cj[EDI + 2].saturating_add(3), EDI + 2);
            consider(cj[EDI + 3].saturating_add(3), EDI + 3);
            consider(cj[B256], B256);
            if from != NONE {
                cost[j][A] = best_a;
                back[j][A] = ((j as u32) << 4) | from;
            }
            // 3. latches out of ASCII
            let ca = cost[j][A];
            if ca < INF {
                let latch = ca + 1;
                let me = ((j as u32) << 4) | A as u32;
                for (on, s) in [(c40, C40), (txt, TXT), (x12, X12), (edi, EDI)] {
                    if on && latch < cost[j][s] {
                        cost[j][s] = latch;
                        back[j][s] = me;
                    }
                }
            }
            if j == n {
                break;
            }
            // 4. consume item j
            let item = items[j];
            let cj = cost[j];
            if item > 255 && item != FNC1 {
                // ECI: ASCII only, and Base 256 cannot span it
                seg = j + 1;
                run_min = (i64::MAX, 0);
                if cj[A] < INF {
                    relax(
                        cost,
                        back,
                        (j + 1, A),
                        cj[A] + ascii_item_cost(item),
                        (j, A),
                    );
                }
                continue;
            }
            let (ac, c40n, txtn, x12ok, edok, digit) = if item == FNC1 {
                seg = j + 1;
                run_min = (i64::MAX, 0);
                (1, 2, 2, false, false, false)
            } else {
                let k = CLASS[item as usize];
                (
                    k.ascii as u32,
                    k.c40 as usize,
                    k.text as usize,
                    k.x12,
                    k.edifact,
                    k.digit,
                )
            };
            if cj[A] < INF {
                relax(cost, back, (j + 1, A), cj[A] + ac, (j, A));
                if digit && j + 1 < n && is_digit(items[j + 1]) {
                    relax(cost, back, (j + 2, A), cj[A] + 1, (j, A));
                }
            }
            for p in 0..3 {
                if c40 && cj[C40 + p] < INF {
                    let q = p + c40n;
                    relax(
                        cost,
                        back,
                        (j + 1, C40 + q % 3),
                        cj[C40 + p] + 2 * (q / 3) as u32,
                        (j, C40 + p),
                    );
                }
                if txt && cj[TXT + p] < INF {
                    let q = p + txtn;
                    relax(
                        cost,
                        back,
                        (j + 1, TXT + q % 3),
                        cj[TXT + p] + 2 * (q / 3) as u32,
                        (j, TXT + p),
                    );
                }
                if x12ok && x12 && cj[X12 + p] < INF {
                    let q = p + 1;
                    relax(
                        cost,
                        back,
                        (j + 1, X12 + q % 3),
                        cj[X12 + p] + 2 * (q / 3) as u32,
                        (j, X12 + p),
                    );
                }
            }
            if edok && edi {
                for p in 0..4 {
                    if cj[EDI + p] < INF {
                        let q = p + 1;
                        relax(
                            cost,
                            back,
                            (j + 1, EDI + q % 4),
                            cj[EDI + p] + 3 * (q / 4) as u32,
                            (j, EDI + p),
                        );
                    }
                }
            }
        }

        // end options
        self.ends.clear();
        let last = self.cost[n];
        let mut push = |kind: EndKind, cost: u32, len: u32| {
            if cost < INF {
                self.ends.push(EndOpt { kind, cost, len });
            }
        };
        push(EndKind::Ascii, last[A], 0);
        for s in [C40, TXT, X12] {
            push(EndKind::Triple(s), last[s], 0);
        }
        push(EndKind::TriplePad(C40 + 2), last[C40 + 2], 0);
        push(EndKind::TriplePad(TXT + 2), last[TXT + 2], 0);
        for p in 0..4 {
            push(EndKind::Edifact(p), last[EDI + p], 0);
        }
        if b256 && n > seg && run_min.0 < i64::MAX {
            // run_min covers every start in [seg, n)
            let c = run_min.0 + 2 + n as i64;
            push(
                EndKind::B256Final { start: run_min.1 },
                c as u32,
                (n - run_min.1) as u32,
            );
        }
        // implicit unlatches near the end
        for back_k in 1..=4usize {
            if back_k > n {
                break;
            }
            let pos = n - back_k;
            let r = ascii_run_cost(&items[pos..]);
            if r == 1 {
                for s in [C40, TXT, X12] {
                    push(
                        EndKind::ImplicitTriple { state: s, pos },
                        self.cost[pos][s],
                        0,
                    );
                }
            }
            if r <= 2 {
                push(EndKind::ImplicitEdifact { pos, r }, self.cost[pos][EDI], 0);
            }
        }
    }

    /// The best option for a symbol of `cap` data codewords: (option index, used).
    pub fn best_for(&self, cap: u32) -> Option<(usize, u32)> {
        let mut best: Option<(usize, u32)> = None;
        for (k, e) in self.ends.iter().enumerate() {
            if let Some(u) = e.used(cap) {
                if best.is_none_or(|(_, b)| u < b) {
                    best = Some((k, u));
                }
            }
        }
        best
    }

    /// The fewest codewords any option needs in any symbol.
    pub fn lower_bound(&self) -> u32 {
        self.ends
            .iter()
            .map(EndOpt::lower_bound)
            .min()
            .unwrap_or(INF)
    }

    /// Fills `self.path` with the (position, state) nodes from the start to `(pos, state)`.
    pub fn trace(&mut self, pos: usize, state: usize) {
        self.path.clear();
        let (mut p, mut s) = (pos, state);
        loop {
            self.path.push((p as u32, s as u8));
            let b = match self.back.get(p) {
                Some(b) => b[s],
                None => break,
            };
            if b == NONE {
                break;
            }
            p = (b >> 4) as usize;
            s = (b & 15) as usize;
        }
        self.path.reverse();
    }
}

/// min over i in [lo, hi) of cost[i][A] - i, with its argmin.
fn min_a(cost: &[[u32; NS]], lo: usize, hi: usize) -> (i64, usize) {
    let mut m = (i64::MAX, lo);
    for (k, c) in cost.iter().enumerate().take(hi).skip(lo) {
        let ck = c[A];
        if ck < INF && (ck as i64 - k as i64) < m.0 {
            m = (ck as i64 - k as i64, k);
        }
    }
    m
}

#[inline]
fn relax_b256(cost: &mut [[u32; NS]], back: &mut [[u32; NS]], j: usize, c: i64, start: usize) {
    if c >= 0 && c < INF as i64 && (c as u32) < cost[j][B256] {
        cost[j][B256] = c as u32;
        back[j][B256] = ((start as u32) << 4) | A as u32;
    }
}
