//! Candidate detection: finds the solid L finder of ECC 200 symbols at any rotation and
//! returns the symbol's four corners.
//!
//! 1. Runs of foreground pixels in the binary image are joined into connected
//!    components ([`runs`]). The L finder is one component (often with data modules
//!    attached) whose convex hull has two long straight sides meeting at the L corner.
//! 2. The hull is simplified into straight sides ([`hull`]); pairs of adjacent long
//!    sides meeting at 50..130 degrees are L hypotheses. Each arm must be solid: just
//!    inside the side the binary image is dark nearly all along (a clock track or a
//!    random edge is not).
//! 3. Each arm's line is refitted to sub-pixel edge points found on grey-level
//!    profiles across it. The two far sides (the clock tracks) are found by walking
//!    in from outside to the first dark pixel along the expected side and fitting the
//!    outer envelope of those edge points (the dark clock modules). The corners are
//!    the intersections of the four lines, so perspective is handled.
//! 4. Symbols printed on a label darker than the paper: the label's margin (the
//!    symbol's quiet zone) can binarize as ink, so the component's hull is the label's.
//!    When the grey levels across an L's edges show such a margin (outside the edge,
//!    or a grey step inside it before the finder), the finder is looked for again
//!    inside the label with a threshold halfway between margin and finder
//!    ([`Candidate::on_label`]); every corner of such a hull is tried.

pub mod hull;
pub mod runs;

use crate::binarize::Binarizer;
use crate::frame::Frame;
use crate::geometry::Point;
use hull::{convex_hull_sorted, straight_sides, Side};
use runs::Labeler;

/// Finder settings.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct FindOptions {
    /// Smallest symbol side looked at, pixels (default 14).
    pub min_extent: u32,
    /// Most components examined per polarity (default 64).
    pub max_components: usize,
    /// Most runs labelled per polarity; the rest of the frame is ignored (default 4 M).
    pub max_runs: usize,
    /// How far inside a finder side ink may start and the side still count as solid
    /// there, pixels (default 2.1; more for joined round dots).
    pub edge_slack: f64,
    /// Skip an L whose inside next to both arms (the first data row and column of a
    /// symbol) is all ink or all paper before fitting its edges: letters, boxes and
    /// frames look like that, a symbol's data practically never does (default true;
    /// the reader's thorough mode turns it off).
    pub require_data: bool,
    /// Look for symbols on labels darker than the paper around them (see the module
    /// documentation, step 4; default true).
    pub labels: bool,
}

impl Default for FindOptions {
    fn default() -> Self {
        FindOptions {
            min_extent: 14,
            max_components: 64,
            max_runs: 4 << 20,
            edge_slack: 2.1,
            require_data: true,
            labels: true,
        }
    }
}

/// A symbol candidate: its corners as if it were not mirrored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Top-left (module (0,0) corner, end of the L's vertical arm), top-right,
    /// bottom-right (end of the L's horizontal arm), bottom-left (the L corner).
    pub corners: [Point; 4],
    /// Module size estimate from the L's thickness, pixels.
    pub module_px: f64,
    /// Light symbol on dark ground.
    pub inverted: bool,
    /// Fraction of the L arms that is solid (0..1).
    pub solidity: f64,
    /// True when the symbol was found inside a label darker than the paper: the
    /// module size was then measured on grey levels, not on the binary image.
    pub on_label: bool,
}

/// A line through `p` with unit direction `d`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// A point on the line.
    pub p: Point,
    /// Unit direction.
    pub d: Point,
}

impl Line {
    /// Intersection with `o`, `None` when nearly parallel.
    pub fn intersect(&self, o: &Line) -> Option<Point> {
        let den = self.d.x * o.d.y - self.d.y * o.d.x;
        if den.abs() < 1e-6 {
            return None;
        }
        let w = o.p - self.p;
        let t = (w.x * o.d.y - w.y * o.d.x) / den;
        Some(self.p + self.d * t)
    }

    /// Total-least-squares fit, `None` for fewer than 2 distinct points.
    pub fn fit(pts: &[Point]) -> Option<Line> {
        if pts.len() < 2 {
            return None;
        }
        let n = pts.len() as f64;
        let (mut mx, mut my) = (0.0, 0.0);
        for p in pts {
            mx += p.x;
            my += p.y;
        }
        mx /= n;
        my /= n;
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for p in pts {
            let (dx, dy) = (p.x - mx, p.y - my);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if sxx + syy < 1e-9 {
            return None;
        }
        let theta = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        Some(Line {
            p: Point::new(mx, my),
            d: Point::new(theta.cos(), theta.sin()),
        })
    }

    /// Signed distance of `q` (positive to the left of `d` in a y-up frame).
    pub fn dist(&self, q: Point) -> f64 {
        let w = q - self.p;
        self.d.x * w.y - self.d.y * w.x
    }
}

fn norm(p: Point) -> Point {
    let l = p.x.hypot(p.y).max(1e-12);
    p * (1.0 / l)
}

fn dot(a: Point, b: Point) -> f64 {
    a.x * b.x + a.y * b.y
}

fn cross(a: Point, b: Point) -> f64 {
    a.x * b.y - a.y * b.x
}

/// The unit normal of `d` that points to the side of `toward`.
fn normal_toward(d: Point, toward: Point) -> Point {
    let n = Point::new(-d.y, d.x);
    if dot(n, toward) >= 0.0 {
        n
    } else {
        n * -1.0
    }
}

/// The finder: owns labelling and geometry scratch reused from frame to frame.
#[derive(Clone, Debug, Default)]
pub struct Finder {
    labeler: Labeler,
    comp_slot: Vec<u32>,
    chosen: Vec<u32>,
    slot_start: Vec<u32>,
    row_ext: Vec<(u32, u32)>,
    pts: Vec<Point>,
    hull: Vec<Point>,
    sides: Vec<Side>,
    thick: Vec<f64>,
    edge: Vec<Point>,
    env: Vec<Point>,
    env_hull: Vec<Point>,
    hyps: Vec<Hyp>,
    prof: Vec<f64>,
    /// The label-aware candidate of the last [`Finder::try_l`], if it found one.
    label_cand: Option<Candidate>,
    /// Whether [`Finder::on_label`] saw a label's grey margin in the current hull.
    label_seen: bool,
}

/// The finder of a symbol on a darker label, as [`Finder::on_label`] finds it.
struct Label {
    p: Point,
    a: Point,
    b: Point,
    left: Line,
    bottom: Line,
    mpx: f64,
    /// Grey threshold between the label's margin and the finder.
    thr: f64,
}

/// An L hypothesis whose two arms passed the solidity test.
#[derive(Clone, Copy, Debug)]
struct Hyp {
    /// The two arms' solidity summed, times the shorter arm's length (a finder's arms
    /// are a symbol's longest solid sides).
    score: f64,
    /// Mean solidity of the two arms.
    solidity: f64,
    corner: Point,
    e1: Point,
    n1: Point,
    e2: Point,
    n2: Point,
    /// Module size from the arms' ink thickness (30th percentile), if any.
    mpx: Option<f64>,
}

/// Is (x, y) foreground (dark, or light when `inv`) in the binary image?
#[inline]
fn fg(b: &Binarizer, inv: bool, p: Point) -> bool {
    let bin = b.binary();
    if !(p.x >= 0.0 && p.y >= 0.0) {
        return false;
    }
    // truncation is floor for non-negative values
    let (x, y) = (p.x as usize, p.y as usize);
    x < bin.width() && y < bin.height() && (bin.get(x, y) ^ inv)
}

/// Area of a simple polygon (shoelace).
fn polygon_area(p: &[Point]) -> f64 {
    let n = p.len();
    let mut a = 0.0;
    for i in 0..n {
        let (u, v) = (p[i], p[(i + 1) % n]);
        a += u.x * v.y - v.x * u.y;
    }
    0.5 * a.abs()
}

/// Grey level turned so that ink is high ("darkness").
#[inline]
fn ink(frame: &Frame<'_>, inv: bool, p: Point) -> f64 {
    let v = frame.sample_bilinear(p.x, p.y);
    if inv {
        v
    } else {
        255.0 - v
    }
}

impl Finder {
    /// A finder with empty buffers.
    pub fn new() -> Finder {
        Finder::default()
    }

    /// Appends the candidates of one polarity (`inverted`: light symbols on dark
    /// ground) found in `frame`, whose binarization `bin` holds.
    pub fn find(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inverted: bool,
        opts: &FindOptions,
        out: &mut Vec<Candidate>,
    ) {
        let img = bin.binary();
        if img.width() != frame.width() || img.height() != frame.height() {
            return;
        }
        self.labeler.label(img, inverted, opts.max_runs);
        let comps = &self.labeler.components;
        let max_extent = frame.width().max(frame.height()) as u32;
        let frame_area = frame.width() as u64 * frame.height() as u64;
        self.chosen.clear();
        for (i, c) in comps.iter().enumerate() {
            let e = c.extent();
            if e >= opts.min_extent
                && e <= max_extent
                && c.area >= 2 * opts.min_extent
                // (not the ground around everything; a symbol filling a frame cropped
                // tight can be half the frame's pixels dark, so allow up to three quarters)
                && u64::from(c.area) * 4 < frame_area * 3
                // a solid upright bar or box fills its bounding box; an L does not
                && u64::from(c.area) * 10 < u64::from(c.x1 - c.x0) * u64::from(c.y1 - c.y0) * 9
            {
                self.chosen.push(i as u32);
            }
        }
        // biggest first, deterministic
        self.chosen
            .sort_unstable_by_key(|&i| (std::cmp::Reverse(comps[i as usize].extent()), i));
        self.chosen.truncate(opts.max_components);
        self.comp_slot.clear();
        self.comp_slot.resize(comps.len(), u32::MAX);
        for (s, &c) in self.chosen.iter().enumerate() {
            self.comp_slot[c as usize] = s as u32;
        }
        // per chosen component, the leftmost and rightmost foreground pixel of each
        // of its rows (counting sort by component, rows of its bounding box)
        let ns = self.chosen.len();
        self.slot_start.clear();
        self.slot_start.push(0);
        for &c in &self.chosen {
            let c = comps[c as usize];
            let last = *self.slot_start.last().unwrap_or(&0);
            self.slot_start.push(last + (c.y1 - c.y0));
        }
        let total = *self.slot_start.last().unwrap_or(&0) as usize;
        self.row_ext.clear();
        self.row_ext.resize(total, (u32::MAX, 0));
        for (r, &l) in self.labeler.runs.iter().zip(&self.labeler.label) {
            let s = self.comp_slot[l as usize];
            if s == u32::MAX {
                continue;
            }
            let c = comps[self.chosen[s as usize] as usize];
            let k = (self.slot_start[s as usize] + (r.y - c.y0)) as usize;
            let e = &mut self.row_ext[k];
            e.0 = e.0.min(r.x0);
            e.1 = e.1.max(r.x1);
        }
        for s in 0..ns {
            let c = self.labeler.components[self.chosen[s] as usize];
            let ext = &self.row_ext[self.slot_start[s] as usize..self.slot_start[s + 1] as usize];
            // hull points on each pixel-row boundary, already in (y, x) order
            self.pts.clear();
            let h = ext.len();
            for yb in 0..=h {
                let (mut lo, mut hi) = (u32::MAX, 0u32);
                for k in [yb.wrapping_sub(1), yb] {
                    if let Some(&(a, b)) = ext.get(k) {
                        if a <= b {
                            lo = lo.min(a);
                            hi = hi.max(b);
                        }
                    }
                }
                if lo <= hi {
                    let y = (c.y0 as usize + yb) as f64;
                    self.pts.push(Point::new(f64::from(lo), y));
                    if hi > lo {
                        self.pts.push(Point::new(f64::from(hi), y));
                    }
                }
            }
            convex_hull_sorted(&self.pts, &mut self.hull);
            // a solid blob (a box, a bar) fills its hull; a symbol does not
            let hull_area = polygon_area(&self.hull);
            if f64::from(c.area) > 0.93 * hull_area {
                continue;
            }
            straight_sides(&self.hull, 1.5, 0.005, &mut self.sides);
            self.examine_hull(frame, bin, inverted, opts, out);
        }
    }

    fn examine_hull(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        opts: &FindOptions,
        out: &mut Vec<Candidate>,
    ) {
        let m = self.sides.len();
        if m < 2 {
            return;
        }
        let centroid = {
            let mut c = Point::default();
            for p in &self.hull {
                c = c + *p;
            }
            c * (1.0 / self.hull.len() as f64)
        };
        let min_len = opts.min_extent as f64 * 0.6;
        self.hyps.clear();
        for j in 0..m {
            for k in 1..=2usize {
                if k >= m {
                    continue;
                }
                let s1 = self.sides[j];
                let s2 = self.sides[(j + k) % m];
                let (l1, l2) = (s1.len(), s2.len());
                if l1 < min_len || l2 < min_len {
                    continue;
                }
                if k == 2 && self.sides[(j + 1) % m].len() > 0.2 * l1.min(l2) {
                    continue;
                }
                let (d1, d2) = (s1.dir(), s2.dir());
                if dot(d1 * -1.0, d2).abs() > 0.65 {
                    continue;
                }
                let line1 = Line { p: s1.a, d: d1 };
                let line2 = Line { p: s2.a, d: d2 };
                let Some(corner) = line1.intersect(&line2) else {
                    continue;
                };
                if corner.dist(s1.b) > 0.25 * l1 + 3.0 {
                    continue;
                }
                let n1 = normal_toward(d1, centroid - s1.a);
                let n2 = normal_toward(d2, centroid - s2.a);
                // cheap test first: both arms solid
                self.thick.clear();
                let sa = arm_solidity(
                    bin,
                    inv,
                    opts.edge_slack,
                    corner,
                    s1.a,
                    n1,
                    &mut self.thick,
                    0.8,
                );
                if sa < 0.8 {
                    continue;
                }
                let sb = arm_solidity(
                    bin,
                    inv,
                    opts.edge_slack,
                    corner,
                    s2.b,
                    n2,
                    &mut self.thick,
                    0.8,
                );
                if sb < 0.8 {
                    continue;
                }
                self.thick.sort_unstable_by(f64::total_cmp);
                let mpx = self.thick.get(self.thick.len() * 3 / 10).copied();
                self.hyps.push(Hyp {
                    score: (sa + sb) * l1.min(l2),
                    solidity: 0.5 * (sa + sb),
                    corner,
                    e1: s1.a,
                    n1,
                    e2: s2.b,
                    n2,
                    mpx,
                });
            }
        }
        // the full fit (edges, far sides) for the most solid hypotheses only
        self.hyps.sort_by(|a, b| b.score.total_cmp(&a.score));
        let hyps = std::mem::take(&mut self.hyps);
        self.label_seen = false;
        let out_start = out.len();
        for (i, h) in hyps.iter().enumerate() {
            // the two most solid corners; on a label every corner of the label looks
            // like a finder corner, so all of them (up to four)
            if i >= if self.label_seen { 8 } else { 2 } {
                break;
            }
            let c = self.try_l(frame, bin, inv, opts, h);
            // the label-aware reading first: it exists only when the plain one took
            // the label's margin for the symbol
            let found = c.is_some() || self.label_cand.is_some();
            out.extend(self.label_cand.take());
            out.extend(c);
            if found && !self.label_seen {
                break;
            }
        }
        // a label whose margin broke the solid ring along the finder: its corner gave
        // no hypothesis; look for the finder inside each corner of the label
        if self.label_seen && !out.iter().skip(out_start).any(|c| c.on_label) {
            // the label's own sides: the long ones (bevels at its corners are short)
            let longest = self.sides.iter().map(|s| s.len()).fold(0.0, f64::max);
            let long: Vec<usize> = (0..m)
                .filter(|&j| self.sides[j].len() >= (0.3 * longest).max(min_len))
                .collect();
            let nl = long.len();
            for (q, &j) in long.iter().enumerate() {
                if nl < 2 || (nl == 2 && q == 1) {
                    break;
                }
                let (s1, s2) = (self.sides[j], self.sides[long[(q + 1) % nl]]);
                let line1 = Line {
                    p: s1.a,
                    d: s1.dir(),
                };
                let line2 = Line {
                    p: s2.a,
                    d: s2.dir(),
                };
                let Some(corner) = line1.intersect(&line2) else {
                    continue;
                };
                if let Some(c) = self.label_at(frame, bin, inv, opts, corner, s1.a, s2.b) {
                    out.push(c);
                    break;
                }
            }
        }
        self.hyps = hyps;
        self.hyps.clear();
    }

    /// The label-aware search of [`Finder::on_label`] from a corner of a label's hull
    /// with arm ends `e1` and `e2` (the label's edges), without the solidity test.
    #[allow(clippy::too_many_arguments)]
    fn label_at(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        opts: &FindOptions,
        corner: Point,
        e1: Point,
        e2: Point,
    ) -> Option<Candidate> {
        if !opts.labels {
            return None;
        }
        let (a, b) = if cross(e1 - corner, e2 - corner) > 0.0 {
            (e1, e2)
        } else {
            (e2, e1)
        };
        let left = Line {
            p: corner,
            d: norm(a - corner),
        };
        let bottom = Line {
            p: corner,
            d: norm(b - corner),
        };
        self.label_candidate(frame, bin, inv, corner, a, b, &left, &bottom, 0.0)
    }

    /// The candidate [`Finder::on_label`] and [`Finder::quad`] find inside a label
    /// whose L is at `p` (arm ends `a`, `b`; edges `left`, `bottom`), if any.
    #[allow(clippy::too_many_arguments)]
    fn label_candidate(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        p: Point,
        a: Point,
        b: Point,
        left: &Line,
        bottom: &Line,
        solidity: f64,
    ) -> Option<Candidate> {
        let l = self.on_label(frame, bin, inv, p, a, b, left, bottom)?;
        let corners = self.quad(
            frame,
            bin,
            inv,
            l.p,
            l.a,
            l.b,
            l.mpx,
            Some(l.thr),
            &l.left,
            &l.bottom,
        )?;
        Some(Candidate {
            corners,
            module_px: l.mpx,
            inverted: inv,
            solidity,
            on_label: true,
        })
    }

    /// Fits the four sides of an L hypothesis whose arms corner->e1 and corner->e2
    /// passed the solidity test.
    fn try_l(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        opts: &FindOptions,
        h: &Hyp,
    ) -> Option<Candidate> {
        let (slack, require_data) = (opts.edge_slack, opts.require_data);
        let Hyp {
            solidity,
            corner,
            e1,
            n1,
            e2,
            n2,
            mpx,
            ..
        } = *h;
        self.label_cand = None;
        let mpx = mpx?;
        let (len1, len2) = (corner.dist(e1), corner.dist(e2));
        if mpx < 1.0 || len1.min(len2) < 4.0 * mpx || len1.max(len2) > 400.0 * mpx {
            return None;
        }
        if require_data
            && !inside_mixed(bin, inv, corner, e1, n1, mpx)
            && !inside_mixed(bin, inv, corner, e2, n2, mpx)
        {
            return None;
        }
        // orientation: A = end of the vertical arm, B = end of the horizontal arm
        let (a, na, b, nb) = if cross(e1 - corner, e2 - corner) > 0.0 {
            (e1, n1, e2, n2)
        } else {
            (e2, n2, e1, n1)
        };
        let left = refine_edge(
            frame,
            inv,
            corner,
            a,
            na * -1.0,
            mpx,
            &mut self.edge,
            &mut self.env,
            &mut self.env_hull,
            &mut self.prof,
        )?;
        let bottom = refine_edge(
            frame,
            inv,
            corner,
            b,
            nb * -1.0,
            mpx,
            &mut self.edge,
            &mut self.env,
            &mut self.env_hull,
            &mut self.prof,
        )?;
        let p = left.intersect(&bottom)?;
        // arm ends projected on the refined lines
        let a = left.p + left.d * dot(a - left.p, left.d);
        let b = bottom.p + bottom.d * dot(b - bottom.p, bottom.d);
        // module size again, from the refined edges
        self.thick.clear();
        let na = normal_toward(left.d, b - p);
        let nb = normal_toward(bottom.d, a - p);
        arm_solidity(bin, inv, slack, p, a, na, &mut self.thick, 0.0);
        arm_solidity(bin, inv, slack, p, b, nb, &mut self.thick, 0.0);
        self.thick.sort_unstable_by(f64::total_cmp);
        let mpx = self
            .thick
            .get(self.thick.len() * 3 / 10)
            .copied()
            .unwrap_or(mpx);
        let (len1, len2) = (p.dist(a), p.dist(b));
        if mpx < 1.0 || len1.min(len2) < 5.0 * mpx || len1.max(len2) > 200.0 * mpx {
            return None;
        }
        // a symbol on a label darker than the paper around it: the label's margin
        // (the quiet zone) binarizes as ink, so the arms and far sides found so far
        // are the label's; look again with a threshold between the margin and the
        // finder
        self.label_cand = if opts.labels {
            self.label_candidate(frame, bin, inv, p, a, b, &left, &bottom, solidity)
        } else {
            None
        };
        let corners = self.quad(frame, bin, inv, p, a, b, mpx, None, &left, &bottom)?;
        Some(Candidate {
            corners,
            module_px: mpx,
            inverted: inv,
            solidity,
            on_label: false,
        })
    }

    /// Whether the L with corner `p` and arm ends `a` (left arm) and `b` (bottom arm),
    /// edges `left` and `bottom`, sits on a label darker than the paper around it:
    /// then either the label's margin (the symbol's quiet zone) binarized as ink and
    /// the edges found are the finder's with a grey margin outside them, or the edges
    /// are the label's with a grey margin inside them before the finder. If so: the
    /// finder's own corner, arm ends and edges, the module size, and a grey threshold
    /// halfway between the margin and the finder.
    #[allow(clippy::too_many_arguments)]
    fn on_label(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        p: Point,
        a: Point,
        b: Point,
        left: &Line,
        bottom: &Line,
    ) -> Option<Label> {
        const K: usize = 12;
        let nl = normal_toward(left.d, b - p);
        let nb = normal_toward(bottom.d, a - p);
        let arms = [(a, nl), (b, nb)];
        let at = |e: Point, i: usize| p + (e - p) * (0.2 + 0.6 * (i as f64 + 0.5) / K as f64);
        // levels: outside the edge, just inside it, and the darkest ink within the
        // reach of a margin plus the finder
        let (mut out_inky, mut n) = (0usize, 0usize);
        self.thick.clear(); // (used as scratch for the three level lists)
        let (mut qo, mut qi, mut kk) = ([0.0f64; 2 * K], [0.0f64; 2 * K], [0.0f64; 2 * K]);
        for (e, nrm) in arms {
            for i in 0..K {
                let base = at(e, i);
                out_inky += usize::from(fg(bin, inv, base - nrm * 1.5));
                qo[n] = ink(frame, inv, base - nrm * 1.5);
                qi[n] = ink(frame, inv, base + nrm * 2.5);
                n += 1;
            }
        }
        let med = |v: &mut [f64]| {
            v.sort_unstable_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (q_out, q_in) = (med(&mut qo), med(&mut qi));
        // the usual case, a finder right inside paper: the quiet zone reads as paper
        // and no ink can be darker enough than what lies just inside (k <= 255)
        if out_inky * 10 < n * 7 && q_in > 0.65 * 255.0 + 0.35 * q_out {
            return None;
        }
        let mut m = 0;
        for (e, nrm) in arms {
            let reach = (0.3 * p.dist(e)).clamp(3.0, 60.0);
            for i in 0..K {
                let base = at(e, i);
                let mut dd = 0.5;
                let mut mx = f64::MIN;
                while dd <= reach {
                    mx = mx.max(ink(frame, inv, base + nrm * dd));
                    dd += 1.0;
                }
                kk[m] = mx;
                m += 1;
            }
        }
        let k = med(&mut kk);
        let span = k - q_out;
        let margin = if out_inky * 10 >= n * 7 && k - q_out >= 20.0 {
            // the grey margin outside the edges found
            q_out
        } else if span >= 40.0 && q_in - q_out >= 0.2 * span && k - q_in >= 0.35 * span {
            // a distinct grey level just inside the edges found: the label's margin
            q_in
        } else {
            return None;
        };
        self.label_seen = true;
        let thr_ink = 0.5 * (margin + k);
        // the finder's edges: where the ink crosses the threshold going in
        let mut shift = [0.0f64; 2];
        for (s, &(e, nrm)) in shift.iter_mut().zip(&arms) {
            let reach = (0.3 * p.dist(e)).clamp(3.0, 60.0);
            let mut depths = [0.0f64; K];
            for (i, dv) in depths.iter_mut().enumerate() {
                let base = at(e, i);
                let mut dd = -1.5;
                let mut prev = ink(frame, inv, base + nrm * dd);
                *dv = f64::NAN;
                while dd < reach {
                    let v = ink(frame, inv, base + nrm * (dd + 0.5));
                    if prev < thr_ink && v >= thr_ink {
                        *dv = dd + 0.5 * (thr_ink - prev) / (v - prev).max(1e-9);
                        break;
                    }
                    prev = v;
                    dd += 0.5;
                }
            }
            // the crossings found (NaN: none) to the front, then their median
            depths.sort_unstable_by_key(|d| !d.is_finite());
            let found = depths.iter().take_while(|d| d.is_finite()).count();
            if found * 2 < K {
                return None;
            }
            *s = med(&mut depths[..found]);
        }
        let left2 = Line {
            p: left.p + nl * shift[0],
            d: left.d,
        };
        let bottom2 = Line {
            p: bottom.p + nb * shift[1],
            d: bottom.d,
        };
        let p2 = left2.intersect(&bottom2)?;
        // module size: ink depth from the finder's edges, 30th percentile
        self.thick.clear();
        for (e, nrm) in arms {
            let limit = 0.25 * p.dist(e);
            for i in 0..K {
                let base = p2 + (e - p) * (0.2 + 0.6 * (i as f64 + 0.5) / K as f64);
                let mut dd = 0.5;
                while dd < limit && ink(frame, inv, base + nrm * dd) >= thr_ink {
                    dd += 0.5;
                }
                self.thick.push(dd);
            }
        }
        self.thick.sort_unstable_by(f64::total_cmp);
        let mpx = self.thick.get(self.thick.len() * 3 / 10).copied()?;
        if mpx < 1.5 {
            return None;
        }
        // each finder arm ends where its ink does, short of the label's edge
        let end_of = |e: Point, nrm: Point| -> Option<Point> {
            let len = p2.dist(e) + 2.0;
            let d = norm(e - p);
            let depth = 0.5 * mpx;
            let (mut t, mut last, mut gap) = (0.5, None, 0.0);
            while t <= len {
                if ink(frame, inv, p2 + d * t + nrm * depth) >= thr_ink {
                    last = Some(t);
                    gap = 0.0;
                } else {
                    gap += 0.5;
                    if gap > 0.6 * mpx && last.is_some() {
                        break;
                    }
                }
                t += 0.5;
            }
            last.map(|t| p2 + d * (t + 0.25))
        };
        let a2 = end_of(a, nl)?;
        let b2 = end_of(b, nb)?;
        if p2.dist(a2).min(p2.dist(b2)) < 5.0 * mpx {
            return None;
        }
        Some(Label {
            p: p2,
            a: a2,
            b: b2,
            left: left2,
            bottom: bottom2,
            mpx,
            thr: if inv { thr_ink } else { 255.0 - thr_ink },
        })
    }

    /// The far sides from the arm ends `a` (of the left arm) and `b` (of the bottom
    /// arm), and the four corners, checked for sanity.
    #[allow(clippy::too_many_arguments)]
    fn quad(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        p: Point,
        a: Point,
        b: Point,
        mpx: f64,
        thr: Option<f64>,
        left: &Line,
        bottom: &Line,
    ) -> Option<[Point; 4]> {
        let top = self.far_side(frame, bin, inv, a, b - p, a - p, mpx, thr)?;
        let right = self.far_side(frame, bin, inv, b, a - p, b - p, mpx, thr)?;
        let tl = left.intersect(&top)?;
        let tr = top.intersect(&right)?;
        let br = right.intersect(bottom)?;
        let bl = p;
        let corners = [tl, tr, br, bl];
        // sanity: convex, same orientation, sides not degenerate
        for i in 0..4 {
            let (o, q, r) = (corners[i], corners[(i + 1) % 4], corners[(i + 2) % 4]);
            if cross(q - o, r - q) <= 0.0 || o.dist(q) < 4.0 * mpx {
                return None;
            }
            if !o.x.is_finite() || !o.y.is_finite() {
                return None;
            }
        }
        let (w, h) = (frame.width() as f64, frame.height() as f64);
        let margin = 0.25 * w.max(h);
        if corners
            .iter()
            .any(|c| c.x < -margin || c.y < -margin || c.x > w + margin || c.y > h + margin)
        {
            return None;
        }
        Some(corners)
    }

    /// Finds the far side that starts at `start` and runs along `dir` for about
    /// `|dir|` pixels, on the side of `out_dir` (away from the L corner). Walks along
    /// the expected side, finds the first ink coming in from outside within a window
    /// around the current line estimate, and refits the line to the outer envelope of
    /// those edge points (the dark clock modules) as it goes, so the window follows
    /// perspective without reaching far into the quiet zone.
    #[allow(clippy::too_many_arguments)]
    fn far_side(
        &mut self,
        frame: &Frame<'_>,
        bin: &Binarizer,
        inv: bool,
        start: Point,
        dir: Point,
        out_dir: Point,
        mpx: f64,
        thr_override: Option<f64>,
    ) -> Option<Line> {
        let len = dir.x.hypot(dir.y);
        let d = norm(dir);
        let n = normal_toward(d, out_dir);
        let samples = ((len / 1.0) as usize).clamp(12, 400);
        self.env.clear();
        let tol = (0.3 * mpx).max(0.7);
        let (mut icpt, mut slope) = (0.0f64, 0.0f64);
        let step = 0.5;
        for i in 0..samples {
            let t = len * (0.03 + 0.96 * (i as f64 + 0.5) / samples as f64);
            let base = start + d * t;
            let pred = icpt + slope * t;
            let outer = pred + 0.6 * mpx + 1.5;
            let inner = pred - 1.6 * mpx - 1.0;
            let thr = thr_override.unwrap_or_else(|| {
                let (x, y) = (base.x.max(0.0) as usize, base.y.max(0.0) as usize);
                f64::from(bin.threshold_at(x, y))
            });
            let inked_at = |dd: f64| {
                let q = base + n * dd;
                let v = frame.sample_bilinear(q.x, q.y);
                (if inv { v > thr } else { v < thr }, v)
            };
            let mut dd = outer;
            let mut prev: Option<f64> = None;
            // ink already at the window's outer end: the estimate has drifted inward
            // (onto the modules next to a light clock module); step outward to paper
            // first, so the crossing found is the outermost edge there
            if inked_at(dd).0 {
                let limit = outer + 1.6 * mpx + 1.0;
                while dd < limit {
                    dd += step;
                    let (ink, v) = inked_at(dd);
                    if !ink {
                        prev = Some(v);
                        dd -= step;
                        break;
                    }
                }
            }
            while dd > inner {
                let q = base + n * dd;
                let v = frame.sample_bilinear(q.x, q.y);
                let inked = if inv { v > thr } else { v < thr };
                if inked {
                    if let Some(pv) = prev {
                        // sub-pixel crossing between the previous (paper) sample and this
                        let f = if (pv - v).abs() > 1e-6 {
                            ((pv - thr) / (pv - v)).clamp(0.0, 1.0)
                        } else {
                            1.0
                        };
                        self.env.push(Point::new(t, dd + step - f * step));
                    }
                    break;
                }
                prev = Some(v);
                dd -= step;
            }
            // refit only once the points span a few modules (a clock module of each
            // colour), so a run of points all one module in cannot set the course
            let span = match (self.env.first(), self.env.last()) {
                (Some(f), Some(l)) => l.x - f.x,
                _ => 0.0,
            };
            if (i % 8 == 7 || i + 1 == samples) && self.env.len() >= 4 && span >= 2.5 * mpx {
                if let Some((sup, s, c)) = envelope(&self.env, &mut self.env_hull, tol) {
                    if sup >= 3 {
                        slope = s;
                        icpt = c;
                    }
                }
            }
        }
        if self.env.len() < 6 {
            return None;
        }
        let (sup, slope, icpt) = envelope(&self.env, &mut self.env_hull, tol)?;
        if sup < 4 || (sup as f64) < 0.25 * self.env.len() as f64 {
            return None;
        }
        // least squares over the supporting points
        let (mut st, mut sd, mut stt, mut std_, mut k) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for e in &self.env {
            if (e.y - (icpt + slope * e.x)).abs() <= tol {
                st += e.x;
                sd += e.y;
                stt += e.x * e.x;
                std_ += e.x * e.y;
                k += 1.0;
            }
        }
        let den = k * stt - st * st;
        let (slope, icpt) = if k >= 3.0 && den.abs() > 1e-9 {
            let s = (k * std_ - st * sd) / den;
            (s, (sd - s * st) / k)
        } else {
            (slope, icpt)
        };
        let p0 = start + n * icpt;
        let p1 = start + d * len + n * (icpt + slope * len);
        Some(Line {
            p: p0,
            d: norm(p1 - p0),
        })
    }
}

/// The line `d = icpt + slope * t` on the upper envelope of the points (t, d) (sorted by
/// t) that the most points lie within `tol` below: (support, slope, intercept).
fn envelope(pts: &[Point], hull: &mut Vec<Point>, tol: f64) -> Option<(usize, f64, f64)> {
    hull.clear();
    for &p in pts {
        while hull.len() >= 2 {
            let k = hull.len();
            let (o, a) = (hull[k - 2], hull[k - 1]);
            if cross(a - o, p - o) >= 0.0 {
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(p);
    }
    let mut best: Option<(usize, f64, f64)> = None;
    for w in hull.windows(2) {
        let (p, q) = (w[0], w[1]);
        if q.x - p.x < 1e-9 {
            continue;
        }
        let slope = (q.y - p.y) / (q.x - p.x);
        if slope.abs() > 0.5 {
            continue;
        }
        let icpt = p.y - slope * p.x;
        let sup = pts
            .iter()
            .filter(|e| e.y >= icpt + slope * e.x - tol)
            .count();
        if best.is_none_or(|b| sup > b.0) {
            best = Some((sup, slope, icpt));
        }
    }
    best
}

/// Fraction of positions along corner->end where ink starts right inside the side
/// (normal `n` points inward); appends the ink thickness found there to `thick`.
/// Stops early, returning a fraction below `need`, as soon as `need` can no longer be
/// reached (`need` 0 measures every position).
#[allow(clippy::too_many_arguments)]
fn arm_solidity(
    b: &Binarizer,
    inv: bool,
    slack: f64,
    corner: Point,
    end: Point,
    n: Point,
    thick: &mut Vec<f64>,
    need: f64,
) -> f64 {
    let len = corner.dist(end);
    let d = norm(end - corner);
    let samples = ((len / 2.0) as usize).clamp(8, 64);
    let max_depth = (0.3 * len).max(3.0);
    // more misses than this and `need` is out of reach
    let max_miss = ((1.0 - need) * samples as f64).floor() as usize;
    let mut solid = 0;
    for i in 0..samples {
        if i - solid > max_miss {
            return solid as f64 / samples as f64;
        }
        let t = len * (0.08 + 0.84 * (i as f64 + 0.5) / samples as f64);
        let base = corner + d * t;
        let mut dd = 0.25;
        let mut start = None;
        while dd < max_depth {
            let on = fg(b, inv, base + n * dd);
            match (start, on) {
                (None, true) => {
                    if dd > slack {
                        break;
                    }
                    start = Some(dd);
                }
                (Some(s), false) => {
                    thick.push(dd - s);
                    solid += 1;
                    break;
                }
                _ => {}
            }
            dd += 0.5;
            if start.is_none() && dd > slack {
                break;
            }
        }
        if let (Some(s), true) = (start, dd >= max_depth) {
            // ink all the way down: solid, thickness unknown beyond the probe
            thick.push(max_depth - s);
            solid += 1;
        }
    }
    solid as f64 / samples as f64
}

/// Whether a band 1.5 module sizes inside the arm corner->end (normal `n` inward:
/// the symbol's first data row or column) holds both ink and paper; also 2.5 and 3.5
/// module sizes in, for a finder inside a label whose margin binarized as ink.
fn inside_mixed(b: &Binarizer, inv: bool, corner: Point, end: Point, n: Point, mpx: f64) -> bool {
    const K: usize = 24;
    [1.5, 2.5, 3.5].iter().any(|&depth| {
        let off = n * (depth * mpx);
        let mut inked = 0;
        for i in 0..K {
            let t = 0.1 + 0.8 * (i as f64 + 0.5) / K as f64;
            if fg(b, inv, corner + (end - corner) * t + off) {
                inked += 1;
            }
        }
        (2..=K - 2).contains(&inked)
    })
}

/// Refits the side corner->end to sub-pixel edges on grey profiles across it (`n_out`
/// points away from the ink).
#[allow(clippy::too_many_arguments)]
fn refine_edge(
    frame: &Frame<'_>,
    inv: bool,
    corner: Point,
    end: Point,
    n_out: Point,
    mpx: f64,
    pts: &mut Vec<Point>,
    td: &mut Vec<Point>,
    hull: &mut Vec<Point>,
    prof: &mut Vec<f64>,
) -> Option<Line> {
    let len = corner.dist(end);
    let d = norm(end - corner);
    let samples = ((len / 3.0) as usize).clamp(10, 60);
    pts.clear();
    let outer = 0.5 * mpx + 2.0;
    let inner = 0.5 * mpx;
    // (linear interpolation between samples places the crossing; an eighth of a
    // module is fine enough)
    let step = (mpx / 8.0).clamp(0.25, 0.5);
    for i in 0..samples {
        let t = len * (0.04 + 0.92 * (i as f64 + 0.5) / samples as f64);
        let base = corner + d * t;
        // the profile from outside in at depths outer, outer - step, ..., >= -inner
        // (sampled once, then scanned for its mid crossing)
        prof.clear();
        let (mut lo, mut hi) = (f64::MAX, f64::MIN);
        let mut dd = outer;
        while dd >= -inner {
            let v = ink(frame, inv, base + n_out * dd);
            lo = lo.min(v);
            hi = hi.max(v);
            prof.push(v);
            dd -= step;
        }
        if hi - lo < 12.0 {
            continue;
        }
        // one step past the range: the crossing may fall in the last interval
        prof.push(ink(frame, inv, base + n_out * dd));
        let mid = 0.5 * (lo + hi);
        if let Some(k) = prof.windows(2).position(|w| w[0] < mid && w[1] >= mid) {
            let (prev, v) = (prof[k], prof[k + 1]);
            let f = (mid - prev) / (v - prev).max(1e-9);
            pts.push(base + n_out * (outer - k as f64 * step - f * step));
        }
    }
    if pts.len() < 5 {
        return None;
    }
    // the outer envelope of the edge points (round dots touch it at their centres,
    // a solid edge lies on it everywhere), then a fit to the points near it
    td.clear();
    td.extend(pts.iter().map(|p| {
        let w = *p - corner;
        Point::new(dot(w, d), dot(w, n_out))
    }));
    td.sort_unstable_by(|a, b| a.x.total_cmp(&b.x));
    let keep = (0.6f64).max(0.15 * mpx);
    let (_, slope, icpt) = envelope(td, hull, keep)?;
    pts.retain(|p| {
        let w = *p - corner;
        let (t, e) = (dot(w, d), dot(w, n_out));
        (e - (icpt + slope * t)).abs() <= keep
    });
    if pts.len() < 5 {
        return None;
    }
    let l = Line::fit(pts)?;
    // keep the direction of corner->end
    Some(if dot(l.d, d) < 0.0 {
        Line {
            p: l.p,
            d: l.d * -1.0,
        }
    } else {
        l
    })
}
