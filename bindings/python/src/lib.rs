//! Python bindings of ecc200: the `ecc200._ecc200` extension module.
//!
//! Thin by design: every function converts Python inputs to core types, calls the core,
//! and converts the result to plain Python objects (dicts, tuples, numpy arrays) that the
//! pure-Python layer (`ecc200/__init__.py`) wraps in small classes. No decoding,
//! encoding or grading logic lives here.
//!
//! Every entry point runs the core inside [`guard`], which turns a panic into
//! `ecc200.Error` rather than letting it cross into Python.

use pyo3::prelude::*;

mod encode;
mod errors;
mod frames;
mod grade;
mod gs1;
mod input;
mod matrix;
mod read;
mod results;
mod sim;

pub(crate) use errors::guard;

/// The `ecc200._ecc200` module.
#[pymodule]
fn _ecc200(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    encode::register(m)?;
    grade::register(m)?;
    gs1::register(m)?;
    matrix::register(m)?;
    read::register(m)?;
    sim::register(m)?;
    Ok(())
}
