//! Scalar reference kernels: every SIMD kernel must give bit-identical results.

/// `amin[i] = min(amin[i], row[i])`, `amax[i] = max(amax[i], row[i])` over the common length.
pub fn minmax_accumulate(row: &[u8], amin: &mut [u8], amax: &mut [u8]) {
    for ((&p, mn), mx) in row.iter().zip(amin.iter_mut()).zip(amax.iter_mut()) {
        *mn = (*mn).min(p);
        *mx = (*mx).max(p);
    }
}

/// Bit `i` of `out` (word `i / 64`, bit `i % 64`) is set iff `row[i] < thr[i]`, for `i`
/// below `min(row.len(), thr.len())`; all later bits of `out` are cleared.
pub fn threshold_bits(row: &[u8], thr: &[u8], out: &mut [u64]) {
    let n = row.len().min(thr.len());
    threshold_bits_from(row, thr, out, 0, n);
}

/// The scalar tail shared by the SIMD kernels: pixels `from..n` (`from` a multiple of
/// 64), clearing the words after.
pub(crate) fn threshold_bits_from(row: &[u8], thr: &[u8], out: &mut [u64], from: usize, n: usize) {
    let mut i = from;
    let mut w = from / 64;
    while w < out.len() {
        let mut word = 0u64;
        let end = (i + 64).min(n);
        let mut b = 0;
        while i < end {
            if let (Some(&p), Some(&t)) = (row.get(i), thr.get(i)) {
                word |= u64::from(p < t) << b;
            }
            i += 1;
            b += 1;
        }
        out[w] = word;
        w += 1;
        i = w * 64;
    }
}
