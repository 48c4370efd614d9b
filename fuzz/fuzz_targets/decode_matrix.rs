//! Any bits, any dimensions -> `decode::from_matrix` and `from_matrix_with_erasures`.
#![no_main]
use ecc200::decode::{from_matrix, from_matrix_with_erasures};
use ecc200::{ModuleMatrix, SymbolSize};
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
    // mostly real sizes (and their transposes), sometimes any dims up to 160
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
    let Some(m) = ModuleMatrix::from_bools(rows, cols, &bits(data, n, 0)) else {
        return;
    };
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
