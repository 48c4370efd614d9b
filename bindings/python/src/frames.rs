//! Image inputs as core frames: numpy arrays (viewed without copying when the rows are
//! contiguous pixels), RGB/RGBA arrays (converted to luma), image-file bytes and paths.
//!
//! Conversion happens in two phases so that the heavy part runs without the GIL:
//! [`Source::from_py`] (GIL held) borrows the numpy buffer or copies the file bytes;
//! [`Source::frame`] (GIL released) decodes files and converts colour.

use ecc200::frame::{MAX_FRAME_DIM, MAX_FRAME_PIXELS};
use ecc200::{Frame, GrayImage};
use numpy::{
    PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArray, PyUntypedArrayMethods,
};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::errors::DecodeError;
use crate::input::{borrow_err, type_name};

/// Keeps a numpy array borrowed (read-only) for the duration of a call.
pub(crate) enum Held<'py> {
    /// A uint8 numpy array: (array, height, width, channels).
    Array(PyReadonlyArrayDyn<'py, u8>, usize, usize, usize),
    /// The bytes of an image file (PNG, JPEG, WebP, PNM, BMP, TIFF).
    Encoded(Vec<u8>),
}

/// The pixels as plain data that may cross into threads without the GIL.
pub(crate) enum Source<'a> {
    /// `data[base + y * s0 + x * s1 + k * s2]` is channel k of pixel (x, y).
    Strided {
        data: &'a [u8],
        base: usize,
        h: usize,
        w: usize,
        c: usize,
        s: [isize; 3],
    },
    /// The bytes of an image file.
    Encoded(&'a [u8]),
}

/// A frame ready to read: borrowed from the array, or owned after a conversion.
pub(crate) enum Pixels<'a> {
    Borrowed(Frame<'a>),
    Owned(GrayImage),
}

impl Pixels<'_> {
    pub(crate) fn frame(&self) -> Result<Frame<'_>, String> {
        match self {
            Pixels::Borrowed(f) => Ok(*f),
            Pixels::Owned(g) => g.as_frame().map_err(|e| e.to_string()),
        }
    }
}

impl<'py> Held<'py> {
    /// Takes a numpy uint8 array (HxW, HxWx1, HxWx3, HxWx4), `bytes`/`bytearray` of an
    /// image file, or a path (`str` or `os.PathLike`, read here). The Python layer turns
    /// PIL images into arrays before calling.
    pub(crate) fn from_py(obj: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
        if let Ok(arr) = obj.cast::<PyUntypedArray>() {
            let shape = arr.shape();
            let (h, w, c) = match *shape {
                [h, w] => (h, w, 1),
                [h, w, c] if matches!(c, 1 | 3 | 4) => (h, w, c),
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "image array must be HxW, HxWx1, HxWx3 or HxWx4, got shape {shape:?}"
                    )))
                }
            };
            let a = obj.cast::<PyArrayDyn<u8>>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "image array dtype must be uint8, not {}",
                    arr.dtype()
                ))
            })?;
            check_size(w, h)?;
            let ro = a.try_readonly().map_err(borrow_err)?;
            return Ok(Held::Array(ro, h, w, c));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Held::Encoded(b.as_bytes().to_vec()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Held::Encoded(b.to_vec()));
        }
        let path = if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
            let os = obj.py().import("os")?;
            let p = os.call_method1("fsdecode", (obj,))?;
            std::path::PathBuf::from(p.extract::<String>()?)
        } else {
            return Err(PyTypeError::new_err(format!(
                "image must be a numpy uint8 array, a PIL image, the bytes of an image file or a path, not {}",
                type_name(obj)
            )));
        };
        let bytes = std::fs::read(&path).map_err(|e| {
            PyOSError::new_err((
                e.raw_os_error().unwrap_or(0),
                e.to_string(),
                path.display().to_string(),
            ))
        })?;
        Ok(Held::Encoded(bytes))
    }

    /// The pixels, borrowed from what is held.
    pub(crate) fn source(&self) -> Source<'_> {
        match self {
            Held::Encoded(b) => Source::Encoded(b),
            Held::Array(ro, h, w, c) => {
                let view = ro.as_array();
                let st = view.strides();
                let s = [st[0], st[1], if st.len() > 2 { st[2] } else { 1 }];
                let dims = [*h, *w, *c];
                // lowest and highest element offsets from the first element (h, w, c >= 1)
                let (mut lo, mut hi) = (0isize, 0isize);
                for k in 0..3 {
                    let span = s[k] * (dims[k] as isize - 1);
                    if span < 0 {
                        lo += span;
                    } else {
                        hi += span;
                    }
                }
                let len = (hi - lo) as usize + 1;
                // SAFETY: the array is uint8 with the given shape and strides (in bytes,
                // which for u8 are elements); every element lies at first + offset with
                // lo <= offset <= hi, and numpy views never leave their buffer, so the
                // bytes first + lo ..= first + hi lie inside one allocation. The
                // read-only borrow `ro` (held by `self`, which outlives the slice) keeps
                // the array alive and unwritable from Rust; u8 has no invalid values.
                #[allow(unsafe_code)]
                let data = unsafe { std::slice::from_raw_parts(view.as_ptr().offset(lo), len) };
                Source::Strided {
                    data,
                    base: (-lo) as usize,
                    h: *h,
                    w: *w,
                    c: *c,
                    s,
                }
            }
        }
    }
}

impl Source<'_> {
    /// The pixels as a grey frame (no GIL needed). Grey pixels adjacent in memory (unit
    /// column stride, positive row stride) are viewed in place; anything else is
    /// converted to a new grey image; image files are decoded.
    pub(crate) fn pixels(&self) -> Result<Pixels<'_>, String> {
        match *self {
            Source::Strided {
                data,
                base,
                h,
                w,
                c,
                s,
            } => {
                if c == 1 && s[1] == 1 && s[0] >= w as isize {
                    let f = Frame::luma(data, w, h, s[0] as usize).map_err(|e| e.to_string())?;
                    return Ok(Pixels::Borrowed(f));
                }
                let mut g = GrayImage::new(w, h, 255);
                let ci = c as isize;
                if s[2] == 1 && s[1] == ci && s[0] == ci * w as isize {
                    // C-contiguous: one pass over the pixels
                    for (out, px) in g.data.iter_mut().zip(data.chunks_exact(c)) {
                        *out = to_luma(px);
                    }
                } else {
                    let mut px = [0u8; 4];
                    for y in 0..h {
                        let row = base as isize + y as isize * s[0];
                        for x in 0..w {
                            let at = row + x as isize * s[1];
                            for (k, p) in px.iter_mut().enumerate().take(c) {
                                *p = data
                                    .get((at + k as isize * s[2]) as usize)
                                    .copied()
                                    .unwrap_or(255);
                            }
                            g.data[y * w + x] = to_luma(&px[..c]);
                        }
                    }
                }
                Ok(Pixels::Owned(g))
            }
            Source::Encoded(bytes) => {
                let img = image::load_from_memory(bytes)
                    .map_err(|e| format!("cannot read the image file: {e}"))?;
                let (w, h) = (img.width() as usize, img.height() as usize);
                if w > MAX_FRAME_DIM || h > MAX_FRAME_DIM || w * h > MAX_FRAME_PIXELS {
                    return Err(format!(
                        "image {w}x{h} exceeds the limit ({MAX_FRAME_DIM} pixels a side, {MAX_FRAME_PIXELS} pixels in all)"
                    ));
                }
                let g = img.to_luma8();
                Ok(Pixels::Owned(GrayImage {
                    width: w,
                    height: h,
                    data: g.into_raw(),
                }))
            }
        }
    }
}

/// One pixel (grey, RGB or RGBA) to grey: ITU-R BT.601 luma weights, alpha
/// composited over white (a transparent background reads as paper).
#[inline]
fn to_luma(px: &[u8]) -> u8 {
    match *px {
        [v] => v,
        [r, g, b] => ((77 * r as u32 + 150 * g as u32 + 29 * b as u32 + 128) >> 8) as u8,
        [r, g, b, a] => {
            let y = (77 * r as u32 + 150 * g as u32 + 29 * b as u32 + 128) >> 8;
            let a = a as u32;
            ((y * a + 255 * (255 - a) + 127) / 255) as u8
        }
        _ => 255,
    }
}

fn check_size(w: usize, h: usize) -> PyResult<()> {
    if w == 0 || h == 0 || w > MAX_FRAME_DIM || h > MAX_FRAME_DIM || w * h > MAX_FRAME_PIXELS {
        return Err(PyValueError::new_err(format!(
            "image is {w}x{h}: each side must be 1..={MAX_FRAME_DIM} and the area at most {MAX_FRAME_PIXELS} pixels"
        )));
    }
    Ok(())
}

/// A conversion failure (GIL released) as `ecc200.DecodeError`.
pub(crate) fn pixels_err(msg: String) -> PyErr {
    DecodeError::new_err(msg)
}
