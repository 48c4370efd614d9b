//! `Reader`: the core's reusable reader (`ecc200::read::Reader`) over browser images.

use crate::gs1::elements_of_raw;
use crate::js::{err, points, Opts};
use ecc200::frame::{luma_into, PixelLayout};
use ecc200::read::{ReadOptions, ReadResult};
use ecc200::{Frame, SymbolSize};
use js_sys::{Array, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;

/// A symbol size from `"RxC"` (e.g. `"24x24"`, `"16x48"`), parsed by the core.
pub fn size_of(s: &str, what: &str) -> Result<SymbolSize, JsValue> {
    s.parse::<SymbolSize>()
        .map_err(|e| err(format!("{what}: {e}")))
}

fn options_of(v: &JsValue) -> Result<ReadOptions, JsValue> {
    let o = Opts::new(v, "Reader")?;
    let mut r = ReadOptions::default();
    if let Some(b) = o.bool("thorough")? {
        r = r.thorough(b);
    }
    if let Some(n) = o.uint("maxSymbols", 1 << 16)? {
        r = r.max_symbols(n as usize);
    }
    if let Some(b) = o.bool("tryInverted")? {
        r = r.try_inverted(b);
    }
    if let Some(b) = o.bool("tryMirrored")? {
        r = r.try_mirrored(b);
    }
    if let Some(s) = o.string("size")? {
        r = r.size_hint(Some(size_of(&s, "Reader")?));
    }
    let min = o.f64("minModulePx")?;
    let max = o.f64("maxModulePx")?;
    if min.is_some() || max.is_some() {
        let (d0, d1) = ReadOptions::default().module_px_range;
        r = r.module_px_range(min.unwrap_or(d0), max.unwrap_or(d1));
    }
    if let Some(n) = o.uint("workBudget", 1 << 20)? {
        r = r.work_budget(n as usize);
    }
    if let Some(n) = o.uint("minContrast", 255)? {
        r = r.min_contrast(n as u8);
    }
    Ok(r)
}

/// One read symbol as a plain object.
pub fn result_obj(r: &ReadResult) -> JsValue {
    let d = &r.decoded;
    let mut o = crate::decoded_obj(d)
        .set("corners", points(&r.corners))
        .set("inverted", r.inverted)
        .set("mirrored", r.mirrored)
        .set("modulePx", r.module_px);
    if d.gs1 {
        o = match elements_of_raw(&d.bytes) {
            Ok((elements, hri)) => o.set("elements", elements).set("hri", hri),
            Err(e) => o
                .set("elements", JsValue::NULL)
                .set("hri", JsValue::NULL)
                .set("gs1Error", e.to_string()),
        };
    } else {
        o = o.set("elements", JsValue::NULL).set("hri", JsValue::NULL);
    }
    o.build()
}

/// A reader, reused across frames (it keeps its buffers).
///
/// `new Reader(options)`, options (all optional): `thorough` (false), `maxSymbols` (8),
/// `tryInverted` (true), `tryMirrored` (true), `size` ("RxC", any), `minModulePx` (1.5),
/// `maxModulePx` (400), `workBudget` (48), `minContrast` (16).
#[wasm_bindgen]
pub struct Reader {
    inner: ecc200::read::Reader,
    rgba: Vec<u8>,
    luma: Vec<u8>,
    /// Size of the last frame (its grey pixels are in `luma`).
    dims: (usize, usize),
    /// The results of the last frame, for `grade`.
    last: Vec<ReadResult>,
}

#[wasm_bindgen]
impl Reader {
    /// A reader with these options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Reader, JsValue> {
        Ok(Reader {
            inner: ecc200::read::Reader::new(options_of(&options)?),
            rgba: Vec::new(),
            luma: Vec::new(),
            dims: (0, 0),
            last: Vec::new(),
        })
    }

    /// Reads every symbol in an image: `decode(imageData)` (an `ImageData` or any
    /// `{data, width, height}` with RGBA data), or `decode(pixels, width, height)` with
    /// `pixels` a `Uint8Array`/`Uint8ClampedArray` of `width*height*4` RGBA bytes or
    /// `width*height` grey bytes. Returns an array of result objects (empty when
    /// nothing is found).
    pub fn decode(
        &mut self,
        image: JsValue,
        width: Option<u32>,
        height: Option<u32>,
    ) -> Result<Array, JsValue> {
        self.load(image, width, height, "Reader.decode")?;
        let (w, h) = self.dims;
        let frame =
            Frame::luma(&self.luma, w, h, w).map_err(|e| err(format!("Reader.decode: {e}")))?;
        self.last = self.inner.read(&frame);
        Ok(self.last.iter().map(result_obj).collect())
    }

    /// Grades (ISO/IEC 15415) result `index` of the last `decode` on that frame:
    /// `{grade (0..4), letter, gradeString, text, report}` (`report`: every parameter,
    /// per codeword and per module). Options: see `grade`.
    pub fn grade(&self, index: u32, options: JsValue) -> Result<JsValue, JsValue> {
        let opts = crate::grade::options_of(&options, "Reader.grade")?;
        let r = self.last.get(index as usize).ok_or_else(|| {
            err(format!(
                "Reader.grade: result {index} does not exist, the last decode found {}",
                self.last.len()
            ))
        })?;
        let (w, h) = self.dims;
        let frame =
            Frame::luma(&self.luma, w, h, w).map_err(|e| err(format!("Reader.grade: {e}")))?;
        crate::grade::grade_one(&frame, r, &opts, "Reader.grade")
    }
}

impl Reader {
    /// Copies the image into `luma` (RGBA converted by the core into the kept buffer)
    /// and sets `dims`.
    fn load(
        &mut self,
        image: JsValue,
        width: Option<u32>,
        height: Option<u32>,
        what: &str,
    ) -> Result<(), JsValue> {
        let (data, w, h) = match (width, height) {
            (Some(w), Some(h)) => (image, w, h),
            (None, None) => {
                let o = Opts::new(&image, "Reader.decode")?;
                let data = o.get("data")?;
                let w = o.uint("width", u32::MAX as u64)?;
                let h = o.uint("height", u32::MAX as u64)?;
                match (data, w, h) {
                    (Some(d), Some(w), Some(h)) => (d, w as u32, h as u32),
                    _ => {
                        return Err(err(format!(
                            "{what}: expected an ImageData ({{data, width, height}}) or (pixels, width, height)"
                        )))
                    }
                }
            }
            _ => return Err(err(format!("{what}: give both width and height"))),
        };
        let (w, h) = (w as usize, h as usize);
        let n = w
            .checked_mul(h)
            .ok_or_else(|| err(format!("{what}: image too large")))?;
        let len = if let Some(a) = data.dyn_ref::<Uint8ClampedArray>() {
            a.length() as usize
        } else if let Some(a) = data.dyn_ref::<Uint8Array>() {
            a.length() as usize
        } else {
            return Err(err(format!(
                "{what}: pixels must be a Uint8Array or Uint8ClampedArray"
            )));
        };
        let rgba = if n.checked_mul(4) == Some(len) {
            true
        } else if len == n {
            false
        } else {
            return Err(err(format!(
                "{what}: {len} bytes is neither {w}x{h} RGBA ({}) nor grey ({n})",
                n.saturating_mul(4)
            )));
        };
        let target = if rgba { &mut self.rgba } else { &mut self.luma };
        target.resize(len, 0);
        if let Some(a) = data.dyn_ref::<Uint8ClampedArray>() {
            a.copy_to(target);
        } else if let Some(a) = data.dyn_ref::<Uint8Array>() {
            a.copy_to(target);
        }
        if rgba {
            // the core's conversion (BT.601, alpha over white) into the kept buffer
            luma_into(
                &self.rgba,
                w,
                h,
                w * 4,
                None,
                PixelLayout::Rgba8,
                &mut self.luma,
            )
            .map_err(|e| err(format!("{what}: {e}")))?;
        }
        self.dims = (w, h);
        self.last.clear();
        Ok(())
    }
}

/// Reads and grades every symbol in an image (`ecc200::grade_frame`):
/// `grade(imageData, options)` or `grade(pixels, width, height, options)` (pixels RGBA
/// or grey, as `Reader.decode`). Returns `[{...readResult, quality}]` where `quality` is
/// `{grade, letter, gradeString, text, report}`, or `null` with `qualityError` when the
/// symbol was read but could not be graded (e.g. it touches the frame edge).
/// `options` are the grading options plus `reader` (options of `Reader`).
#[wasm_bindgen(js_name = grade)]
pub fn grade(
    image: JsValue,
    width: Option<u32>,
    height: Option<u32>,
    options: JsValue,
) -> Result<Array, JsValue> {
    let reader_opts = Opts::new(&options, "grade")?
        .get("reader")?
        .unwrap_or(JsValue::UNDEFINED);
    let read_opts = options_of(&reader_opts)?;
    let gopts = crate::grade::options_of(&options, "grade")?;
    let mut rd = Reader::new(JsValue::UNDEFINED)?;
    rd.load(image, width, height, "grade")?;
    let (w, h) = rd.dims;
    let frame = Frame::luma(&rd.luma, w, h, w).map_err(|e| err(format!("grade: {e}")))?;
    let out = Array::new();
    for (r, g) in ecc200::grade_frame(&frame, &read_opts, &gopts) {
        let o = result_obj(&r);
        let (q, e) = match g {
            Ok(rep) => (crate::grade::report_obj(&rep)?, JsValue::NULL),
            Err(e) => (JsValue::NULL, JsValue::from(format!("grade: {e}"))),
        };
        js_sys::Reflect::set(&o, &JsValue::from_str("quality"), &q)?;
        js_sys::Reflect::set(&o, &JsValue::from_str("qualityError"), &e)?;
        out.push(&o);
    }
    Ok(out)
}

/// Reads every symbol in a grey image (`width*height` bytes, row-major) with default
/// options: a one-shot convenience over [`Reader`].
#[wasm_bindgen(js_name = readLuma)]
pub fn read_luma(pixels: &[u8], width: u32, height: u32) -> Result<Array, JsValue> {
    let frame = Frame::luma(pixels, width as usize, height as usize, width as usize)
        .map_err(|e| err(format!("readLuma: {e}")))?;
    Ok(ecc200::read::read(&frame, &ReadOptions::default())
        .iter()
        .map(result_obj)
        .collect())
}
