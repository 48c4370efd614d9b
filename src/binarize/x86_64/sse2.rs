//! SSE2 kernels (SSE2 is part of the x86-64 baseline).
#![allow(unsafe_code)]

use std::arch::x86_64::*;

/// SSE2 version of [`crate::binarize::scalar::minmax_accumulate`].
pub fn minmax_accumulate(row: &[u8], amin: &mut [u8], amax: &mut [u8]) {
    let n = row.len().min(amin.len()).min(amax.len());
    let mut i = 0;
    while i + 16 <= n {
        // SAFETY: SSE2 is always available on x86-64; i + 16 <= n bounds all three
        // slices, and unaligned loads/stores are used.
        unsafe {
            let p = _mm_loadu_si128(row.as_ptr().add(i) as *const __m128i);
            let mn = _mm_loadu_si128(amin.as_ptr().add(i) as *const __m128i);
            let mx = _mm_loadu_si128(amax.as_ptr().add(i) as *const __m128i);
            _mm_storeu_si128(
                amin.as_mut_ptr().add(i) as *mut __m128i,
                _mm_min_epu8(mn, p),
            );
            _mm_storeu_si128(
                amax.as_mut_ptr().add(i) as *mut __m128i,
                _mm_max_epu8(mx, p),
            );
        }
        i += 16;
    }
    super::super::scalar::minmax_accumulate(&row[i..n], &mut amin[i..n], &mut amax[i..n]);
}

/// SSE2 version of [`crate::binarize::scalar::threshold_bits`].
pub fn threshold_bits(row: &[u8], thr: &[u8], out: &mut [u64]) {
    let n = row.len().min(thr.len());
    let full = (n / 64).min(out.len());
    for (w, o) in out.iter_mut().enumerate().take(full) {
        let mut word = 0u64;
        for k in 0..4 {
            let i = w * 64 + k * 16;
            // SAFETY: i + 16 <= full * 64 <= n bounds both slices; SSE2 is baseline.
            let m = unsafe {
                let p = _mm_loadu_si128(row.as_ptr().add(i) as *const __m128i);
                let t = _mm_loadu_si128(thr.as_ptr().add(i) as *const __m128i);
                // t - p saturating is zero exactly when p >= t
                let ge = _mm_cmpeq_epi8(_mm_subs_epu8(t, p), _mm_setzero_si128());
                (!_mm_movemask_epi8(ge) as u32) & 0xFFFF
            };
            word |= u64::from(m) << (16 * k);
        }
        *o = word;
    }
    super::super::scalar::threshold_bits_from(row, thr, out, full * 64, n);
}
