//! # ecc200
//!
//! Make, read and grade GS1 DataMatrix (ECC 200) symbols at line speed.
//!
//! The modules follow the data:
//!
//! - write: [`gs1`] -> [`encode`] -> [`matrix`] (with [`rs`]) -> [`render`]
//! - read: [`frame`] -> [`binarize`] -> [`find`] -> [`sample`] -> [`decode`] -> [`gs1`]
//!   (driven by [`read`])
//! - grade: [`grade`] (reads, then measures per ISO/IEC 15415)
//!
//! [`sim`] makes simulated camera frames for tests, benchmarks and the demo.
#![deny(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![warn(missing_docs)]

pub mod binarize;
pub mod cpu;
pub mod decode;
pub mod encode;
pub mod find;
pub mod frame;
pub mod geometry;
pub mod grade;
pub mod gs1;
#[doc(hidden)]
pub mod json;
pub mod matrix;
mod pipeline;
pub mod read;
pub mod render;
pub mod rs;
pub mod sample;
pub mod sim;

pub use decode::{DecodeError, Decoded};
pub use encode::{encode, encode_str, EncodeError, EncodeOptions};
pub use frame::{Frame, FrameError, GrayImage};
pub use geometry::{Homography, Point};
pub use grade::{GradeError, GradeOptions, GradeReport};
pub use matrix::{ModuleMap, ModuleMatrix, SizeFamily, Symbol, SymbolSize};
pub use pipeline::{encode_gs1, grade_frame, location_of};
pub use read::{read, ReadOptions, ReadResult, Reader};
pub use render::RenderOptions;
