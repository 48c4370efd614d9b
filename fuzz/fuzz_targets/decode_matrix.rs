//! Any bits, any dimensions -> `decode::from_matrix` and `from_matrix_with_erasures`.
#![no_main]
use ecc200::decode::{from_matrix, from_matrix_with_erasures};
use ecc200::{ModuleMatrix, Symbol, SymbolSize};
use libfuzzer_sys::fuzz_target;

fn bits(data: &[u8], n: usize, off: usize) -> Vec<bool> {
    (0..n)
        .map(|i| {
            let k = off + i;
            data.get(2 + k / 8).is_some_and(|b| b >> (k % 8) & 1 == 1)
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // data[0] top bits: 00 a valid symbol with flips, 01 raw bits of a real size (or
    // its transpose), 1x raw bits of any dims up to 128x160
    let (rows, cols) = if data[0] & 0x80 == 0 {
        let s = SymbolSize::from_index(data[1] as usize % SymbolSize::COUNT)
            .unwrap_or_else(|| SymbolSize::all().next().unwrap());
        if data[0] & 0x40 == 0 {
            (s.rows(), s.cols())
        } else {
            (s.cols(), s.rows())
        }
    } else {
        ((data[0] & 0x7f) as usize + 1, data[1] as usize % 161)
    };
    let n = rows * cols;
    let m = if data[0] & 0xc0 == 0 {
        // a real symbol from the input's codewords (so the data decoder is reached),
        // then sparse module flips: (row, col) byte pairs, then maybe the transpose
        let Some(size) = SymbolSize::from_index(data[1] as usize % SymbolSize::COUNT) else {
            return;
        };
        let nd = size.data_codewords();
        let cw: Vec<u8> = data[2..]
            .iter()
            .copied()
            .chain(std::iter::repeat(129))
            .take(nd)
            .collect();
        let Some(sym) = Symbol::from_data_codewords(size, &cw) else {
            return;
        };
        let mut m = sym.into_matrix();
        let flips = data.get(2 + nd..).unwrap_or(&[]);
        for p in flips.chunks_exact(2) {
            let (r, c) = (p[0] as usize % m.rows(), p[1] as usize % m.cols());
            let v = m.get(r, c);
            m.set(r, c, !v);
        }
        if data[0] & 1 != 0 {
            m = m.transposed();
        }
        m
    } else {
        match ModuleMatrix::from_bools(rows, cols, &bits(data, n, 0)) {
            Some(m) => m,
            None => return,
        }
    };
    let (rows, cols) = (m.rows(), m.cols());
    let n = rows * cols;
    if let Ok(d) = from_matrix(&m) {
        // a decode is a consistent one: its codewords fit its size
        assert_eq!(d.codewords.len(), d.size.total_codewords());
        let _ = d.text();
        let _ = d.symbology_identifier();
    }
    // erasure map: sparse, from the bytes after the matrix
    let u = bits(data, n, n)
        .iter()
        .enumerate()
        .map(|(i, b)| *b && i % 7 == 0)
        .collect::<Vec<_>>();
    if let Some(unc) = ModuleMatrix::from_bools(rows, cols, &u) {
        let _ = from_matrix_with_erasures(&m, &unc);
    }
    // an uncertain map of other dimensions is ignored, never a panic
    let other = ModuleMatrix::new(cols.max(1), rows + 1);
    let _ = from_matrix_with_erasures(&m, &other);
});
