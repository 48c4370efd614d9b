//! WebAssembly kernels.
#[cfg(target_feature = "simd128")]
pub mod simd128;
