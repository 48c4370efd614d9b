//! Encoding (the core's `encode`) and rendering (`render`): `encode`, `encode_batch` and
//! the `Symbol` class.

use ecc200::encode::{
    self as core_encode, EncodeOptions, Macro, Modes, ShapePolicy, StructuredAppend,
};
use ecc200::render::{self, HriPlacement, RenderOptions};
use ecc200::{Symbol, SymbolSize};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rayon::prelude::*;

use crate::errors::{EncodeError, Error};
use crate::input::type_name;
use crate::{guard, results};

/// The data to encode: text (ISO-8859-1 when every character is in it, else UTF-8
/// under ECI 26, as the core's `encode_str` decides) or bytes.
enum Data {
    Text(String),
    Bytes(Vec<u8>),
    /// GS1 data parsed (and validated) by the core's `gs1` module.
    Gs1(ecc200::gs1::ElementString),
}

fn data_of(obj: &Bound<'_, PyAny>) -> PyResult<Data> {
    if let Ok(s) = obj.cast::<PyString>() {
        Ok(Data::Text(s.to_cow()?.into_owned()))
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(Data::Bytes(b.as_bytes().to_vec()))
    } else if let Ok(b) = obj.cast::<pyo3::types::PyByteArray>() {
        Ok(Data::Bytes(b.to_vec()))
    } else {
        Err(PyTypeError::new_err(format!(
            "data must be str or bytes, not {}",
            type_name(obj)
        )))
    }
}

/// GS1 data given as text in a GS1 syntax (bracketed, Digital Link, `]d2` scanner
/// data) is parsed and validated by the core's `gs1` module and encoded raw; bytes (and
/// text starting with a digit) are taken as raw data with GS separators.
fn gs1_parse(py: Python<'_>, text: &str, validate: bool) -> PyResult<ecc200::gs1::ElementString> {
    let es = ecc200::gs1::parse(text).map_err(|e| crate::gs1::gs1_err(py, &[e]))?;
    if validate {
        ecc200::gs1::validate(&es, &ecc200::gs1::ValidateOptions::default())
            .map_err(|e| crate::gs1::gs1_err(py, &e.0))?;
    }
    Ok(es)
}

fn do_encode(data: &Data, o: &EncodeOptions) -> Result<Symbol, core_encode::EncodeError> {
    match data {
        Data::Text(s) => core_encode::encode_str(s, o),
        Data::Bytes(b) => core_encode::encode(b, o),
        Data::Gs1(es) => ecc200::encode_gs1(es, o),
    }
}

fn shape(s: &str) -> PyResult<ShapePolicy> {
    Ok(match s {
        "square" => ShapePolicy::Square,
        "rect" | "rectangular" => ShapePolicy::Rectangular,
        "dmre" | "rect+dmre" | "rectangular+dmre" => ShapePolicy::RectangularWithDmre,
        "any" => ShapePolicy::Any,
        _ => {
            return Err(PyValueError::new_err(format!(
                "shape {s:?} is not \"square\", \"rect\", \"dmre\" or \"any\""
            )))
        }
    })
}

fn modes(list: &[String]) -> PyResult<Modes> {
    let mut m = Modes::ASCII_ONLY;
    for s in list {
        m = m.with(match s.to_ascii_lowercase().as_str() {
            "ascii" => Modes::ASCII_ONLY,
            "c40" => Modes::C40,
            "text" => Modes::TEXT,
            "x12" => Modes::X12,
            "edifact" => Modes::EDIFACT,
            "base256" | "base 256" => Modes::BASE256,
            other => {
                return Err(PyValueError::new_err(format!(
                    "encodation {other:?} is not one of ascii, c40, text, x12, edifact, base256"
                )))
            }
        });
    }
    Ok(m)
}

fn macro_of(m: Option<&Bound<'_, PyAny>>) -> PyResult<Macro> {
    let Some(m) = m else { return Ok(Macro::None) };
    if m.is_none() {
        return Ok(Macro::None);
    }
    if let Ok(s) = m.extract::<String>() {
        if s == "auto" {
            return Ok(Macro::Auto);
        }
    } else if let Ok(n) = m.extract::<i64>() {
        match n {
            5 => return Ok(Macro::Macro05),
            6 => return Ok(Macro::Macro06),
            _ => {}
        }
    }
    Err(PyValueError::new_err(
        "macro must be None, \"auto\", 5 or 6",
    ))
}

/// Every encode option, as keyword arguments.
pub(crate) struct EncodeArgs {
    opts: EncodeOptions,
    gs1: bool,
    validate: bool,
}

#[allow(clippy::too_many_arguments)]
fn encode_args(
    gs1: bool,
    shape_: &str,
    size: Option<&Bound<'_, PyAny>>,
    max_rows: Option<usize>,
    max_cols: Option<usize>,
    encodations: Option<Vec<String>>,
    eci: Option<u32>,
    macro_: Option<&Bound<'_, PyAny>>,
    structured_append: Option<(u8, u8, (u8, u8))>,
    reader_programming: bool,
    fnc1_ascii_only: bool,
    validate: bool,
) -> PyResult<EncodeArgs> {
    let mut o = EncodeOptions::default()
        .shape(shape(shape_)?)
        .max_rows(max_rows)
        .max_cols(max_cols)
        .gs1(gs1)
        .eci(eci)
        .macro_header(macro_of(macro_)?)
        .reader_programming(reader_programming)
        .fnc1_ascii_only(fnc1_ascii_only);
    if let Some(s) = size {
        if !s.is_none() {
            o = o.size(Some(crate::read::parse_size(s)?));
        }
    }
    if let Some(list) = encodations {
        o = o.allowed(modes(&list)?);
    }
    if let Some((position, total, (a, b))) = structured_append {
        o = o.structured_append(Some(StructuredAppend {
            position,
            total,
            file_id: [a, b],
        }));
    }
    Ok(EncodeArgs {
        opts: o,
        gs1,
        validate,
    })
}

/// The bytes to encode, GS1 text converted (GIL held: may raise Gs1Error).
fn prepare(py: Python<'_>, obj: &Bound<'_, PyAny>, a: &EncodeArgs) -> PyResult<Data> {
    let d = data_of(obj)?;
    Ok(match d {
        Data::Text(s)
            if a.gs1 && matches!(s.as_bytes().first(), Some(b'(' | b'[' | b']' | b'h' | b'H')) =>
        {
            Data::Gs1(gs1_parse(py, &s, a.validate)?)
        }
        Data::Text(s) if a.gs1 => Data::Bytes(s.into_bytes()),
        d => d,
    })
}

fn encode_err(e: core_encode::EncodeError) -> PyErr {
    EncodeError::new_err(e.to_string())
}

/// What `Symbol.__reduce__` returns: the rebuilding function and its arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (String, Bound<'py, PyBytes>));

/// A finished symbol.
#[pyclass(module = "ecc200._ecc200", name = "Symbol", frozen)]
pub(crate) struct PySymbol {
    inner: Symbol,
}

#[allow(clippy::too_many_arguments)]
fn render_options(
    scale: Option<u32>,
    quiet_zone: Option<u32>,
    x_dim_mm: Option<f64>,
    dpi: Option<u32>,
    invert: bool,
    dark: Option<&str>,
    light: Option<Option<String>>,
    hri_below: bool,
) -> PyResult<RenderOptions> {
    // light: None = the core default, Some(None) = transparent
    let mut o = RenderOptions::default().invert(invert);
    if let Some(s) = scale {
        o = o.module_px(s);
    }
    if let Some(q) = quiet_zone {
        o = o.quiet_zone(q);
    }
    match (x_dim_mm, dpi) {
        (Some(x), d) => {
            let dpi = d.unwrap_or(o.dpi);
            o = o.x_dim(x, dpi)
        }
        (None, Some(d)) => o.dpi = d,
        (None, None) => {}
    }
    if dark.is_some() || light.is_some() {
        let dk = dark
            .map(str::to_string)
            .unwrap_or_else(|| o.dark_color.clone());
        let lt = match light {
            Some(l) => l,
            None => o.light_color.clone(),
        };
        o = o.colors(&dk, lt.as_deref());
    }
    if hri_below {
        o = o.hri_placement(HriPlacement::Below);
    }
    Ok(o)
}

fn render_err(e: render::RenderError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

#[pymethods]
impl PySymbol {
    /// Rows of modules (no quiet zone).
    #[getter]
    fn rows(&self) -> usize {
        self.inner.rows()
    }
    /// Columns of modules (no quiet zone).
    #[getter]
    fn cols(&self) -> usize {
        self.inner.cols()
    }
    /// The size as "ROWSxCOLS".
    #[getter]
    fn size(&self) -> String {
        self.inner.size().to_string()
    }
    /// The modules as a rows x cols numpy bool array (True = dark), a new array each time.
    #[getter]
    fn matrix<'py>(&self, py: Python<'py>) -> Bound<'py, numpy::PyArray2<bool>> {
        results::matrix_array(py, self.inner.matrix())
    }
    /// The placed codeword stream: data codewords then interleaved EC codewords.
    #[getter]
    fn codewords<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.codewords())
    }
    /// The data codewords (padding included).
    #[getter]
    fn data_codewords<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.data_codewords())
    }

    /// PNG file bytes (1-bit grey). See `ecc200.Symbol.to_png` for the options.
    #[pyo3(signature = (*, scale=None, quiet_zone=None, x_dim_mm=None, dpi=None, invert=false, hri=None, hri_below=false))]
    #[allow(clippy::too_many_arguments)]
    fn to_png<'py>(
        &self,
        py: Python<'py>,
        scale: Option<u32>,
        quiet_zone: Option<u32>,
        x_dim_mm: Option<f64>,
        dpi: Option<u32>,
        invert: bool,
        hri: Option<Vec<String>>,
        hri_below: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        guard(|| {
            let o = render_options(
                scale, quiet_zone, x_dim_mm, dpi, invert, None, None, hri_below,
            )?;
            let m = self.inner.matrix();
            let png = py
                .detach(|| match &hri {
                    Some(lines) => render::to_png_with_hri(m, &o, lines),
                    None => render::to_png(m, &o),
                })
                .map_err(render_err)?;
            Ok(PyBytes::new(py, &png.bytes))
        })
    }

    /// SVG document text. See `ecc200.Symbol.to_svg` for the options.
    #[pyo3(signature = (*, scale=None, quiet_zone=None, x_dim_mm=None, dpi=None, invert=false, dark=None, light=None, transparent=false, hri=None, hri_below=false))]
    #[allow(clippy::too_many_arguments)]
    fn to_svg(
        &self,
        scale: Option<u32>,
        quiet_zone: Option<u32>,
        x_dim_mm: Option<f64>,
        dpi: Option<u32>,
        invert: bool,
        dark: Option<&str>,
        light: Option<String>,
        transparent: bool,
        hri: Option<Vec<String>>,
        hri_below: bool,
    ) -> PyResult<String> {
        guard(|| {
            let light = if transparent {
                Some(None)
            } else {
                light.map(Some)
            };
            let o = render_options(
                scale, quiet_zone, x_dim_mm, dpi, invert, dark, light, hri_below,
            )?;
            let svg = match &hri {
                Some(lines) => render::to_svg_with_hri(self.inner.matrix(), &o, lines),
                None => render::to_svg(self.inner.matrix(), &o),
            }
            .map_err(render_err)?;
            Ok(svg.text)
        })
    }

    /// A grey image (HxW uint8 numpy array, 0 dark / 255 light).
    #[pyo3(signature = (*, scale=None, quiet_zone=None, invert=false))]
    fn to_image<'py>(
        &self,
        py: Python<'py>,
        scale: Option<u32>,
        quiet_zone: Option<u32>,
        invert: bool,
    ) -> PyResult<Bound<'py, numpy::PyArray2<u8>>> {
        guard(|| {
            let o = render_options(scale, quiet_zone, None, None, invert, None, None, false)?;
            let g = render::to_gray(self.inner.matrix(), &o).map_err(render_err)?;
            Ok(results::gray_array(py, g))
        })
    }

    /// A PIL image (mode "L"); needs Pillow.
    #[pyo3(signature = (*, scale=None, quiet_zone=None, invert=false))]
    fn to_pil<'py>(
        &self,
        py: Python<'py>,
        scale: Option<u32>,
        quiet_zone: Option<u32>,
        invert: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let img = self.to_image(py, scale, quiet_zone, invert)?;
        py.import("PIL.Image")?.call_method1("fromarray", (img,))
    }

    /// Text for a terminal (Unicode half blocks), quiet zone included.
    #[pyo3(signature = (*, quiet_zone=None, invert=false))]
    fn to_text(&self, quiet_zone: Option<u32>, invert: bool) -> PyResult<String> {
        guard(|| {
            let o = render_options(None, quiet_zone, None, None, invert, None, None, false)?;
            render::to_text(self.inner.matrix(), &o).map_err(render_err)
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Symbol(size={}, data_codewords={})",
            self.inner.size(),
            self.inner.data_codewords().len()
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PySymbol>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    /// Pickles as (size, data codewords): the symbol is rebuilt by the core.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let py = slf.py();
        let f = py
            .import("ecc200._ecc200")?
            .getattr("_symbol_from_codewords")?;
        let s = &slf.get().inner;
        Ok((
            f,
            (s.size().to_string(), PyBytes::new(py, s.data_codewords())),
        ))
    }
}

/// Rebuilds a symbol from its size and data codewords (unpickling).
#[pyfunction]
fn _symbol_from_codewords(size: &str, data: &[u8]) -> PyResult<PySymbol> {
    let size: SymbolSize = size.parse().map_err(PyValueError::new_err)?;
    let inner = Symbol::from_data_codewords(size, data).ok_or_else(|| {
        Error::new_err(format!(
            "{size} holds {} data codewords, {} given",
            size.data_codewords(),
            data.len()
        ))
    })?;
    Ok(PySymbol { inner })
}

/// encode(data, **options) -> Symbol
#[pyfunction]
#[pyo3(signature = (data, *, gs1=false, shape="square", size=None, max_rows=None, max_cols=None, encodations=None, eci=None, r#macro=None, structured_append=None, reader_programming=false, fnc1_ascii_only=false, validate=true))]
#[allow(clippy::too_many_arguments)]
fn encode(
    data: &Bound<'_, PyAny>,
    gs1: bool,
    shape: &str,
    size: Option<&Bound<'_, PyAny>>,
    max_rows: Option<usize>,
    max_cols: Option<usize>,
    encodations: Option<Vec<String>>,
    eci: Option<u32>,
    r#macro: Option<&Bound<'_, PyAny>>,
    structured_append: Option<(u8, u8, (u8, u8))>,
    reader_programming: bool,
    fnc1_ascii_only: bool,
    validate: bool,
) -> PyResult<PySymbol> {
    let py = data.py();
    guard(|| {
        let a = encode_args(
            gs1,
            shape,
            size,
            max_rows,
            max_cols,
            encodations,
            eci,
            r#macro,
            structured_append,
            reader_programming,
            fnc1_ascii_only,
            validate,
        )?;
        let d = prepare(py, data, &a)?;
        let inner = py.detach(|| do_encode(&d, &a.opts)).map_err(encode_err)?;
        Ok(PySymbol { inner })
    })
}

/// encode_batch(items, threads=None, **options) -> list[Symbol]
#[pyfunction]
#[pyo3(signature = (items, *, threads=None, gs1=false, shape="square", size=None, max_rows=None, max_cols=None, encodations=None, eci=None, r#macro=None, structured_append=None, reader_programming=false, fnc1_ascii_only=false, validate=true))]
#[allow(clippy::too_many_arguments)]
fn encode_batch<'py>(
    items: &Bound<'py, PyAny>,
    threads: Option<usize>,
    gs1: bool,
    shape: &str,
    size: Option<&Bound<'py, PyAny>>,
    max_rows: Option<usize>,
    max_cols: Option<usize>,
    encodations: Option<Vec<String>>,
    eci: Option<u32>,
    r#macro: Option<&Bound<'py, PyAny>>,
    structured_append: Option<(u8, u8, (u8, u8))>,
    reader_programming: bool,
    fnc1_ascii_only: bool,
    validate: bool,
) -> PyResult<Bound<'py, PyList>> {
    let py = items.py();
    guard(|| {
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let a = encode_args(
            gs1,
            shape,
            size,
            max_rows,
            max_cols,
            encodations,
            eci,
            r#macro,
            structured_append,
            reader_programming,
            fnc1_ascii_only,
            validate,
        )?;
        let mut data = Vec::new();
        for (i, it) in items.try_iter()?.enumerate() {
            let it = it?;
            data.push(prepare(py, &it, &a).map_err(|e| {
                PyErr::from_type(e.get_type(py), format!("item {i}: {}", e.value(py)))
            })?);
        }
        let one =
            |(i, d): (usize, &Data)| do_encode(d, &a.opts).map_err(|e| format!("item {i}: {e}"));
        let syms: Result<Vec<Symbol>, String> = py.detach(|| match threads {
            Some(1) => data.iter().enumerate().map(one).collect(),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| format!("cannot start {n} threads: {e}"))?
                .install(|| data.par_iter().enumerate().map(one).collect()),
            None => data.par_iter().enumerate().map(one).collect(),
        });
        let syms = syms.map_err(EncodeError::new_err)?;
        let out = PyList::empty(py);
        for s in syms {
            out.append(Bound::new(py, PySymbol { inner: s })?)?;
        }
        Ok(out)
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySymbol>()?;
    m.add_function(wrap_pyfunction!(encode, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch, m)?)?;
    m.add_function(wrap_pyfunction!(_symbol_from_codewords, m)?)?;
    Ok(())
}
