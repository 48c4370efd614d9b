//! Converting Python inputs to core types.

use ecc200::matrix::MAX_MATRIX_DIM;
use ecc200::ModuleMatrix;
use numpy::{PyArray2, PyArrayMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// A 2-D numpy array of bool (True = dark) or of uint8 0/1 (1 = dark), any strides, as a
/// module matrix.
pub(crate) fn module_matrix(obj: &Bound<'_, PyAny>) -> PyResult<ModuleMatrix> {
    let arr = obj.cast::<PyUntypedArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "matrix must be a numpy array of bool or uint8, not {}",
            type_name(obj)
        ))
    })?;
    if arr.ndim() != 2 {
        return Err(PyValueError::new_err(format!(
            "matrix must be 2-D (rows x cols), got {} dimensions",
            arr.ndim()
        )));
    }
    let (rows, cols) = (arr.shape()[0], arr.shape()[1]);
    if rows == 0 || cols == 0 || rows > MAX_MATRIX_DIM || cols > MAX_MATRIX_DIM {
        return Err(PyValueError::new_err(format!(
            "matrix is {rows}x{cols}: each side must be 1..={MAX_MATRIX_DIM}"
        )));
    }
    let mut m = ModuleMatrix::new(rows, cols);
    if let Ok(a) = obj.cast::<PyArray2<bool>>() {
        let ro = a.try_readonly().map_err(borrow_err)?;
        for ((r, c), &v) in ro.as_array().indexed_iter() {
            if v {
                m.set(r, c, true);
            }
        }
    } else if let Ok(a) = obj.cast::<PyArray2<u8>>() {
        let ro = a.try_readonly().map_err(borrow_err)?;
        for ((r, c), &v) in ro.as_array().indexed_iter() {
            match v {
                0 => {}
                1 => m.set(r, c, true),
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "matrix value {v} at row {r}, column {c}: uint8 matrices hold 0 (light) or 1 (dark)"
                    )))
                }
            }
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "matrix dtype must be bool or uint8, not {}",
            arr.dtype()
        )));
    }
    Ok(m)
}

pub(crate) fn borrow_err(e: numpy::BorrowError) -> PyErr {
    PyValueError::new_err(format!("array is being written elsewhere: {e}"))
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_string())
}
