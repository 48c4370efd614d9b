//! Camera effects on a floating-point frame: blur (defocus and motion), uneven light and
//! glare. Buffers are allocated once per call, never per pixel.

/// Separable Gaussian blur of `buf` (`w x h`) with standard deviation `sigma` pixels,
/// edges clamped. `sigma <= 0.05` does nothing.
pub(crate) fn gaussian_blur(buf: &mut [f32], w: usize, h: usize, sigma: f64) {
    if sigma <= 0.05 || w == 0 || h == 0 {
        return;
    }
    let radius = (3.0 * sigma).ceil().max(1.0) as usize;
    let mut k: Vec<f32> = (0..=2 * radius)
        .map(|i| {
            let d = i as f64 - radius as f64;
            (-(d * d) / (2.0 * sigma * sigma)).exp() as f32
        })
        .collect();
    let s: f32 = k.iter().sum();
    k.iter_mut().for_each(|v| *v /= s);

    // horizontal: each row copied into a padded line, then convolved
    let mut line = vec![0f32; w + 2 * radius];
    for y in 0..h {
        let row = &mut buf[y * w..(y + 1) * w];
        let (first, last) = (row[0], row[w - 1]);
        line[..radius].fill(first);
        line[radius..radius + w].copy_from_slice(row);
        line[radius + w..].fill(last);
        row.fill(0.0);
        for (i, &kv) in k.iter().enumerate() {
            for (o, &s) in row.iter_mut().zip(&line[i..i + w]) {
                *o += kv * s;
            }
        }
    }
    // vertical: accumulate whole rows (cache friendly, vectorises)
    let src = buf.to_vec();
    for y in 0..h {
        let out = &mut buf[y * w..(y + 1) * w];
        out.fill(0.0);
        for (i, &kv) in k.iter().enumerate() {
            let sy = (y + i).saturating_sub(radius).min(h - 1);
            let srow = &src[sy * w..(sy + 1) * w];
            for (o, &s) in out.iter_mut().zip(srow) {
                *o += kv * s;
            }
        }
    }
}

/// Linear motion blur: the mean of samples spaced one pixel apart along a segment of
/// `length` pixels at `angle` radians, bilinear, edges clamped.
pub(crate) fn motion_blur(buf: &mut [f32], w: usize, h: usize, length: f64, angle: f64) {
    if length < 1.0 || w == 0 || h == 0 {
        return;
    }
    let n = length.round() as usize + 1;
    let (sa, ca) = angle.sin_cos();
    // offsets of each sample, split into integer part and bilinear weights
    let taps: Vec<(isize, isize, f32, f32)> = (0..n)
        .map(|i| {
            let t = i as f64 * length / (n - 1) as f64 - length / 2.0;
            let (ox, oy) = (t * ca, t * sa);
            let (fx, fy) = (ox.floor(), oy.floor());
            (fx as isize, fy as isize, (ox - fx) as f32, (oy - fy) as f32)
        })
        .collect();
    let src = buf.to_vec();
    let inv = 1.0 / n as f32;
    let (wi, hi) = (w as isize, h as isize);
    for y in 0..hi {
        for x in 0..wi {
            let mut acc = 0.0f32;
            for &(ix, iy, ax, ay) in &taps {
                let x0 = (x + ix).clamp(0, wi - 1) as usize;
                let x1 = (x + ix + 1).clamp(0, wi - 1) as usize;
                let y0 = (y + iy).clamp(0, hi - 1) as usize;
                let y1 = (y + iy + 1).clamp(0, hi - 1) as usize;
                let top = src[y0 * w + x0] * (1.0 - ax) + src[y0 * w + x1] * ax;
                let bot = src[y1 * w + x0] * (1.0 - ax) + src[y1 * w + x1] * ax;
                acc += top * (1.0 - ay) + bot * ay;
            }
            buf[y as usize * w + x as usize] = acc * inv;
        }
    }
}

/// Uneven light: a linear fall-off of `gradient` (fraction lost from the bright side to
/// the dark side, direction `angle`) times vignetting (`vignette` = fraction lost in the
/// corners, quadratic in the distance from the centre).
pub(crate) fn lighting(
    buf: &mut [f32],
    w: usize,
    h: usize,
    gradient: f64,
    angle: f64,
    vignette: f64,
) {
    if gradient == 0.0 && vignette == 0.0 {
        return;
    }
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let rmax2 = cx * cx + cy * cy;
    let (sa, ca) = angle.sin_cos();
    // projection of the corners onto the gradient direction bounds the ramp
    let half = (cx * ca.abs() + cy * sa.abs()).max(1.0);
    for y in 0..h {
        let dy = y as f64 + 0.5 - cy;
        let row = &mut buf[y * w..(y + 1) * w];
        for (x, p) in row.iter_mut().enumerate() {
            let dx = x as f64 + 0.5 - cx;
            let t = (dx * ca + dy * sa) / half; // -1 .. 1
            let g = 1.0 - gradient * (t + 1.0) / 2.0;
            let v = 1.0 - vignette * (dx * dx + dy * dy) / rmax2;
            *p *= (g * v).max(0.0) as f32;
        }
    }
}

/// A specular highlight: an elliptical Gaussian blob pulling pixels towards white by
/// up to `strength` (0..1) at its centre.
#[allow(clippy::too_many_arguments)]
pub(crate) fn glare(
    buf: &mut [f32],
    w: usize,
    h: usize,
    cx: f64,
    cy: f64,
    rx: f64,
    ry: f64,
    angle: f64,
    strength: f64,
) {
    if strength <= 0.0 || rx <= 0.0 || ry <= 0.0 {
        return;
    }
    let (sa, ca) = angle.sin_cos();
    // the blob is negligible beyond 3 radii
    let reach = 3.0 * rx.max(ry);
    let x0 = (cx - reach).floor().max(0.0) as usize;
    let x1 = ((cx + reach).ceil().max(0.0) as usize).min(w);
    let y0 = (cy - reach).floor().max(0.0) as usize;
    let y1 = ((cy + reach).ceil().max(0.0) as usize).min(h);
    for y in y0..y1 {
        let dy = y as f64 + 0.5 - cy;
        for x in x0..x1 {
            let dx = x as f64 + 0.5 - cx;
            let (u, v) = ((dx * ca + dy * sa) / rx, (-dx * sa + dy * ca) / ry);
            let g = strength * (-(u * u + v * v) / 2.0).exp();
            let p = &mut buf[y * w + x];
            *p += (255.0 - *p) * g as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blur_keeps_mean_and_spreads_a_step() {
        let (w, h) = (40, 10);
        let mut b: Vec<f32> = (0..w * h)
            .map(|i| if i % w < 20 { 0.0 } else { 200.0 })
            .collect();
        gaussian_blur(&mut b, w, h, 2.0);
        let mean: f32 = b.iter().sum::<f32>() / (w * h) as f32;
        assert!((mean - 100.0).abs() < 1.0);
        assert!(b[19] > 50.0 && b[19] < 100.0 && b[20] > 100.0 && b[20] < 150.0);
        assert!(b[0] < 0.01 && b[39] > 199.99);
        let mut m = vec![0f32; w * h];
        m[5 * w + 20] = 100.0;
        motion_blur(&mut m, w, h, 8.0, 0.0);
        let row: f32 = m[5 * w..6 * w].iter().sum();
        assert!((row - 100.0).abs() < 1e-3);
        assert!(m[4 * w + 20] == 0.0 && m[5 * w + 24] > 0.0 && m[5 * w + 26] == 0.0);
    }
}
