//! Convex hulls and their simplification into straight sides.

use crate::geometry::Point;

fn cross(o: Point, a: Point, b: Point) -> f64 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Convex hull of `pts` (sorted in place), no repeated first point; collinear points
/// are dropped.
pub fn convex_hull(pts: &mut [Point], out: &mut Vec<Point>) {
    pts.sort_unstable_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    convex_hull_sorted(pts, out);
}

/// Convex hull of points already in lexicographic order (by x then y, or by y then x:
/// the orientation of the result differs, the hull does not).
pub fn convex_hull_sorted(pts: &[Point], out: &mut Vec<Point>) {
    out.clear();
    if pts.len() < 3 {
        out.extend_from_slice(pts);
        return;
    }
    for &p in pts.iter() {
        while out.len() >= 2 && cross(out[out.len() - 2], out[out.len() - 1], p) <= 0.0 {
            out.pop();
        }
        out.push(p);
    }
    let lower = out.len() + 1;
    for &p in pts.iter().rev().skip(1) {
        while out.len() >= lower && cross(out[out.len() - 2], out[out.len() - 1], p) <= 0.0 {
            out.pop();
        }
        out.push(p);
    }
    out.pop();
}

/// A straight side of a simplified hull, from `a` to `b` in hull order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Side {
    /// Start.
    pub a: Point,
    /// End.
    pub b: Point,
}

impl Side {
    /// Length.
    pub fn len(&self) -> f64 {
        self.a.dist(self.b)
    }
    /// Unit direction.
    pub fn dir(&self) -> Point {
        let l = self.len().max(1e-9);
        (self.b - self.a) * (1.0 / l)
    }
}

fn dist_to_line(p: Point, a: Point, b: Point) -> f64 {
    let l = a.dist(b).max(1e-9);
    cross(a, b, p).abs() / l
}

/// Splits a convex polygon into maximal straight sides: chains of vertices all within
/// `tol + rel * chord` of the chord joining the chain's ends. Starts at the sharpest
/// vertex.
pub fn straight_sides(hull: &[Point], tol: f64, rel: f64, out: &mut Vec<Side>) {
    out.clear();
    let n = hull.len();
    if n < 3 {
        return;
    }
    // sharpest vertex: largest turn
    let mut start = 0;
    let mut best = f64::MIN;
    for i in 0..n {
        let (p, c, nx) = (hull[(i + n - 1) % n], hull[i], hull[(i + 1) % n]);
        let (d1, d2) = (c - p, nx - c);
        let l = (d1.x.hypot(d1.y) * d2.x.hypot(d2.y)).max(1e-9);
        let turn = 1.0 - (d1.x * d2.x + d1.y * d2.y) / l;
        if turn > best {
            best = turn;
            start = i;
        }
    }
    let at = |k: usize| hull[(start + k) % n];
    let mut s = 0;
    while s < n {
        let mut e = s + 1;
        // extend while every vertex between s and e+1 stays near the chord
        while e < n {
            let (a, b) = (at(s), at(e + 1));
            let lim = tol + rel * a.dist(b);
            if (s + 1..=e).all(|k| dist_to_line(at(k), a, b) <= lim) {
                e += 1;
            } else {
                break;
            }
        }
        out.push(Side { a: at(s), b: at(e) });
        s = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_hull_has_four_sides() {
        let mut pts = Vec::new();
        for i in 0..=20 {
            let t = i as f64;
            pts.push(Point::new(t, 0.0));
            pts.push(Point::new(t, 20.0));
            pts.push(Point::new(0.0, t));
            pts.push(Point::new(20.0, t + (i % 2) as f64 * 0.0));
            pts.push(Point::new(10.0, 10.0));
        }
        let mut h = Vec::new();
        convex_hull(&mut pts, &mut h);
        assert_eq!(h.len(), 4);
        let mut s = Vec::new();
        straight_sides(&h, 1.0, 0.02, &mut s);
        assert_eq!(s.len(), 4);
        assert!(s.iter().all(|x| (x.len() - 20.0).abs() < 1e-9));
    }
}
