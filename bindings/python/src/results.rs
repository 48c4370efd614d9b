//! Converting core results to plain Python objects (dicts the Python layer wraps).

use ecc200::decode::Decoded;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// The fields of `ecc200.Decoded` as a dict. `corners` are the symbol's four corners
/// in pixels (top-left, top-right, bottom-right, bottom-left of the module grid), when
/// the symbol was found in an image.
pub(crate) fn decoded_dict<'py>(
    py: Python<'py>,
    d: &Decoded,
    corners: Option<[(f64, f64); 4]>,
) -> PyResult<Bound<'py, PyDict>> {
    let o = PyDict::new(py);
    o.set_item("text", d.text())?;
    o.set_item("bytes", PyBytes::new(py, &d.bytes))?;
    o.set_item("symbology_identifier", d.symbology_identifier())?;
    o.set_item("rows", d.size.rows())?;
    o.set_item("cols", d.size.cols())?;
    o.set_item("is_gs1", d.gs1)?;
    o.set_item("aim", d.aim)?;
    o.set_item("eci", d.eci.clone())?;
    o.set_item(
        "structured_append",
        d.structured_append
            .map(|s| (s.position, s.total, (s.file_id[0], s.file_id[1]))),
    )?;
    o.set_item("reader_programming", d.reader_programming)?;
    o.set_item("macro", d.macro_)?;
    o.set_item("mirrored", d.mirrored)?;
    o.set_item("errors", d.ec.errors)?;
    o.set_item("erasures", d.ec.erasures)?;
    o.set_item("unused_ec", d.ec.unused_ec)?;
    o.set_item("padding", d.padding)?;
    o.set_item("corners", corners)?;
    // GS1 data: the AIs as a dict (first occurrence of each) and the HRI lines, parsed
    // by the core; a GS1 symbol whose data does not parse keeps the reason.
    if d.gs1 {
        match ecc200::gs1::ElementString::parse_raw(&d.bytes) {
            Ok(es) => {
                let ais = PyDict::new(py);
                for f in es.fields() {
                    if !ais.contains(f.ai)? {
                        ais.set_item(f.ai, f.value)?;
                    }
                }
                o.set_item("gs1", ais)?;
                o.set_item("hri", es.hri())?;
            }
            Err(e) => o.set_item("gs1_error", e.to_string())?,
        }
    }
    Ok(o)
}

/// A module matrix as a rows x cols numpy bool array (True = dark).
pub(crate) fn matrix_array<'py>(
    py: Python<'py>,
    m: &ecc200::ModuleMatrix,
) -> Bound<'py, numpy::PyArray2<bool>> {
    use numpy::IntoPyArray;
    let v: Vec<bool> = m.bits().iter().by_vals().collect();
    numpy::ndarray::Array2::from_shape_vec((m.rows(), m.cols()), v)
        .unwrap_or_else(|_| numpy::ndarray::Array2::from_elem((m.rows(), m.cols()), false))
        .into_pyarray(py)
}

/// A grey image as an HxW numpy uint8 array (the buffer moves, no copy).
pub(crate) fn gray_array<'py>(
    py: Python<'py>,
    g: ecc200::GrayImage,
) -> Bound<'py, numpy::PyArray2<u8>> {
    use numpy::IntoPyArray;
    let (h, w) = (g.height, g.width);
    numpy::ndarray::Array2::from_shape_vec((h, w), g.data)
        .unwrap_or_else(|_| numpy::ndarray::Array2::from_elem((h, w), 255))
        .into_pyarray(py)
}
