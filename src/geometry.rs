//! Plane geometry shared by the simulator, the reader and the grader: points and the
//! perspective transform (homography) between symbol module coordinates and pixels.
//!
//! Module coordinates: x to the right along columns, y down along rows, the symbol's
//! top-left corner (outside edge of module (0, 0)) at (0, 0), so module (row r, col c)
//! has its centre at (c + 0.5, r + 0.5) and the symbol spans (0,0)..(cols, rows).

/// A point in the plane.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate.
    pub y: f64,
}

impl Point {
    /// The point (x, y).
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    /// Euclidean distance to `o`.
    pub fn dist(self, o: Point) -> f64 {
        ((self.x - o.x).powi(2) + (self.y - o.y).powi(2)).sqrt()
    }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point {
        Point::new(self.x + o.x, self.y + o.y)
    }
}
impl std::ops::Sub for Point {
    type Output = Point;
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
}
impl std::ops::Mul<f64> for Point {
    type Output = Point;
    fn mul(self, k: f64) -> Point {
        Point::new(self.x * k, self.y * k)
    }
}

/// A projective transform of the plane: `(x, y) -> ((a x + b y + c) / (g x + h y + 1),
/// (d x + e y + f) / (g x + h y + 1))`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Homography {
    m: [f64; 9],
}

impl Homography {
    /// The identity.
    pub const IDENTITY: Homography = Homography {
        m: [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
    };

    /// From a row-major 3x3 matrix.
    pub fn from_matrix(m: [f64; 9]) -> Homography {
        Homography { m }
    }

    /// The row-major 3x3 matrix.
    pub fn matrix(&self) -> [f64; 9] {
        self.m
    }

    /// An affine transform: scale, rotation (radians, counter-clockwise in a y-down
    /// image appears clockwise), then translation.
    pub fn similarity(scale: f64, angle: f64, tx: f64, ty: f64) -> Homography {
        let (s, c) = angle.sin_cos();
        Homography {
            m: [
                scale * c,
                -scale * s,
                tx,
                scale * s,
                scale * c,
                ty,
                0.0,
                0.0,
                1.0,
            ],
        }
    }

    /// The transform taking `src[i]` to `dst[i]` for four points, no three collinear.
    /// Returns `None` when the points are degenerate.
    pub fn from_quads(src: [Point; 4], dst: [Point; 4]) -> Option<Homography> {
        // 8 unknowns a..h, two equations per correspondence
        let mut a = [[0.0f64; 9]; 8];
        for i in 0..4 {
            let (x, y, u, v) = (src[i].x, src[i].y, dst[i].x, dst[i].y);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        let h = solve8(&mut a)?;
        let hom = Homography {
            m: [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0],
        };
        hom.m.iter().all(|v| v.is_finite()).then_some(hom)
    }

    /// The transform taking the rectangle (0,0)-(w,h) to the quadrilateral `dst`
    /// (top-left, top-right, bottom-right, bottom-left).
    pub fn from_rect(w: f64, h: f64, dst: [Point; 4]) -> Option<Homography> {
        Homography::from_quads(
            [
                Point::new(0.0, 0.0),
                Point::new(w, 0.0),
                Point::new(w, h),
                Point::new(0.0, h),
            ],
            dst,
        )
    }

    /// Applies the transform.
    #[inline]
    pub fn map(&self, p: Point) -> Point {
        let m = &self.m;
        let w = m[6] * p.x + m[7] * p.y + m[8];
        let w = if w.abs() < 1e-12 { 1e-12 } else { w };
        Point::new(
            (m[0] * p.x + m[1] * p.y + m[2]) / w,
            (m[3] * p.x + m[4] * p.y + m[5]) / w,
        )
    }

    /// The inverse transform, or `None` when singular.
    pub fn inverse(&self) -> Option<Homography> {
        let m = &self.m;
        let c00 = m[4] * m[8] - m[5] * m[7];
        let c01 = m[5] * m[6] - m[3] * m[8];
        let c02 = m[3] * m[7] - m[4] * m[6];
        let det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if det.abs() < 1e-15 || !det.is_finite() {
            return None;
        }
        let inv = [
            c00,
            m[2] * m[7] - m[1] * m[8],
            m[1] * m[5] - m[2] * m[4],
            c01,
            m[0] * m[8] - m[2] * m[6],
            m[2] * m[3] - m[0] * m[5],
            c02,
            m[1] * m[6] - m[0] * m[7],
            m[0] * m[4] - m[1] * m[3],
        ];
        let s = 1.0 / det;
        Some(Homography {
            m: inv.map(|v| v * s),
        })
    }

    /// The least-squares transform taking `src[i]` to `dst[i]` (at least four pairs;
    /// extra points beyond `min(src.len(), dst.len())` are ignored): the algebraic
    /// (DLT) fit with both point sets normalised to their centroid and a mean distance
    /// of sqrt 2. Returns `None` for fewer than four pairs or degenerate points.
    pub fn fit(src: &[Point], dst: &[Point]) -> Option<Homography> {
        let n = src.len().min(dst.len());
        if n < 4 {
            return None;
        }
        let norm = |pts: &[Point]| -> Option<Homography> {
            let k = n as f64;
            let c = pts.iter().take(n).fold(Point::new(0.0, 0.0), |a, &p| a + p) * (1.0 / k);
            let d = pts.iter().take(n).map(|p| p.dist(c)).sum::<f64>() / k;
            if d.is_nan() || d <= 1e-12 {
                return None;
            }
            let s = std::f64::consts::SQRT_2 / d;
            Some(Homography {
                m: [s, 0.0, -s * c.x, 0.0, s, -s * c.y, 0.0, 0.0, 1.0],
            })
        };
        let (ts, td) = (norm(src)?, norm(dst)?);
        // normal equations of the 2n x 8 system (h33 = 1)
        let mut a = [[0.0f64; 9]; 8];
        for (&p, &q) in src.iter().zip(dst).take(n) {
            let (x, y) = (ts.map(p).x, ts.map(p).y);
            let (u, v) = (td.map(q).x, td.map(q).y);
            for row in [
                [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u],
                [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v],
            ] {
                for i in 0..8 {
                    for j in 0..9 {
                        a[i][j] += row[i] * row[j];
                    }
                }
            }
        }
        let h = solve8(&mut a)?;
        let hn = Homography {
            m: [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0],
        };
        let out = td.inverse()?.compose(&hn.compose(&ts));
        out.m.iter().all(|v| v.is_finite()).then_some(out)
    }

    /// `self` after `first`: p -> self(first(p)).
    pub fn compose(&self, first: &Homography) -> Homography {
        let (a, b) = (&self.m, &first.m);
        let mut m = [0.0; 9];
        for r in 0..3 {
            for c in 0..3 {
                m[3 * r + c] = (0..3).map(|k| a[3 * r + k] * b[3 * k + c]).sum();
            }
        }
        Homography { m }
    }
}

/// Gaussian elimination with partial pivoting on an 8x9 augmented matrix.
fn solve8(a: &mut [[f64; 9]; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let piv = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        let pivot_row = a[col];
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                if f != 0.0 {
                    for (v, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                        *v -= f * p;
                    }
                }
            }
        }
    }
    Some(std::array::from_fn(|i| a[i][8] / a[i][i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_fit_recovers_a_homography_and_averages_noise() {
        let h = Homography::from_rect(
            10.0,
            10.0,
            [
                Point::new(12.0, 30.0),
                Point::new(140.0, 22.0),
                Point::new(150.0, 160.0),
                Point::new(5.0, 150.0),
            ],
        )
        .unwrap();
        let src: Vec<Point> = (0..100)
            .map(|i| Point::new(f64::from(i % 10) + 0.5, f64::from(i / 10) + 0.5))
            .collect();
        let dst: Vec<Point> = src.iter().map(|&p| h.map(p)).collect();
        let f = Homography::fit(&src, &dst).unwrap();
        for &p in &src {
            assert!(f.map(p).dist(h.map(p)) < 1e-6);
        }
        // one point pushed 3 px: the fit moves far less than that anywhere else
        let mut bent = dst.clone();
        bent[0] = bent[0] + Point::new(3.0, 0.0);
        let g = Homography::fit(&src, &bent).unwrap();
        for &p in &src[1..] {
            assert!(g.map(p).dist(h.map(p)) < 0.5);
        }
        assert!(Homography::fit(&src[..3], &dst[..3]).is_none());
        let same = vec![Point::new(1.0, 1.0); 5];
        assert!(Homography::fit(&same, &same).is_none());
    }

    #[test]
    fn quad_maps_corners_and_inverts() {
        let dst = [
            Point::new(10.0, 20.0),
            Point::new(110.0, 30.0),
            Point::new(100.0, 140.0),
            Point::new(5.0, 120.0),
        ];
        let h = Homography::from_rect(24.0, 24.0, dst).unwrap();
        for (s, d) in [(0.0, 0.0), (24.0, 0.0), (24.0, 24.0), (0.0, 24.0)]
            .iter()
            .zip(dst)
        {
            assert!(h.map(Point::new(s.0, s.1)).dist(d) < 1e-9);
        }
        let inv = h.inverse().unwrap();
        let p = Point::new(7.5, 3.25);
        assert!(inv.map(h.map(p)).dist(p) < 1e-9);
        assert!(
            h.compose(&inv)
                .map(Point::new(50.0, 60.0))
                .dist(Point::new(50.0, 60.0))
                < 1e-9
        );
    }

    #[test]
    fn degenerate_quads_are_refused() {
        let p = Point::new(1.0, 1.0);
        assert!(Homography::from_rect(1.0, 1.0, [p, p, p, p]).is_none());
    }
}
