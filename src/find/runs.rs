//! Run extraction from a binary image and connected components over the runs
//! (8-connectivity, union-find).

use crate::binarize::BinaryImage;

/// A horizontal run of foreground pixels `x0..x1` on row `y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Row.
    pub y: u32,
    /// First pixel.
    pub x0: u32,
    /// One past the last pixel.
    pub x1: u32,
}

/// A connected component of runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Component {
    /// Bounding box, inclusive-exclusive.
    pub x0: u32,
    /// Top of the bounding box.
    pub y0: u32,
    /// Right of the bounding box (exclusive).
    pub x1: u32,
    /// Bottom of the bounding box (exclusive).
    pub y1: u32,
    /// Foreground pixels.
    pub area: u32,
}

impl Component {
    /// The longer side of the bounding box.
    pub fn extent(&self) -> u32 {
        (self.x1 - self.x0).max(self.y1 - self.y0)
    }
}

/// Index of the first bit at or after `from` that equals `want` in a row of words
/// (`flip` inverts the stored bits), or `width`.
#[inline]
fn next_bit(words: &[u64], from: usize, width: usize, want: bool, flip: bool) -> usize {
    let mut i = from;
    while i < width {
        let wi = i / 64;
        let Some(&raw) = words.get(wi) else {
            return width;
        };
        let mut w = if flip { !raw } else { raw };
        if !want {
            w = !w;
        }
        w &= !0u64 << (i % 64);
        if w != 0 {
            return (wi * 64 + w.trailing_zeros() as usize).min(width);
        }
        i = (wi + 1) * 64;
    }
    width
}

/// Appends the runs of row `y` (foreground = dark, or light when `inverted`).
pub fn row_runs(bin: &BinaryImage, y: usize, inverted: bool, out: &mut Vec<Run>) {
    let words = bin.row(y);
    let width = bin.width();
    let mut x = 0;
    loop {
        let s = next_bit(words, x, width, true, inverted);
        if s >= width {
            break;
        }
        let e = next_bit(words, s, width, false, inverted);
        out.push(Run {
            y: y as u32,
            x0: s as u32,
            x1: e as u32,
        });
        x = e;
    }
}

/// Runs of a whole image with their component labels; buffers are reused.
#[derive(Clone, Debug, Default)]
pub struct Labeler {
    /// All runs, row by row.
    pub runs: Vec<Run>,
    /// Index of the first run of each row (plus one end marker).
    pub row_start: Vec<u32>,
    parent: Vec<u32>,
    /// Component index of each run (into `components`).
    pub label: Vec<u32>,
    /// The components.
    pub components: Vec<Component>,
    root_comp: Vec<u32>,
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let p = parent[i as usize];
        parent[i as usize] = parent[p as usize];
        i = p;
    }
    i
}

impl Labeler {
    /// Extracts runs and labels components. Stops adding runs past `max_runs` (the
    /// rest of the image is then ignored) so hostile images bound the work.
    pub fn label(&mut self, bin: &BinaryImage, inverted: bool, max_runs: usize) {
        self.runs.clear();
        self.row_start.clear();
        for y in 0..bin.height() {
            self.row_start.push(self.runs.len() as u32);
            if self.runs.len() < max_runs {
                row_runs(bin, y, inverted, &mut self.runs);
            }
        }
        self.runs.truncate(max_runs);
        self.row_start.push(self.runs.len() as u32);
        for s in self.row_start.iter_mut() {
            *s = (*s).min(self.runs.len() as u32);
        }
        let n = self.runs.len();
        self.parent.clear();
        self.parent.extend(0..n as u32);
        for y in 1..bin.height() {
            let (p0, p1) = (self.row_start[y - 1] as usize, self.row_start[y] as usize);
            let c1 = self.row_start[y + 1] as usize;
            let mut j = p0;
            for i in p1..c1 {
                let r = self.runs[i];
                // previous-row runs that touch r (8-connectivity): x0 <= r.x1 && x1 >= r.x0
                while j < p1 && self.runs[j].x1 < r.x0 {
                    j += 1;
                }
                let mut k = j;
                while k < p1 && self.runs[k].x0 <= r.x1 {
                    let (a, b) = (
                        find(&mut self.parent, i as u32),
                        find(&mut self.parent, k as u32),
                    );
                    if a != b {
                        let (lo, hi) = (a.min(b), a.max(b));
                        self.parent[hi as usize] = lo;
                    }
                    k += 1;
                }
            }
        }
        self.components.clear();
        self.label.clear();
        self.root_comp.clear();
        self.root_comp.resize(n, u32::MAX);
        for i in 0..n {
            let root = find(&mut self.parent, i as u32) as usize;
            let r = self.runs[i];
            let ci = if self.root_comp[root] == u32::MAX {
                self.root_comp[root] = self.components.len() as u32;
                self.components.push(Component {
                    x0: r.x0,
                    y0: r.y,
                    x1: r.x1,
                    y1: r.y + 1,
                    area: 0,
                });
                self.components.len() - 1
            } else {
                self.root_comp[root] as usize
            };
            let c = &mut self.components[ci];
            c.x0 = c.x0.min(r.x0);
            c.x1 = c.x1.max(r.x1);
            c.y1 = c.y1.max(r.y + 1);
            c.area += r.x1 - r.x0;
            self.label.push(ci as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binarize::Binarizer;
    use crate::cpu::CpuLevel;
    use crate::frame::Frame;

    #[test]
    fn runs_and_components() {
        // two blobs: an L and a diagonal pair (8-connected)
        let (w, h) = (70, 20);
        let mut img = vec![255u8; w * h];
        for y in 2..15 {
            img[y * w + 3] = 0;
        }
        for x in 3..67 {
            img[14 * w + x] = 0;
        }
        img[5 * w + 20] = 0;
        img[6 * w + 21] = 0;
        let f = Frame::luma(&img, w, h, w).unwrap();
        let mut b = Binarizer::new(CpuLevel::Scalar);
        let bin = b.run(&f).clone();
        let mut l = Labeler::default();
        l.label(&bin, false, 1 << 20);
        assert_eq!(l.components.len(), 2, "{:?}", l.components);
        let big = l.components.iter().max_by_key(|c| c.area).unwrap();
        assert_eq!(
            (big.x0, big.y0, big.x1, big.y1, big.area),
            (3, 2, 67, 15, 12 + 64)
        );
        // inverted: the light background is one component with the diagonal pair's holes
        l.label(&bin, true, 1 << 20);
        assert_eq!(l.components.len(), 1);
        assert_eq!(l.components[0].area as usize, w * h - 76 - 2);
    }
}
