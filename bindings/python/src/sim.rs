//! Simulated camera frames (the core's `sim` module) for tests, benchmarks and demos.

use ecc200::sim::{random_scene_in, Difficulty};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::errors::Error;
use crate::{guard, input, results};

fn difficulty(name: &str) -> PyResult<Difficulty> {
    Difficulty::ALL
        .into_iter()
        .find(|d| d.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Difficulty::ALL.iter().map(|d| d.name()).collect();
            PyValueError::new_err(format!(
                "difficulty {name:?} is not one of {}",
                names.join(", ")
            ))
        })
}

/// simulate(matrices, *, seed, difficulty, width, height) -> (frame, truths)
#[pyfunction]
#[pyo3(signature = (matrices, *, seed=0, difficulty="easy", width=640, height=480))]
fn simulate<'py>(
    py: Python<'py>,
    matrices: &Bound<'py, PyAny>,
    seed: u64,
    difficulty: &str,
    width: usize,
    height: usize,
) -> PyResult<Bound<'py, PyTuple>> {
    guard(|| {
        let d = self::difficulty(difficulty)?;
        let mut ms = Vec::new();
        for (i, m) in matrices.try_iter()?.enumerate() {
            let m = m?;
            ms.push(
                input::module_matrix(&m)
                    .map_err(|e| PyValueError::new_err(format!("matrix {i}: {}", e.value(py))))?,
            );
        }
        let frame = py
            .detach(|| random_scene_in(seed, d, &ms, width, height).render())
            .map_err(|e| Error::new_err(format!("simulator: {e}")))?;
        let truths = PyList::empty(py);
        for t in &frame.truth {
            let o = PyDict::new(py);
            o.set_item("corners", t.corners.map(|p| (p.x, p.y)))?;
            o.set_item("matrix", results::matrix_array(py, &t.matrix))?;
            o.set_item("mirrored", t.mirrored)?;
            o.set_item("inverted", t.inverted)?;
            o.set_item("module_px", t.module_px)?;
            truths.append(o)?;
        }
        let img = results::gray_array(py, frame.image);
        Ok(PyTuple::new(py, [img.into_any(), truths.into_any()])?)
    })
}

/// random_matrix(size, seed=0) -> bool array: a valid symbol of random digits.
#[pyfunction]
#[pyo3(signature = (size, seed=0))]
fn random_matrix<'py>(
    size: &Bound<'py, PyAny>,
    seed: u64,
) -> PyResult<Bound<'py, numpy::PyArray2<bool>>> {
    let s = crate::read::parse_size(size)?;
    Ok(results::matrix_array(
        size.py(),
        &ecc200::sim::random_matrix(seed, s),
    ))
}

/// The difficulty names `simulate` accepts.
#[pyfunction]
fn difficulties() -> Vec<&'static str> {
    Difficulty::ALL.iter().map(|d| d.name()).collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(simulate, m)?)?;
    m.add_function(wrap_pyfunction!(difficulties, m)?)?;
    m.add_function(wrap_pyfunction!(random_matrix, m)?)?;
    Ok(())
}
