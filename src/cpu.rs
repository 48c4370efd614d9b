//! CPU feature detection shared by the SIMD kernels.
//!
//! Every per-pixel kernel has a scalar reference and SIMD versions; [`CpuLevel`] picks
//! one. [`CpuLevel::detect`] finds the best level the running CPU supports and
//! [`CpuLevel::clamp`] turns a requested level into one that is safe to run.

use std::fmt;

/// An instruction-set level a kernel can be run at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CpuLevel {
    /// Portable Rust, no SIMD intrinsics (the reference every other level must match).
    Scalar,
    /// x86-64 SSE2 (always present on x86-64).
    Sse2,
    /// x86-64 AVX2 (detected at run time).
    Avx2,
    /// AArch64 NEON (always present on aarch64).
    Neon,
    /// WebAssembly 128-bit SIMD (when compiled with `target_feature = "simd128"`).
    Simd128,
}

impl fmt::Display for CpuLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CpuLevel::Scalar => "scalar",
            CpuLevel::Sse2 => "sse2",
            CpuLevel::Avx2 => "avx2",
            CpuLevel::Neon => "neon",
            CpuLevel::Simd128 => "simd128",
        })
    }
}

impl CpuLevel {
    /// The best level the running CPU supports.
    pub fn detect() -> CpuLevel {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                return CpuLevel::Avx2;
            }
            CpuLevel::Sse2
        }
        #[cfg(target_arch = "aarch64")]
        {
            CpuLevel::Neon
        }
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        {
            CpuLevel::Simd128
        }
        #[cfg(not(any(
            target_arch = "x86_64",
            target_arch = "aarch64",
            all(target_arch = "wasm32", target_feature = "simd128")
        )))]
        {
            CpuLevel::Scalar
        }
    }

    /// Every level the running CPU supports, scalar first, best last.
    pub fn available() -> Vec<CpuLevel> {
        // (no level is added on targets without SIMD kernels, e.g. scalar wasm32)
        #[allow(unused_mut)]
        let mut v = vec![CpuLevel::Scalar];
        #[cfg(target_arch = "x86_64")]
        {
            v.push(CpuLevel::Sse2);
            if std::arch::is_x86_feature_detected!("avx2") {
                v.push(CpuLevel::Avx2);
            }
        }
        #[cfg(target_arch = "aarch64")]
        v.push(CpuLevel::Neon);
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        v.push(CpuLevel::Simd128);
        v
    }

    /// True when the running CPU can execute kernels at this level.
    pub fn is_supported(self) -> bool {
        match self {
            CpuLevel::Scalar => true,
            #[cfg(target_arch = "x86_64")]
            CpuLevel::Sse2 => true,
            #[cfg(target_arch = "x86_64")]
            CpuLevel::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
            #[cfg(target_arch = "aarch64")]
            CpuLevel::Neon => true,
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            CpuLevel::Simd128 => true,
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// `self` if the CPU supports it, otherwise the best supported level below it on
    /// the same architecture (ultimately [`CpuLevel::Scalar`]).
    pub fn clamp(self) -> CpuLevel {
        if self.is_supported() {
            return self;
        }
        if self == CpuLevel::Avx2 && CpuLevel::Sse2.is_supported() {
            return CpuLevel::Sse2;
        }
        CpuLevel::Scalar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_is_available_and_clamp_is_safe() {
        let best = CpuLevel::detect();
        let all = CpuLevel::available();
        assert_eq!(all.first(), Some(&CpuLevel::Scalar));
        assert_eq!(all.last(), Some(&best));
        for l in [
            CpuLevel::Scalar,
            CpuLevel::Sse2,
            CpuLevel::Avx2,
            CpuLevel::Neon,
            CpuLevel::Simd128,
        ] {
            let c = l.clamp();
            assert!(c.is_supported(), "{l} clamped to unsupported {c}");
            assert_eq!(all.contains(&l), l.is_supported());
        }
    }
}
