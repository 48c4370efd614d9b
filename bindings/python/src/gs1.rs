//! GS1 element strings (the core's `gs1` module): parse, validate, HRI, Digital Link,
//! serial numbers.

use ecc200::gs1::{
    self, ElementString, PharmaStyle, SerialError, SerialGenerator, ValidateOptions,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use crate::errors::Gs1Error;
use crate::guard;
use crate::input::type_name;

/// A core GS1 error as `ecc200.Gs1Error` with `.ai`, `.position`, `.length`, `.rule`,
/// `.kind` and `.errors` (every error, as dicts).
pub(crate) fn gs1_err(py: Python<'_>, errs: &[gs1::Gs1Error]) -> PyErr {
    let msg = errs
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let e = Gs1Error::new_err(msg);
    let v = e.value(py);
    let first = errs.first();
    let all = PyList::empty(py);
    let set = || -> PyResult<()> {
        v.setattr("ai", first.and_then(|e| e.ai.clone()))?;
        v.setattr("position", first.map(|e| e.position))?;
        v.setattr("length", first.map(|e| e.length))?;
        v.setattr("rule", first.map(|e| e.rule))?;
        v.setattr("kind", first.map(|e| kind_name(e.kind)))?;
        for e in errs {
            all.append(error_dict(py, e)?)?;
        }
        v.setattr("errors", &all)?;
        Ok(())
    };
    match set() {
        Ok(()) => e,
        Err(other) => other,
    }
}

/// `UnknownAi` -> `"unknown-ai"`.
fn kind_name(k: gs1::ErrorKind) -> String {
    let mut out = String::new();
    for (i, c) in format!("{k:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn error_dict<'py>(py: Python<'py>, e: &gs1::Gs1Error) -> PyResult<Bound<'py, PyDict>> {
    let o = PyDict::new(py);
    o.set_item("ai", e.ai.clone())?;
    o.set_item("position", e.position)?;
    o.set_item("length", e.length)?;
    o.set_item("rule", e.rule)?;
    o.set_item("kind", kind_name(e.kind))?;
    o.set_item("message", &e.message)?;
    Ok(o)
}

fn serial_err(py: Python<'_>, e: SerialError) -> PyErr {
    let (position, rule) = match e {
        SerialError::NotCset82 { index } => (Some(index), "cset82"),
        SerialError::BadLength { .. } => (None, "length"),
        _ => (None, "charset"),
    };
    let err = Gs1Error::new_err(e.to_string());
    let v = err.value(py);
    let _ = v.setattr("ai", "21");
    let _ = v.setattr("position", position);
    let _ = v.setattr("length", position.map(|_| 1usize));
    let _ = v.setattr("rule", rule);
    let _ = v.setattr("kind", if rule == "cset82" { "charset" } else { "limit" });
    let _ = v.setattr("errors", PyList::empty(py));
    err
}

/// GS1 data parsed by the core: an ordered list of AI/value pairs.
#[pyclass(module = "ecc200._ecc200", name = "ElementString", frozen)]
pub(crate) struct PyElementString {
    pub(crate) inner: ElementString,
}

/// str: auto-detected syntax (bracketed, `]d2` scanner data, Digital Link, raw);
/// bytes: scanner data when it starts with `]`, else raw (GS separators).
fn parse_any(obj: &Bound<'_, PyAny>) -> PyResult<ElementString> {
    let py = obj.py();
    if let Ok(es) = obj.cast::<PyElementString>() {
        return Ok(es.get().inner.clone());
    }
    let r = if let Ok(s) = obj.cast::<PyString>() {
        gs1::parse(&s.to_cow()?)
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        let b = b.as_bytes();
        if b.first() == Some(&b']') {
            ElementString::parse_scan_data(b)
        } else {
            ElementString::parse_raw(b)
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "GS1 data must be str, bytes or ElementString, not {}",
            type_name(obj)
        )));
    };
    r.map_err(|e| gs1_err(py, &[e]))
}

fn style(name: &str) -> PyResult<PharmaStyle> {
    match name.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "eufmd" | "fmd" | "eu" => Ok(PharmaStyle::EuFmd),
        "dscsa" | "us" => Ok(PharmaStyle::Dscsa),
        _ => Err(PyValueError::new_err(format!(
            "pharma style {name:?} is not \"eu-fmd\" or \"dscsa\""
        ))),
    }
}

#[pymethods]
impl PyElementString {
    #[new]
    fn new(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(|| {
            Ok(PyElementString {
                inner: parse_any(data)?,
            })
        })
    }

    /// The (ai, value) pairs in order.
    #[getter]
    fn fields(&self) -> Vec<(String, String)> {
        self.inner
            .fields()
            .map(|f| (f.ai.to_string(), f.value.to_string()))
            .collect()
    }

    /// The value of the first occurrence of `ai`, or None.
    fn get(&self, ai: &str) -> Option<String> {
        self.inner.get(ai).map(str::to_string)
    }

    /// Raw data: AIs and values with GS (0x1D) after variable-length values that are
    /// not last; no leading FNC1.
    fn to_raw<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_raw())
    }

    /// Bracketed syntax, `(` in values escaped as `\(`.
    fn to_bracketed(&self) -> String {
        self.inner.to_bracketed()
    }

    /// Scanner data as a Data Matrix reader transmits it: `]d2` + raw data.
    fn to_scan_data<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_scan_data())
    }

    /// Human-readable interpretation, one line per AI: `(01) 09506000134352`.
    fn hri(&self) -> Vec<String> {
        self.inner.hri()
    }

    /// The pharma text block: style "eu-fmd" (PC/SN/Batch/Exp/NN) or "dscsa"
    /// (GTIN/SN/LOT/EXP).
    #[pyo3(signature = (style="eu-fmd"))]
    fn pharma_hri(&self, style: &str) -> PyResult<Vec<String>> {
        Ok(self.inner.pharma_hri(self::style(style)?))
    }

    /// GS1 Digital Link URI with the given stem.
    #[pyo3(signature = (stem="https://id.gs1.org"))]
    fn to_digital_link(&self, py: Python<'_>, stem: &str) -> PyResult<String> {
        guard(|| {
            self.inner
                .to_digital_link(stem)
                .map_err(|e| gs1_err(py, &[e]))
        })
    }

    /// Warnings found while parsing, as dicts (ai, position, length, rule, message).
    #[getter]
    fn parse_warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        warnings_list(py, self.inner.parse_warnings())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __str__(&self) -> String {
        self.inner.to_bracketed()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = PyString::new(py, &self.inner.to_bracketed());
        Ok(format!("ElementString({})", s.repr()?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyElementString>()
            .is_ok_and(|o| o.get().inner.fields().eq(self.inner.fields()))
    }

    /// Pickles as its bracketed form.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let cls = slf.get_type().into_any();
        Ok((cls, (slf.get().inner.to_bracketed(),)))
    }
}

fn warnings_list<'py>(py: Python<'py>, ws: &[gs1::Gs1Warning]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for w in ws {
        let o = PyDict::new(py);
        o.set_item("ai", w.ai.clone())?;
        o.set_item("position", w.position)?;
        o.set_item("length", w.length)?;
        o.set_item("rule", w.rule)?;
        o.set_item("message", &w.message)?;
        out.append(o)?;
    }
    Ok(out)
}

/// parse(data) -> ElementString
#[pyfunction]
fn gs1_parse(data: &Bound<'_, PyAny>) -> PyResult<PyElementString> {
    guard(|| {
        Ok(PyElementString {
            inner: parse_any(data)?,
        })
    })
}

/// validate(data, ...) -> list of warnings; raises Gs1Error with every error.
#[pyfunction]
#[pyo3(signature = (data, *, permit_unknown_ais=false, check_associations=true, warn_embedded_ais=true))]
fn gs1_validate<'py>(
    data: &Bound<'py, PyAny>,
    permit_unknown_ais: bool,
    check_associations: bool,
    warn_embedded_ais: bool,
) -> PyResult<Bound<'py, PyList>> {
    let py = data.py();
    guard(|| {
        let es = parse_any(data)?;
        let o = ValidateOptions::default()
            .permit_unknown_ais(permit_unknown_ais)
            .check_associations(check_associations)
            .warn_embedded_ais(warn_embedded_ais);
        match gs1::validate(&es, &o) {
            Ok(report) => warnings_list(py, &report.warnings),
            Err(errs) => Err(gs1_err(py, &errs.0)),
        }
    })
}

/// from_digital_link(uri) -> ElementString
#[pyfunction]
fn gs1_from_digital_link(py: Python<'_>, uri: &str) -> PyResult<PyElementString> {
    guard(|| {
        ElementString::from_digital_link(uri)
            .map(|inner| PyElementString { inner })
            .map_err(|e| gs1_err(py, &[e]))
    })
}

/// serials(count, ...) -> list[str]
#[pyfunction]
#[pyo3(signature = (count, *, prefix="", width=None, start=0, random=false, charset="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", length=None, seed=None))]
#[allow(clippy::too_many_arguments)]
fn serials(
    py: Python<'_>,
    count: usize,
    prefix: &str,
    width: Option<usize>,
    start: u64,
    random: bool,
    charset: &str,
    length: Option<usize>,
    seed: Option<u64>,
) -> PyResult<Vec<String>> {
    const MAX_COUNT: usize = 10_000_000;
    if count > MAX_COUNT {
        return Err(PyValueError::new_err(format!(
            "count {count} exceeds {MAX_COUNT}; iterate in chunks (start=...) instead"
        )));
    }
    guard(|| {
        let g = if random {
            SerialGenerator::random(charset, length.unwrap_or(12), seed)
        } else {
            SerialGenerator::sequential(
                prefix,
                width.unwrap_or(12usize.saturating_sub(prefix.len()).max(1)),
                start,
            )
        }
        .map_err(|e| serial_err(py, e))?;
        if g.remaining() < count as u128 {
            return Err(PyValueError::new_err(format!(
                "only {} serials remain in this space, {count} asked",
                g.remaining()
            )));
        }
        Ok(py.detach(|| g.take(count).collect()))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let t = py.get_type::<Gs1Error>();
    for a in ["ai", "position", "length", "rule", "kind"] {
        t.setattr(a, py.None())?;
    }
    t.setattr("errors", pyo3::types::PyTuple::empty(py))?;
    m.add_class::<PyElementString>()?;
    m.add_function(wrap_pyfunction!(gs1_parse, m)?)?;
    m.add_function(wrap_pyfunction!(gs1_validate, m)?)?;
    m.add_function(wrap_pyfunction!(gs1_from_digital_link, m)?)?;
    m.add_function(wrap_pyfunction!(serials, m)?)?;
    Ok(())
}
