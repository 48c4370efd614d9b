//! Grading: the core's `grade_frame` (read the image, then grade each symbol found at
//! the location the reader reports).

use ecc200::grade::{Aperture, Calibration, GradeOptions};
use ecc200::read::ReadOptions;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::errors::GradeError;
use crate::frames::Held;
use crate::{guard, results};

fn aperture(a: &Bound<'_, PyAny>) -> PyResult<Aperture> {
    if let Ok(x) = a.extract::<f64>() {
        return Ok(Aperture::XFraction(x));
    }
    let s: String = a.extract().map_err(|_| {
        PyValueError::new_err("aperture must be a fraction of X (float) or a string such as \"0.8x\", \"5mil\", \"0.127mm\"")
    })?;
    let t = s.trim().to_ascii_lowercase();
    let num = |suffix: &str| -> PyResult<f64> {
        t.trim_end_matches(suffix)
            .trim()
            .parse::<f64>()
            .map_err(|_| PyValueError::new_err(format!("aperture {s:?}: not a number")))
    };
    if t.ends_with("mils") {
        Ok(Aperture::Mils(num("mils")?))
    } else if t.ends_with("mil") {
        Ok(Aperture::Mils(num("mil")?))
    } else if t.ends_with("mm") {
        Ok(Aperture::Mm(num("mm")?))
    } else if t.ends_with('x') {
        Ok(Aperture::XFraction(num("x")?))
    } else {
        Err(PyValueError::new_err(format!(
            "aperture {s:?} must end in x (fraction of X), mil or mm"
        )))
    }
}

/// A grading choice by name, or a ValueError naming the keyword and the names allowed.
fn choice<T: std::str::FromStr<Err = ecc200::grade::UnknownChoice>>(
    keyword: &str,
    v: &str,
) -> PyResult<T> {
    v.parse()
        .map_err(|e| PyValueError::new_err(format!("{keyword} {e}")))
}

/// grade(image, ...) -> list of (report json, report text, decoded dict)
#[pyfunction]
#[pyo3(signature = (image, *, aperture=None, dpi=None, wavelength_nm=None, calibration=None, notional_uec=None, min_pixels_per_module=None, low_resolution_is_error=None, standard=None, dpm_reference=None, clock_segments=None, grid_anchor=None, thorough=false, max_symbols=1))]
#[allow(clippy::too_many_arguments)]
fn grade<'py>(
    image: &Bound<'py, PyAny>,
    aperture: Option<&Bound<'py, PyAny>>,
    dpi: Option<f64>,
    wavelength_nm: Option<u32>,
    calibration: Option<(f64, f64, f64, f64)>,
    notional_uec: Option<&str>,
    min_pixels_per_module: Option<f64>,
    low_resolution_is_error: Option<bool>,
    standard: Option<&str>,
    dpm_reference: Option<(f64, f64, f64, f64)>,
    clock_segments: Option<&str>,
    grid_anchor: Option<&str>,
    thorough: bool,
    max_symbols: usize,
) -> PyResult<Bound<'py, PyList>> {
    let py = image.py();
    guard(|| {
        let mut o = GradeOptions::default();
        if let Some(a) = aperture {
            o = o.aperture(self::aperture(a)?);
        }
        if let Some(d) = dpi {
            o = o.dpi(d);
        }
        if let Some(w) = wavelength_nm {
            o = o.wavelength_nm(w);
        }
        if let Some((measured_white, measured_black, card_rmax, card_rmin)) = calibration {
            o = o.calibration(Calibration {
                measured_white,
                measured_black,
                card_rmax,
                card_rmin,
            });
        }
        if let Some(v) = notional_uec {
            o = o.notional_uec(choice("notional_uec", v)?);
        }
        if let Some(v) = clock_segments {
            o = o.clock_segments(choice("clock_segments", v)?);
        }
        if let Some(v) = grid_anchor {
            o = o.grid_anchor(choice("grid_anchor", v)?);
        }
        if let Some((r_cal, ml_cal, sr_cal, sr_target)) = dpm_reference {
            o = o.dpm_reference(ecc200::grade::DpmReference {
                r_cal,
                ml_cal,
                sr_cal,
                sr_target,
            });
        }
        if let Some(p) = min_pixels_per_module {
            o = o.min_pixels_per_module(p);
        }
        if let Some(b) = low_resolution_is_error {
            o = o.low_resolution_is_error(b);
        }
        if let Some(v) = standard {
            o = o.standard(choice("standard", v)?);
        }
        let ro = ReadOptions::default()
            .thorough(thorough)
            .max_symbols(max_symbols.max(1));
        let held = Held::from_py(image)?;
        let src = held.source();
        // Err((true, _)): the image itself is unusable (DecodeError, as in `decode`)
        let graded = py.detach(|| {
            let px = src.pixels().map_err(|e| (true, e))?;
            let f = px.frame().map_err(|e| (true, e))?;
            let found = ecc200::grade_frame(&f, &ro, &o);
            if found.is_empty() {
                return Err((false, "no symbol found in the image".to_string()));
            }
            let n = found.len();
            let mut out = Vec::with_capacity(n);
            for (i, (r, g)) in found.into_iter().enumerate() {
                let rep = g.map_err(|e| {
                    let which = if n > 1 {
                        format!("symbol {i}: ")
                    } else {
                        String::new()
                    };
                    (false, format!("{which}{e}"))
                })?;
                out.push((rep.to_json(), rep.to_text(), r));
            }
            Ok(out)
        });
        // Err((true, _)): the image itself is unusable (DecodeError, as in `decode`)
        let graded = graded.map_err(|(image, msg)| {
            if image {
                crate::frames::pixels_err(msg)
            } else {
                GradeError::new_err(msg)
            }
        })?;
        let out = PyList::empty(py);
        for (json, text, r) in &graded {
            let c = r.corners.map(|p| (p.x, p.y));
            let d: Bound<'py, PyDict> = results::decoded_dict(py, &r.decoded, Some(c))?;
            d.set_item("mirrored", r.mirrored)?;
            d.set_item("inverted", r.inverted)?;
            d.set_item("module_px", r.module_px)?;
            out.append(PyTuple::new(
                py,
                [
                    json.into_pyobject(py)?.into_any(),
                    text.into_pyobject(py)?.into_any(),
                    d.into_any(),
                ],
            )?)?;
        }
        Ok(out)
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(grade, m)?)?;
    Ok(())
}
