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
use std::collections::VecDeque;

pub(crate) const A: usize = 0;
pub(crate) const C40: usize = 1;
pub(crate) const TXT: usize = 4;
pub(crate) const X12: usize = 7;
pub(crate) const EDI: usize = 10;
pub(crate) const B256: usize = 14;
/// Number of states.
pub(crate) const NS: usize = 15;

/// Unreachable. Costs only ever grow by a few codewords per item, so anything at or
/// above `INF` is unreachable and additions never overflow.
const INF: u32 = 1 << 28;

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
    /// Start item of the best Base 256 segment ending at each position.
    b256_from: Vec<u32>,
    /// The schemes of the last run.
    modes: Modes,
    pub(crate) ends: Vec<EndOpt>,
    pub(crate) path: Vec<(u32, u8)>,
    /// Sliding-window minimum for Base 256 segments: (cost - start, start).
    window: VecDeque<(i64, usize)>,
}

/// A character of `k` triple values (1..=4) taken from pending counts 0, 1, 2 with
/// costs `c0, c1, c2`: the new costs at pending 0, 1, 2 (constant indices, so the row
/// can stay in registers).
#[inline(always)]
fn rot3(c0: u32, c1: u32, c2: u32, k: usize) -> (u32, u32, u32) {
    match k {
        1 => (c2 + 2, c0, c1),
        2 => (c1 + 2, c2 + 2, c0),
        3 => (c0 + 2, c1 + 2, c2 + 2),
        _ => (c2 + 4, c0 + 2, c1 + 2),
    }
}

/// Drops schemes that another allowed scheme dominates for this message, item by
/// item, under the same rules, so that they can never write fewer codewords:
///
/// - Text when C40 is allowed and no byte (modulo 128) is a lowercase letter: every
///   item then takes at least as many Text values as C40 values;
/// - C40 when Text is allowed (and kept) and no byte (modulo 128) is uppercase;
/// - X12 when no byte is CR, `*` or `>` and C40 (or Text without uppercase) is kept:
///   every X12 character is then one value there too, with the same end rules plus
///   more;
/// - Base 256 when no byte is above 127: ASCII writes any such segment in at most its
///   length, never more than the latch, length and bytes of Base 256.
///
/// This only saves time: the result is the same as with the full set.
pub(crate) fn prune(items: &[u32], modes: Modes) -> Modes {
    prune_with(prune_flags(items), modes)
}

/// What [`prune`] looks at in `items`, as bits (lowercase 1, uppercase 2, X12
/// specials 4, bytes above 127 8); the flags of a concatenation are the union.
pub(crate) fn prune_flags(items: &[u32]) -> u8 {
    let mut f = 0u8;
    for &it in items {
        if let Some(k) = CLASS.get(it as usize) {
            f |= k.prune;
        }
    }
    f
}

/// [`prune`] from the flags of [`prune_flags`].
pub(crate) fn prune_with(flags: u8, modes: Modes) -> Modes {
    let (lower, upper, x12s, high) = (
        flags & 1 != 0,
        flags & 2 != 0,
        flags & 4 != 0,
        flags & 8 != 0,
    );
    let mut m = modes;
    if m.contains(Modes::C40) && !lower {
        m = m.without(Modes::TEXT);
    }
    if m.contains(Modes::TEXT) && !upper {
        m = m.without(Modes::C40);
    }
    let covered = m.contains(Modes::C40) || (m.contains(Modes::TEXT) && !upper);
    if !x12s && covered {
        m = m.without(Modes::X12);
    }
    if !high {
        m = m.without(Modes::BASE256);
    }
    m
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
        self.run_with(items, prune(items, modes), init);
    }

    /// As [`Planner::run`] with exactly the schemes of `modes` (no pruning).
    pub(crate) fn run_with(&mut self, items: &[u32], modes: Modes, init: u32) {
        self.run_from(items, modes, init, 0);
    }

    /// The cost of ASCII state at item position `pos` in the last run, if reachable.
    pub(crate) fn ascii_cost(&self, pos: usize) -> Option<u32> {
        self.cost.get(pos).map(|r| r[A]).filter(|&c| c < INF)
    }

    /// The schemes of the last run (after pruning).
    pub(crate) fn modes(&self) -> Modes {
        self.modes
    }

    /// Re-runs the search over `items` keeping rows `0..=start` of the previous run,
    /// which must have been over the same `items[..start]` with the same `modes` and
    /// `init` (the search is causal: row j depends only on items before j). Returns
    /// false, doing nothing, when that cannot be done exactly: Base 256 in `modes`,
    /// other schemes than the last run's, or `start` beyond the table.
    pub(crate) fn resume(&mut self, items: &[u32], modes: Modes, init: u32, start: usize) -> bool {
        if start == 0
            || modes != self.modes
            || modes.contains(Modes::BASE256)
            || start > items.len()
            || self.cost.len() <= start
        {
            return false;
        }
        self.run_from(items, modes, init, start);
        true
    }

    fn run_from(&mut self, items: &[u32], modes: Modes, init: u32, start: usize) {
        let n = items.len();
        // every row 0..=n is written in full below; only grow the table
        if self.cost.len() < n + 1 {
            self.cost.resize(n + 1, [INF; NS]);
        }
        self.b256_from.clear();
        if modes.contains(Modes::BASE256) {
            self.b256_from.resize(n + 1, 0);
        }
        self.window.clear();
        self.modes = modes;
        let c40 = modes.contains(Modes::C40);
        let txt = modes.contains(Modes::TEXT);
        let x12 = modes.contains(Modes::X12);
        let edi = modes.contains(Modes::EDIFACT);
        let b256 = modes.contains(Modes::BASE256);
        let fnc1_ascii = modes.contains(Modes::FNC1_ASCII);
        let cost = &mut self.cost[..];
        let back = &mut self.b256_from[..];
        let window = &mut self.window;
        // common scheme sets get their own constant-folded copy of the loop
        let (seg, run_min) = match (c40, txt, x12, edi, b256, fnc1_ascii) {
            (false, false, false, false, false, false) => forward(
                cost, back, window, items, init, start, false, false, false, false, false, false,
            ),
            (true, false, false, true, false, false) => forward(
                cost, back, window, items, init, start, true, false, false, true, false, false,
            ),
            (true, true, false, true, false, false) => forward(
                cost, back, window, items, init, start, true, true, false, true, false, false,
            ),
            (true, true, true, true, true, false) => forward(
                cost, back, window, items, init, start, true, true, true, true, true, false,
            ),
            _ => forward(
                cost, back, window, items, init, start, c40, txt, x12, edi, b256, fnc1_ascii,
            ),
        };

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

    /// Fills `self.path` with the (position, state) nodes from the start to `(pos, state)`,
    /// following at each node a predecessor whose cost plus the step cost equals the
    /// node's cost (every such chain is a shortest path; no zero-cost cycles exist).
    pub fn trace(&mut self, items: &[u32], pos: usize, state: usize) {
        self.trace_until(items, pos, state, None);
    }

    /// As [`Planner::trace`], but stops at the node `stop` (position, state) if the
    /// path passes it, so that the path starts there; returns whether it did.
    pub(crate) fn trace_until(
        &mut self,
        items: &[u32],
        pos: usize,
        state: usize,
        stop: Option<(usize, usize)>,
    ) -> bool {
        let mut stopped = false;
        self.path.clear();
        let cost = &self.cost;
        let m = self.modes;
        let at = |p: usize, s: usize| cost.get(p).map_or(INF, |r| r[s]);
        // the transitions into ASCII of the schemes in use: (from state, step cost)
        let mut exits = [(0usize, 0u32); 8];
        let mut n_exits = 0;
        for (on, t, add) in [
            (m.contains(Modes::C40), C40, 1),
            (m.contains(Modes::TEXT), TXT, 1),
            (m.contains(Modes::X12), X12, 1),
            (m.contains(Modes::EDIFACT), EDI, 1),
            (m.contains(Modes::EDIFACT), EDI + 1, 2),
            (m.contains(Modes::EDIFACT), EDI + 2, 3),
            (m.contains(Modes::EDIFACT), EDI + 3, 3),
            (m.contains(Modes::BASE256), B256, 0),
        ] {
            if on {
                exits[n_exits] = (t, add);
                n_exits += 1;
            }
        }
        let exits = &exits[..n_exits];
        let (mut p, mut s) = (pos, state);
        while self.path.len() <= 16 * (items.len() + 2) {
            self.path.push((p as u32, s as u8));
            if stop == Some((p, s)) {
                stopped = true;
                break;
            }
            let c = at(p, s);
            if c >= INF {
                break;
            }
            let prev: Option<(usize, usize)> = match s {
                A => {
                    let mut found = None;
                    if p >= 1 {
                        let it = items[p - 1];
                        if at(p - 1, A) + ascii_item_cost(it) == c {
                            found = Some((p - 1, A));
                        } else if p >= 2
                            && is_digit(it)
                            && is_digit(items[p - 2])
                            && at(p - 2, A) + 1 == c
                        {
                            found = Some((p - 2, A));
                        }
                    }
                    if found.is_none() {
                        for &(t, add) in exits {
                            if at(p, t) + add == c {
                                found = Some((p, t));
                                break;
                            }
                        }
                    }
                    found
                }
                B256 => self.b256_from.get(p).map(|&i| (i as usize, A)),
                _ => {
                    let (fam, modulus, unit) = match s {
                        C40..=3 => (C40, 3, 2),
                        TXT..=6 => (TXT, 3, 2),
                        X12..=9 => (X12, 3, 2),
                        _ => (EDI, 4, 3),
                    };
                    let q = s - fam;
                    if q == 0 && at(p, A) + 1 == c {
                        Some((p, A))
                    } else if p >= 1 {
                        let it = items[p - 1];
                        let k = match fam {
                            C40 | TXT if it == FNC1 => 2,
                            C40 => CLASS[(it & 255) as usize].c40 as usize,
                            TXT => CLASS[(it & 255) as usize].text as usize,
                            _ => 1,
                        };
                        let pp = (q + modulus * 4 - k) % modulus;
                        let add = unit * ((pp + k) / modulus) as u32;
                        (at(p - 1, fam + pp) + add == c).then_some((p - 1, fam + pp))
                    } else {
                        None
                    }
                }
            };
            match prev {
                Some((pp, ss)) => {
                    p = pp;
                    s = ss;
                }
                None => break,
            }
        }
        self.path.reverse();
        stopped
    }
}

/// The forward pass of the search; returns the start of the last Base 256 window and
/// the best final-segment start. Inlined into each call site so that constant scheme
/// flags fold away.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn forward(
    cost: &mut [[u32; NS]],
    back: &mut [u32],
    window: &mut VecDeque<(i64, usize)>,
    items: &[u32],
    init: u32,
    start: usize,
    c40: bool,
    txt: bool,
    x12: bool,
    edi: bool,
    b256: bool,
    fnc1_ascii: bool,
) -> (usize, (i64, usize)) {
    let n = items.len();
    // the current row lives in locals and is stored once per position (mixing
    // element and vector accesses through memory stalls store forwarding)
    let mut cur = [INF; NS];
    cur[A] = init;
    let mut prev_a = INF;
    // resuming at row `start` (no Base 256: its window state is not kept): rows up to
    // `start` are already in the table; re-running steps 2 and 3 on row `start` is a
    // no-op, and row j + 1 only looks back at items[j - 1] and row j - 1's ASCII cost
    if start > 0 && start <= n && !b256 {
        cur = cost[start];
        prev_a = cost[start - 1][A];
    }
    let start = if b256 { 0 } else { start.min(n) };

    // Base 256 segments may start at any i >= seg (no FNC1/ECI inside). For a
    // segment ending at j the cost is cost[i][A] - i + j + 2 (+1 from 250 bytes on):
    // `run_min` = min over [seg, j) (final segment, any length), `window` = sliding
    // minimum over [j-249, j) (1-byte length), `long` = min over [seg, j-250].
    let mut seg = 0usize;
    let mut run_min: (i64, usize) = (i64::MAX, 0);
    let mut long: (i64, usize) = (i64::MAX, 0);

    for j in start..=n {
        // 1. a Base 256 segment ending at j
        if b256 && j > seg {
            let i = j - 1;
            let ci = cost[i][A];
            if ci < INF {
                let v = ci as i64 - i as i64;
                if v < run_min.0 {
                    run_min = (v, i);
                }
                while window.back().is_some_and(|&(bv, _)| bv >= v) {
                    window.pop_back();
                }
                window.push_back((v, i));
            }
            while window.front().is_some_and(|&(_, bi)| bi + 249 < j) {
                window.pop_front();
            }
            if j >= seg + 250 {
                let k = j - 250;
                let ck = cost[k][A];
                if ck < INF && (ck as i64 - k as i64) < long.0 {
                    long = (ck as i64 - k as i64, k);
                }
            }
            if let Some(&(v, i)) = window.front() {
                relax_b256(&mut cur, back, j, v + 2 + j as i64, i);
            }
            if long.0 < i64::MAX {
                relax_b256(&mut cur, back, j, long.0 + 3 + j as i64, long.1);
            }
        }
        // 2. closing transitions into ASCII (no back pointers: `trace` finds the
        // predecessor whose cost plus the step cost matches)
        let row = &mut cur;
        let mut best_a = row[A];
        if c40 {
            best_a = best_a.min(row[C40] + 1);
        }
        if txt {
            best_a = best_a.min(row[TXT] + 1);
        }
        if x12 {
            best_a = best_a.min(row[X12] + 1);
        }
        if edi {
            best_a = best_a
                .min(row[EDI] + 1)
                .min(row[EDI + 1] + 2)
                .min(row[EDI + 2] + 3)
                .min(row[EDI + 3] + 3);
        }
        if b256 {
            best_a = best_a.min(row[B256]);
        }
        row[A] = best_a;
        // 3. latches out of ASCII
        let latch = best_a + 1;
        if c40 {
            row[C40] = row[C40].min(latch);
        }
        if txt {
            row[TXT] = row[TXT].min(latch);
        }
        if x12 {
            row[X12] = row[X12].min(latch);
        }
        if edi {
            row[EDI] = row[EDI].min(latch);
        }
        cost[j] = cur;
        if j == n {
            break;
        }
        // 4. row j+1 from row j, updated in place with constant indices only, so the row
        // can live in registers (each in-mode state has exactly one predecessor)
        let item = items[j];
        let old_a = cur[A];
        cur[B256] = INF;
        if item > 255 && item != FNC1 {
            // ECI: ASCII only; Base 256 cannot span it
            seg = j + 1;
            run_min = (i64::MAX, 0);
            long = (i64::MAX, 0);
            window.clear();
            let a = old_a + ascii_item_cost(item);
            cur = [INF; NS];
            cur[A] = a;
        } else {
            let (ac, c40n, txtn, x12ok, edok) = if item == FNC1 {
                seg = j + 1;
                run_min = (i64::MAX, 0);
                long = (i64::MAX, 0);
                window.clear();
                (1, 2, 2, false, false)
            } else {
                let k = CLASS[item as usize];
                (
                    k.ascii as u32,
                    k.c40 as usize,
                    k.text as usize,
                    k.x12,
                    k.edifact,
                )
            };
            let mut a = old_a + ac;
            if j >= 1 && is_digit(item) && is_digit(items[j - 1]) {
                a = a.min(prev_a + 1);
            }
            cur[A] = a;
            // FNC1 restricted to ASCII: no C40/Text state survives it
            let shift2_ok = !(fnc1_ascii && item == FNC1);
            if c40 {
                let (x, y, z) = if shift2_ok {
                    rot3(cur[C40], cur[C40 + 1], cur[C40 + 2], c40n)
                } else {
                    (INF, INF, INF)
                };
                cur[C40] = x;
                cur[C40 + 1] = y;
                cur[C40 + 2] = z;
            }
            if txt {
                let (x, y, z) = if shift2_ok {
                    rot3(cur[TXT], cur[TXT + 1], cur[TXT + 2], txtn)
                } else {
                    (INF, INF, INF)
                };
                cur[TXT] = x;
                cur[TXT + 1] = y;
                cur[TXT + 2] = z;
            }
            if x12 {
                let (x, y, z) = if x12ok {
                    (cur[X12 + 2] + 2, cur[X12], cur[X12 + 1])
                } else {
                    (INF, INF, INF)
                };
                cur[X12] = x;
                cur[X12 + 1] = y;
                cur[X12 + 2] = z;
            }
            if edi {
                let (w, x, y, z) = if edok {
                    (cur[EDI + 3] + 3, cur[EDI], cur[EDI + 1], cur[EDI + 2])
                } else {
                    (INF, INF, INF, INF)
                };
                cur[EDI] = w;
                cur[EDI + 1] = x;
                cur[EDI + 2] = y;
                cur[EDI + 3] = z;
            }
        }
        prev_a = old_a;
    }

    (seg, run_min)
}

#[inline]
fn relax_b256(row: &mut [u32; NS], from: &mut [u32], j: usize, c: i64, start: usize) {
    if c >= 0 && c < INF as i64 && (c as u32) < row[B256] {
        row[B256] = c as u32;
        if let Some(f) = from.get_mut(j) {
            *f = start as u32;
        }
    }
}

/// The per-byte arithmetic [`prune_flags`] is tested against.
#[cfg(test)]
fn prune_flags_reference(items: &[u32]) -> u8 {
    let mut f = 0u8;
    for &it in items {
        if it <= 255 {
            let b = it as u8;
            let c = b & 0x7F;
            f |= u8::from(c.is_ascii_lowercase())
                | (u8::from(c.is_ascii_uppercase()) << 1)
                | (u8::from(matches!(b, b'\r' | b'*' | b'>')) << 2)
                | (u8::from(b >= 128) << 3);
        }
    }
    f
}

#[cfg(test)]
mod prune_tests {
    use super::*;

    #[test]
    fn flag_table_equals_reference() {
        for b in 0..=255u32 {
            assert_eq!(prune_flags(&[b]), prune_flags_reference(&[b]), "byte {b}");
        }
        let mixed = [
            b'a' as u32,
            FNC1,
            200,
            b'*' as u32,
            ECI_FLAG | 26,
            b'Q' as u32,
        ];
        assert_eq!(prune_flags(&mixed), prune_flags_reference(&mixed));
        assert_eq!(prune_flags(&mixed), 15);
    }
}
