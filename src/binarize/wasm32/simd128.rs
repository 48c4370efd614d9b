//! WebAssembly SIMD128 kernels (compiled only with `target_feature = "simd128"`).
#![allow(unsafe_code)]

use std::arch::wasm32::*;

/// SIMD128 version of [`crate::binarize::scalar::minmax_accumulate`].
pub fn minmax_accumulate(row: &[u8], amin: &mut [u8], amax: &mut [u8]) {
    let n = row.len().min(amin.len()).min(amax.len());
    let mut i = 0;
    while i + 16 <= n {
        // SAFETY: simd128 is enabled at compile time; i + 16 <= n bounds all slices.
        unsafe {
            let p = v128_load(row.as_ptr().add(i) as *const v128);
            let mn = v128_load(amin.as_ptr().add(i) as *const v128);
            let mx = v128_load(amax.as_ptr().add(i) as *const v128);
            v128_store(amin.as_mut_ptr().add(i) as *mut v128, u8x16_min(mn, p));
            v128_store(amax.as_mut_ptr().add(i) as *mut v128, u8x16_max(mx, p));
        }
        i += 16;
    }
    super::super::scalar::minmax_accumulate(&row[i..n], &mut amin[i..n], &mut amax[i..n]);
}

/// SIMD128 version of [`crate::binarize::scalar::threshold_bits`].
pub fn threshold_bits(row: &[u8], thr: &[u8], out: &mut [u64]) {
    let n = row.len().min(thr.len());
    let full = (n / 64).min(out.len());
    for (w, o) in out.iter_mut().enumerate().take(full) {
        let mut word = 0u64;
        for k in 0..4 {
            let i = w * 64 + k * 16;
            // SAFETY: simd128 enabled at compile time; i + 16 <= n bounds both slices.
            let m = unsafe {
                let p = v128_load(row.as_ptr().add(i) as *const v128);
                let t = v128_load(thr.as_ptr().add(i) as *const v128);
                u8x16_bitmask(u8x16_lt(p, t))
            };
            word |= u64::from(m) << (16 * k);
        }
        *o = word;
    }
    super::super::scalar::threshold_bits_from(row, thr, out, full * 64, n);
}
