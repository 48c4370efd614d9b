//! Reading images: `decode`, `decode_batch` and the reusable `Reader`.

use ecc200::read::{ReadOptions, ReadResult, Reader as CoreReader};
use ecc200::SymbolSize;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

use crate::frames::{pixels_err, Held, Source};
use crate::{guard, results};

/// Read options from keyword arguments; `None` keeps the core default.
#[allow(clippy::too_many_arguments)]
fn options(
    thorough: bool,
    max_symbols: Option<usize>,
    try_inverted: Option<bool>,
    try_mirrored: Option<bool>,
    size: Option<&Bound<'_, PyAny>>,
    module_px_range: Option<(f64, f64)>,
    work_budget: Option<usize>,
    min_contrast: Option<u8>,
) -> PyResult<ReadOptions> {
    let mut o = ReadOptions::default().thorough(thorough);
    if let Some(v) = max_symbols {
        o = o.max_symbols(v);
    }
    if let Some(v) = try_inverted {
        o = o.try_inverted(v);
    }
    if let Some(v) = try_mirrored {
        o = o.try_mirrored(v);
    }
    if let Some(s) = size {
        if !s.is_none() {
            o = o.size_hint(Some(parse_size(s)?));
        }
    }
    if let Some((lo, hi)) = module_px_range {
        if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && lo <= hi) {
            return Err(PyValueError::new_err(format!(
                "module_px_range ({lo}, {hi}) must be two finite numbers with 0 < min <= max"
            )));
        }
        o = o.module_px_range(lo, hi);
    }
    if let Some(v) = work_budget {
        o = o.work_budget(v);
    }
    if let Some(v) = min_contrast {
        o = o.min_contrast(v);
    }
    Ok(o)
}

/// A size as `"ROWSxCOLS"` or a `(rows, cols)` pair.
pub(crate) fn parse_size(s: &Bound<'_, PyAny>) -> PyResult<SymbolSize> {
    let size = if let Ok(text) = s.extract::<String>() {
        text.parse::<SymbolSize>().map_err(PyValueError::new_err)?
    } else {
        let (r, c) = s.extract::<(usize, usize)>().map_err(|_| {
            PyValueError::new_err("size must be \"ROWSxCOLS\" or a (rows, cols) pair")
        })?;
        SymbolSize::from_dims(r, c).ok_or_else(|| {
            PyValueError::new_err(format!("{r}x{c} is not an ecc 200 symbol size"))
        })?
    };
    Ok(size)
}

fn to_list<'py>(py: Python<'py>, rs: &[ReadResult]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for r in rs {
        out.append(read_dict(py, r)?)?;
    }
    Ok(out)
}

fn read_dict<'py>(py: Python<'py>, r: &ReadResult) -> PyResult<Bound<'py, PyDict>> {
    let c = r.corners.map(|p| (p.x, p.y));
    let d = results::decoded_dict(py, &r.decoded, Some(c))?;
    d.set_item("mirrored", r.mirrored)?;
    d.set_item("inverted", r.inverted)?;
    d.set_item("module_px", r.module_px)?;
    Ok(d)
}

/// A reusable reader (keeps its buffers between frames). Not for concurrent use: give
/// each thread its own.
#[pyclass(module = "ecc200._ecc200", name = "_Reader")]
struct PyReader {
    inner: CoreReader,
}

#[pymethods]
impl PyReader {
    #[new]
    #[pyo3(signature = (*, thorough=false, max_symbols=None, try_inverted=None, try_mirrored=None, size=None, module_px_range=None, work_budget=None, min_contrast=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        thorough: bool,
        max_symbols: Option<usize>,
        try_inverted: Option<bool>,
        try_mirrored: Option<bool>,
        size: Option<&Bound<'_, PyAny>>,
        module_px_range: Option<(f64, f64)>,
        work_budget: Option<usize>,
        min_contrast: Option<u8>,
    ) -> PyResult<Self> {
        let o = options(
            thorough,
            max_symbols,
            try_inverted,
            try_mirrored,
            size,
            module_px_range,
            work_budget,
            min_contrast,
        )?;
        Ok(PyReader {
            inner: CoreReader::new(o),
        })
    }

    /// read(image) -> list[dict]
    fn read<'py>(&mut self, image: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = image.py();
        guard(|| {
            let held = Held::from_py(image)?;
            let src = held.source();
            let reader = &mut self.inner;
            let rs = py
                .detach(|| {
                    let px = src.pixels()?;
                    let f = px.frame()?;
                    Ok::<_, String>(reader.read(&f))
                })
                .map_err(pixels_err)?;
            to_list(py, &rs)
        })
    }
}

/// decode(image, **options) -> list[dict]: every symbol in one image.
#[pyfunction]
#[pyo3(signature = (image, *, thorough=false, max_symbols=None, try_inverted=None, try_mirrored=None, size=None, module_px_range=None, work_budget=None, min_contrast=None))]
#[allow(clippy::too_many_arguments)]
fn decode<'py>(
    image: &Bound<'py, PyAny>,
    thorough: bool,
    max_symbols: Option<usize>,
    try_inverted: Option<bool>,
    try_mirrored: Option<bool>,
    size: Option<&Bound<'py, PyAny>>,
    module_px_range: Option<(f64, f64)>,
    work_budget: Option<usize>,
    min_contrast: Option<u8>,
) -> PyResult<Bound<'py, PyList>> {
    let py = image.py();
    guard(|| {
        let o = options(
            thorough,
            max_symbols,
            try_inverted,
            try_mirrored,
            size,
            module_px_range,
            work_budget,
            min_contrast,
        )?;
        let held = Held::from_py(image)?;
        let src = held.source();
        let rs = py
            .detach(|| {
                let px = src.pixels()?;
                let f = px.frame()?;
                Ok::<_, String>(ecc200::read::read(&f, &o))
            })
            .map_err(pixels_err)?;
        to_list(py, &rs)
    })
}

/// decode_batch(images, threads=None, **options) -> list[list[dict]]: many images in
/// parallel (one core reader per worker thread), results in input order.
#[pyfunction]
#[pyo3(signature = (images, *, threads=None, thorough=false, max_symbols=None, try_inverted=None, try_mirrored=None, size=None, module_px_range=None, work_budget=None, min_contrast=None))]
#[allow(clippy::too_many_arguments)]
fn decode_batch<'py>(
    images: &Bound<'py, PyAny>,
    threads: Option<usize>,
    thorough: bool,
    max_symbols: Option<usize>,
    try_inverted: Option<bool>,
    try_mirrored: Option<bool>,
    size: Option<&Bound<'py, PyAny>>,
    module_px_range: Option<(f64, f64)>,
    work_budget: Option<usize>,
    min_contrast: Option<u8>,
) -> PyResult<Bound<'py, PyList>> {
    let py = images.py();
    guard(|| {
        let o = options(
            thorough,
            max_symbols,
            try_inverted,
            try_mirrored,
            size,
            module_px_range,
            work_budget,
            min_contrast,
        )?;
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let mut held = Vec::new();
        for (i, item) in images.try_iter()?.enumerate() {
            let item = item?;
            let s = Held::from_py(&item).map_err(|e| {
                let msg = format!("image {i}: {}", e.value(py));
                let ty = e.get_type(py);
                PyErr::from_type(ty, msg)
            })?;
            held.push(s);
        }
        let srcs: Vec<Source<'_>> = held.iter().map(Held::source).collect();
        let one = |r: &mut CoreReader, (i, s): (usize, &Source<'_>)| {
            let px = s.pixels().map_err(|e| format!("image {i}: {e}"))?;
            let f = px.frame().map_err(|e| format!("image {i}: {e}"))?;
            Ok::<_, String>(r.read(&f))
        };
        let all: Result<Vec<Vec<ReadResult>>, String> = py.detach(|| match threads {
            Some(1) => {
                let mut r = CoreReader::new(o.clone());
                srcs.iter().enumerate().map(|x| one(&mut r, x)).collect()
            }
            Some(n) => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| format!("cannot start {n} threads: {e}"))?;
                pool.install(|| {
                    srcs.par_iter()
                        .enumerate()
                        .map_init(|| CoreReader::new(o.clone()), one)
                        .collect()
                })
            }
            None => srcs
                .par_iter()
                .enumerate()
                .map_init(|| CoreReader::new(o.clone()), one)
                .collect(),
        });
        let all = all.map_err(pixels_err)?;
        let out = PyList::empty(py);
        for rs in &all {
            out.append(to_list(py, rs)?)?;
        }
        Ok(out)
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReader>()?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(decode_batch, m)?)?;
    Ok(())
}
