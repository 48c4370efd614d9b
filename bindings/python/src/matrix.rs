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

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decode_matrix, m)?)?;
    Ok(())
}
