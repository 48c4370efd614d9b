//! Rendering module grids (`ecc200::render`): SVG and RGBA.

use crate::js::{err, Obj, Opts};
use crate::sim::matrix_of;
use ecc200::render::{self, RenderOptions};
use js_sys::Uint8ClampedArray;
use wasm_bindgen::prelude::*;

/// Render options from JS (see `renderSvg`) and the HRI lines to print under the symbol.
fn options_of(
    options: &JsValue,
    what: &'static str,
) -> Result<(RenderOptions, Vec<String>), JsValue> {
    let o = Opts::new(options, what)?;
    let mut r = RenderOptions::default();
    if let Some(px) = o.uint("modulePx", u32::MAX as u64)? {
        r = r.module_px(px as u32);
    }
    if let Some(mm) = o.f64("xDimMm")? {
        r = r.x_dim(mm, o.uint("dpi", u32::MAX as u64)?.unwrap_or(300) as u32);
    }
    if let Some(q) = o.uint("quietZone", u32::MAX as u64)? {
        r = r.quiet_zone(q as u32);
    }
    if let Some(b) = o.bool("invert")? {
        r = r.invert(b);
    }
    let dark = o.string("dark")?.unwrap_or_else(|| "#000".to_string());
    let light = match o.get("light")? {
        None if has_key(options, "light") => None,
        None => Some("#fff".to_string()),
        Some(v) => Some(
            v.as_string()
                .ok_or_else(|| err(format!("{what}: option light must be a string or null")))?,
        ),
    };
    r = r.colors(&dark, light.as_deref());
    let mut hri = Vec::new();
    if let Some(v) = o.get("hri")? {
        if !js_sys::Array::is_array(&v) {
            return Err(err(format!(
                "{what}: option hri must be an array of strings"
            )));
        }
        for (i, line) in js_sys::Array::from(&v).iter().enumerate() {
            hri.push(
                line.as_string()
                    .ok_or_else(|| err(format!("{what}: hri line {i} is not a string")))?,
            );
        }
    }
    Ok((r, hri))
}

/// An SVG document of a module grid `{rows, cols, modules}`. Options: `modulePx` (10),
/// `xDimMm` with `dpi` (none, 300), `quietZone` (1 module), `invert` (false),
/// `dark` ("#000"), `light` ("#fff"; `null` for transparent), `hri` (text lines printed
/// under the symbol; none).
#[wasm_bindgen(js_name = renderSvg)]
pub fn render_svg(grid: JsValue, options: JsValue) -> Result<String, JsValue> {
    let m = matrix_of(&grid, "toSvg")?;
    let (r, hri) = options_of(&options, "toSvg")?;
    let svg = if hri.is_empty() {
        render::to_svg(&m, &r)
    } else {
        render::to_svg_with_hri(&m, &r, &hri)
    };
    svg.map(|s| s.text).map_err(|e| err(format!("toSvg: {e}")))
}

/// A PNG file (the core's own encoder; 1-bit, with the resolution when `xDimMm` is set)
/// of a module grid. Options as `renderSvg` (colours excepted).
#[wasm_bindgen(js_name = renderPng)]
pub fn render_png(grid: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let m = matrix_of(&grid, "toPng")?;
    let (r, hri) = options_of(&options, "toPng")?;
    let png = if hri.is_empty() {
        render::to_png(&m, &r)
    } else {
        render::to_png_with_hri(&m, &r, &hri)
    };
    png.map(|p| p.bytes).map_err(|e| err(format!("toPng: {e}")))
}

fn has_key(v: &JsValue, key: &str) -> bool {
    v.is_object() && js_sys::Reflect::has(v, &JsValue::from_str(key)).unwrap_or(false)
}

/// RGBA pixels of a module grid at `scale` pixels per module with a one-module quiet
/// zone: `{width, height, data: Uint8ClampedArray}` (ready for `new ImageData`).
#[wasm_bindgen(js_name = renderRgba)]
pub fn render_rgba(grid: JsValue, scale: u32) -> Result<JsValue, JsValue> {
    let m = matrix_of(&grid, "toRgba")?;
    let data = render::to_rgba(&m, scale).map_err(|e| err(format!("toRgba: {e}")))?;
    Ok(Obj::new()
        .set("width", (m.cols() as u32 + 2) * scale)
        .set("height", (m.rows() as u32 + 2) * scale)
        .set("data", Uint8ClampedArray::from(&data[..]))
        .build())
}

/// A module grid as a plain object: `{rows, cols, size, modules}` (row-major, 1 = dark).
pub fn grid_obj(m: &ecc200::ModuleMatrix) -> Obj {
    let mut modules = Vec::with_capacity(m.rows() * m.cols());
    for r in 0..m.rows() {
        modules.extend(m.row(r).map(u8::from));
    }
    Obj::new()
        .set("rows", m.rows() as u32)
        .set("cols", m.cols() as u32)
        .set("size", format!("{}x{}", m.rows(), m.cols()))
        .bytes("modules", &modules)
}

/// The symbol of a size ("RxC") holding exactly these data codewords (padding
/// included): Reed-Solomon and module placement by the core
/// (`ecc200::Symbol::from_data_codewords`). A low-level tool for tests; `encode` is the
/// normal way to make a symbol.
#[wasm_bindgen(js_name = symbolFromCodewords)]
pub fn symbol_from_codewords(size: &str, data_codewords: &[u8]) -> Result<JsValue, JsValue> {
    let sz = crate::read::size_of(size, "symbolFromCodewords")?;
    let sym = ecc200::Symbol::from_data_codewords(sz, data_codewords).ok_or_else(|| {
        err(format!(
            "symbolFromCodewords: a {sz} symbol holds {} data codewords, got {}",
            sz.data_codewords(),
            data_codewords.len()
        ))
    })?;
    Ok(grid_obj(sym.matrix())
        .bytes("codewords", sym.codewords())
        .build())
}
