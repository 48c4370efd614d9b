//! NEON kernels (NEON is part of the AArch64 baseline).
#![allow(unsafe_code)]

use std::arch::aarch64::*;

/// NEON version of [`crate::binarize::scalar::minmax_accumulate`].
pub fn minmax_accumulate(row: &[u8], amin: &mut [u8], amax: &mut [u8]) {
    let n = row.len().min(amin.len()).min(amax.len());
    let mut i = 0;
    while i + 16 <= n {
        // SAFETY: NEON is baseline on aarch64; i + 16 <= n bounds all three slices.
        unsafe {
            let p = vld1q_u8(row.as_ptr().add(i));
            let mn = vld1q_u8(amin.as_ptr().add(i));
            let mx = vld1q_u8(amax.as_ptr().add(i));
            vst1q_u8(amin.as_mut_ptr().add(i), vminq_u8(mn, p));
            vst1q_u8(amax.as_mut_ptr().add(i), vmaxq_u8(mx, p));
        }
        i += 16;
    }
    super::super::scalar::minmax_accumulate(&row[i..n], &mut amin[i..n], &mut amax[i..n]);
}

/// NEON version of [`crate::binarize::scalar::threshold_bits`].
pub fn threshold_bits(row: &[u8], thr: &[u8], out: &mut [u64]) {
    const WEIGHTS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128];
    let n = row.len().min(thr.len());
    let full = (n / 64).min(out.len());
    for (w, o) in out.iter_mut().enumerate().take(full) {
        let mut word = 0u64;
        for k in 0..4 {
            let i = w * 64 + k * 16;
            // SAFETY: i + 16 <= full * 64 <= n bounds both slices; NEON is baseline.
            let m = unsafe {
                let p = vld1q_u8(row.as_ptr().add(i));
                let t = vld1q_u8(thr.as_ptr().add(i));
                let lt = vandq_u8(vcltq_u8(p, t), vld1q_u8(WEIGHTS.as_ptr()));
                u64::from(vaddv_u8(vget_low_u8(lt))) | (u64::from(vaddv_u8(vget_high_u8(lt))) << 8)
            };
            word |= m << (16 * k);
        }
        *o = word;
    }
    super::super::scalar::threshold_bits_from(row, thr, out, full * 64, n);
}
