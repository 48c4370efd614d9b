//! Image inputs as core frames: numpy arrays (grey arrays with adjacent pixels viewed
//! without copying), RGB/RGBA arrays and image-file bytes and paths (converted and
//! decoded by the core: `ecc200::frame::luma_into`, `ecc200::frame::load_image`).
//! This file only translates Python objects to core types.
//!
//! Conversion happens in two phases so that the heavy part runs without the GIL:
//! [`Held::from_py`] (GIL held) borrows the numpy buffer or copies the file bytes;
//! [`Source::pixels`] (GIL released) decodes files and converts colour.

use ecc200::frame::{
    check_pixels, load_image, luma_into, PixelLayout, MAX_FRAME_DIM, MAX_FRAME_PIXELS,
};
use ecc200::{Frame, FrameError, GrayImage};
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
    /// A uint8 numpy array with non-negative strides the core accepts.
    Array(PyReadonlyArrayDyn<'py, u8>, Geometry),
    /// The bytes of an image file (PNG, JPEG, WebP, PNM, BMP, TIFF).
    Encoded(Vec<u8>),
}

/// Where the pixels of an array lie, in the core's terms: channel k of pixel (x, y) at
/// byte `y * row_stride + x * pixel_stride + k` from the first element.
#[derive(Clone, Copy)]
pub(crate) struct Geometry {
    w: usize,
    h: usize,
    row_stride: usize,
    pixel_stride: usize,
    layout: PixelLayout,
}

impl Geometry {
    /// The layout of an HxWxC uint8 array with these numpy strides (bytes), or `None`
    /// when the core cannot walk it (negative or overlapping strides, channels not
    /// adjacent): such arrays are copied to C order first. Strides of size-1 axes are
    /// meaningless in numpy and replaced.
    fn of(h: usize, w: usize, c: usize, strides: [isize; 3]) -> Option<Geometry> {
        let layout = match c {
            1 => PixelLayout::Gray8,
            3 => PixelLayout::Rgb8,
            4 => PixelLayout::Rgba8,
            _ => return None,
        };
        if c > 1 && strides[2] != 1 {
            return None;
        }
        let pixel_stride = if w == 1 {
            c
        } else {
            usize::try_from(strides[1]).ok()?
        };
        let span = pixel_stride.saturating_mul(w - 1).saturating_add(c);
        let row_stride = if h == 1 {
            span
        } else {
            usize::try_from(strides[0]).ok()?
        };
        let g = Geometry {
            w,
            h,
            row_stride,
            pixel_stride,
            layout,
        };
        check_pixels(g.len(), w, h, row_stride, pixel_stride, layout).ok()?;
        Some(g)
    }

    /// Bytes from the first element to the end of the last pixel.
    fn len(&self) -> usize {
        let span = self
            .pixel_stride
            .saturating_mul(self.w - 1)
            .saturating_add(self.layout.bytes_per_pixel());
        self.row_stride
            .saturating_mul(self.h - 1)
            .saturating_add(span)
    }
}

/// The pixels as plain data that may cross into threads without the GIL.
pub(crate) enum Source<'a> {
    /// `data` starts at the first element of the array.
    Strided { data: &'a [u8], g: Geometry },
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
            check_size(h, w)?;
            let strides = |a: &Bound<'py, PyArrayDyn<u8>>| {
                let st = a.strides();
                [st[0], st[1], st.get(2).copied().unwrap_or(1)]
            };
            if let Some(g) = Geometry::of(h, w, c, strides(a)) {
                let ro = a.try_readonly().map_err(borrow_err)?;
                return Ok(Held::Array(ro, g));
            }
            // an order the core cannot walk (flipped, transposed, broadcast, channels
            // apart): numpy copies it to C order
            let np = obj.py().import("numpy")?;
            let c_order = np
                .call_method1("ascontiguousarray", (a,))?
                .cast_into::<PyArrayDyn<u8>>()
                .map_err(|e| PyTypeError::new_err(e.to_string()))?;
            let g = Geometry::of(h, w, c, strides(&c_order)).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "image array of shape {shape:?} cannot be laid out in C order"
                ))
            })?;
            let ro = c_order.try_readonly().map_err(borrow_err)?;
            return Ok(Held::Array(ro, g));
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
            Held::Array(ro, g) => {
                let view = ro.as_array();
                // SAFETY: the array is uint8 (strides in bytes are elements) and
                // `Geometry::of` accepted its non-negative strides, so every pixel lies
                // at the first element + offset with 0 <= offset < g.len(); numpy views
                // never leave their buffer, so these bytes lie inside one allocation.
                // The read-only borrow `ro` (held by `self`, which outlives the slice)
                // keeps the array alive and unwritable from Rust; u8 has no invalid
                // values.
                #[allow(unsafe_code)]
                let data = unsafe { std::slice::from_raw_parts(view.as_ptr(), g.len()) };
                Source::Strided { data, g: *g }
            }
        }
    }
}

impl Source<'_> {
    /// The pixels as a grey frame (no GIL needed). Grey pixels adjacent in memory (unit
    /// column stride, positive row stride) are viewed in place; anything else is
    /// converted by the core (`luma_into`: BT.601, alpha over white) to a new grey image;
    /// image files are decoded by the core (`load_image`).
    pub(crate) fn pixels(&self) -> Result<Pixels<'_>, String> {
        match *self {
            Source::Strided { data, g } => {
                if g.layout == PixelLayout::Gray8 && g.pixel_stride == 1 {
                    let f = Frame::luma(data, g.w, g.h, g.row_stride).map_err(|e| e.to_string())?;
                    return Ok(Pixels::Borrowed(f));
                }
                let mut out = Vec::new();
                luma_into(
                    data,
                    g.w,
                    g.h,
                    g.row_stride,
                    Some(g.pixel_stride),
                    g.layout,
                    &mut out,
                )
                .map_err(|e| e.to_string())?;
                Ok(Pixels::Owned(GrayImage {
                    width: g.w,
                    height: g.h,
                    data: out,
                }))
            }
            Source::Encoded(bytes) => load_image(bytes).map(Pixels::Owned).map_err(|e| match e {
                FrameError::Image(m) => format!("cannot read the image file: {m}"),
                e => format!("cannot read the image file: {e}"),
            }),
        }
    }
}

/// Refuses empty and over-limit arrays (the core's limits) before anything is borrowed.
fn check_size(h: usize, w: usize) -> PyResult<()> {
    match check_pixels(w.saturating_mul(h), w, h, w, 1, PixelLayout::Gray8) {
        Err(FrameError::Empty { .. } | FrameError::TooLarge { .. }) => {
            Err(PyValueError::new_err(format!(
                "image is {w}x{h}: each side must be 1..={MAX_FRAME_DIM} and the area at most {MAX_FRAME_PIXELS} pixels"
            )))
        }
        _ => Ok(()),
    }
}

/// A conversion failure (GIL released) as `ecc200.DecodeError`.
pub(crate) fn pixels_err(msg: String) -> PyErr {
    DecodeError::new_err(msg)
}
