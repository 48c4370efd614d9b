//! The reader: frame to decoded symbols (being written).
