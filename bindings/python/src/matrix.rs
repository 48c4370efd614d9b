//! Decoding module matrices.

use crate::errors::DecodeError;
use crate::{guard, input, results};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// decode_matrix(matrix) -> dict: decodes a module matrix (finder L on the left column
/// and bottom row, no quiet zone; other orientations are tried).
#[pyfunction]
fn decode_matrix<'py>(matrix: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let py = matrix.py();
    guard(|| {
        let m = input::module_matrix(matrix)?;
        let d = py
            .detach(|| ecc200::decode::from_matrix(&m))
            .map_err(|e| DecodeError::new_err(e.to_string()))?;
        results::decoded_dict(py, &d, None)
    })
}

/// symbol_sizes() -> list of dicts: the size table (square, rectangular, DMRE).
#[pyfunction]
fn symbol_sizes(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    ecc200::SymbolSize::all()
        .map(|s| {
            let d = PyDict::new(py);
            d.set_item("size", s.to_string())?;
            d.set_item("rows", s.rows())?;
            d.set_item("cols", s.cols())?;
            d.set_item(
                "family",
                match s.family() {
                    ecc200::SizeFamily::Square => "square",
                    ecc200::SizeFamily::Rectangular => "rect",
                    ecc200::SizeFamily::Dmre => "dmre",
                },
            )?;
            d.set_item("data_codewords", s.data_codewords())?;
            d.set_item("ec_codewords", s.ec_codewords())?;
            d.set_item("blocks", s.blocks())?;
            Ok(d)
        })
        .collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decode_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(symbol_sizes, m)?)?;
    Ok(())
}
