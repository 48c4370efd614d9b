//! The `ecc200` command-line tool (being written).
fn main() {}
