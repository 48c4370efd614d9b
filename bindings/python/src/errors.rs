//! The exception hierarchy and the panic guard.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

create_exception!(
    ecc200,
    Error,
    PyException,
    "Base class of every error ecc200 raises (a panic in the core also becomes this)."
);
create_exception!(
    ecc200,
    EncodeError,
    Error,
    "The data cannot be encoded as asked (too long, bad size, bad option)."
);
create_exception!(
    ecc200,
    DecodeError,
    Error,
    "A module matrix or codeword stream could not be decoded."
);
create_exception!(
    ecc200,
    Gs1Error,
    Error,
    "GS1 data is malformed or invalid; `.ai`, `.position` and `.rule` say where and why."
);
create_exception!(ecc200, GradeError, Error, "A symbol could not be graded.");

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("EncodeError", py.get_type::<EncodeError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("Gs1Error", py.get_type::<Gs1Error>())?;
    m.add("GradeError", py.get_type::<GradeError>())?;
    m.add_function(pyo3::wrap_pyfunction!(_test_panic, m)?)?;
    Ok(())
}

/// Runs `f`, turning a panic into `ecc200.Error` (with the panic message).
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Error::new_err(format!("internal error in ecc200: {msg}")))
        }
    }
}

/// _test_panic(): panics inside the guard, for the test that a core panic becomes
/// `ecc200.Error` (not a crash, not `PanicException`).
#[pyo3::pyfunction]
pub(crate) fn _test_panic() -> PyResult<()> {
    guard(|| {
        let v: Vec<u8> = Vec::new();
        let i = v.len() + 3;
        // an out-of-bounds index, as a bug in the core would make
        let _byte = v[i];
        Ok(())
    })
}
