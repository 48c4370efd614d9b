// Shared helpers of the fuzz targets (included with `include!`).

#[allow(dead_code)]
/// Reads bytes from the front of the input; past the end it yields zeros.
struct Bytes<'a>(&'a [u8]);

#[allow(dead_code)]
impl<'a> Bytes<'a> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn u16(&mut self) -> u16 {
        u16::from(self.u8()) | u16::from(self.u8()) << 8
    }
    fn f64(&mut self) -> f64 {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.u8();
        }
        f64::from_le_bytes(b)
    }
    /// A float that is mostly tame (-scale..scale), sometimes NaN/inf/huge.
    fn wild(&mut self, scale: f64) -> f64 {
        match self.u8() {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => f64::NEG_INFINITY,
            3 => self.f64(),
            _ => (f64::from(self.u16()) / 32768.0 - 1.0) * scale,
        }
    }
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (a, b) = self.0.split_at(n.min(self.0.len()));
        self.0 = b;
        a
    }
    fn rest(&mut self) -> &'a [u8] {
        self.take(usize::MAX)
    }
}

#[allow(dead_code, clippy::too_many_arguments)]
/// Paints `m` (with a 2-module quiet zone) at (x0, y0) with `px` pixels per module.
fn paint(img: &mut [u8], w: usize, h: usize, stride: usize, m: &ecc200::ModuleMatrix, x0: usize, y0: usize, px: usize) {
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x.wrapping_sub(x0) / px.max(1), y.wrapping_sub(y0) / px.max(1));
            if x < x0 || y < y0 || dx >= m.cols() + 4 || dy >= m.rows() + 4 {
                continue;
            }
            let dark = dx >= 2 && dy >= 2 && dx - 2 < m.cols() && dy - 2 < m.rows() && m.get(dy - 2, dx - 2);
            img[y * stride + x] = if dark { 20 } else { 235 };
        }
    }
}
