//! AVX2 kernels (callers must check `is_x86_feature_detected!("avx2")`, which
//! [`crate::cpu::CpuLevel::clamp`] does).
#![allow(unsafe_code)]

use std::arch::x86_64::*;

/// AVX2 version of [`crate::binarize::scalar::minmax_accumulate`].
///
/// # Safety
/// The CPU must support AVX2.
#[target_feature(enable = "avx2")]
pub unsafe fn minmax_accumulate(row: &[u8], amin: &mut [u8], amax: &mut [u8]) {
    let n = row.len().min(amin.len()).min(amax.len());
    let mut i = 0;
    while i + 32 <= n {
        // SAFETY: i + 32 <= n bounds all three slices; unaligned loads/stores; AVX2 is
        // guaranteed by this function's contract.
        unsafe {
            let p = _mm256_loadu_si256(row.as_ptr().add(i) as *const __m256i);
            let mn = _mm256_loadu_si256(amin.as_ptr().add(i) as *const __m256i);
            let mx = _mm256_loadu_si256(amax.as_ptr().add(i) as *const __m256i);
            _mm256_storeu_si256(
                amin.as_mut_ptr().add(i) as *mut __m256i,
                _mm256_min_epu8(mn, p),
            );
            _mm256_storeu_si256(
                amax.as_mut_ptr().add(i) as *mut __m256i,
                _mm256_max_epu8(mx, p),
            );
        }
        i += 32;
    }
    super::super::scalar::minmax_accumulate(&row[i..n], &mut amin[i..n], &mut amax[i..n]);
}

/// AVX2 version of [`crate::binarize::scalar::threshold_bits`].
///
/// # Safety
/// The CPU must support AVX2.
#[target_feature(enable = "avx2")]
pub unsafe fn threshold_bits(row: &[u8], thr: &[u8], out: &mut [u64]) {
    let n = row.len().min(thr.len());
    let full = (n / 64).min(out.len());
    for (w, o) in out.iter_mut().enumerate().take(full) {
        let mut word = 0u64;
        for k in 0..2 {
            let i = w * 64 + k * 32;
            // SAFETY: i + 32 <= full * 64 <= n bounds both slices; AVX2 by contract.
            let m = unsafe {
                let p = _mm256_loadu_si256(row.as_ptr().add(i) as *const __m256i);
                let t = _mm256_loadu_si256(thr.as_ptr().add(i) as *const __m256i);
                let ge = _mm256_cmpeq_epi8(_mm256_subs_epu8(t, p), _mm256_setzero_si256());
                !(_mm256_movemask_epi8(ge) as u32)
            };
            word |= u64::from(m) << (32 * k);
        }
        *o = word;
    }
    super::super::scalar::threshold_bits_from(row, thr, out, full * 64, n);
}
