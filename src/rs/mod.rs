//! Reed-Solomon error correction of ECC 200: GF(256) with the prime polynomial
//! x^8 + x^5 + x^3 + x^2 + 1 (0x12D), generator roots alpha^1 .. alpha^n, blocks
//! interleaved codeword by codeword.
//!
//! Written here rather than taken from `reed-solomon-erasure`: that crate works over a
//! different field (0x11D) and only fills erasures, while ECC 200 needs 0x12D and the
//! correction of errors at unknown places (see README, dependencies).

#![deny(clippy::indexing_slicing)]

pub mod decode;
pub mod encode;
pub mod gf256;

pub use decode::{decode_block, decode_symbol, BlockStats, RsError, SymbolStats};
pub use encode::{ec_codewords, encode_symbol, encode_symbol_into};
