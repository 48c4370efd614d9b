//! CPU feature detection shared by the SIMD kernels (being written).
