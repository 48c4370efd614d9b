//! Reed-Solomon decoding with errors and erasures (being written).
