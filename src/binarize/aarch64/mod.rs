//! AArch64 kernels.
pub mod neon;
