//! Simulated camera frames (the core's `ecc200::sim`), for the demo, the browser test and
//! the benchmark page.

use crate::js::{err, points, Obj, Opts};
use ecc200::sim::{write_y4m, Scene, SimSymbol};
use ecc200::{GrayImage, ModuleMatrix, Point};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// A module grid from `{rows, cols, modules}` (modules: row-major bytes, non-zero = dark).
pub fn matrix_of(v: &JsValue, what: &'static str) -> Result<ModuleMatrix, JsValue> {
    let o = Opts::new(v, what)?;
    let rows = o
        .uint("rows", 1 << 16)?
        .ok_or_else(|| err(format!("{what}: rows missing")))? as usize;
    let cols = o
        .uint("cols", 1 << 16)?
        .ok_or_else(|| err(format!("{what}: cols missing")))? as usize;
    let modules = o
        .get("modules")?
        .ok_or_else(|| err(format!("{what}: modules missing")))?;
    let modules = crate::js::bytes_of(&modules, what)?;
    let bits: Vec<bool> = modules.iter().map(|&b| b != 0).collect();
    ModuleMatrix::from_bools(rows, cols, &bits).ok_or_else(|| {
        err(format!(
            "{what}: {} modules given for {rows}x{cols}",
            modules.len()
        ))
    })
}

fn symbol_of(v: &JsValue, i: usize) -> Result<SimSymbol, JsValue> {
    let o = Opts::new(v, "simulate: symbol")?;
    let m = matrix_of(v, "simulate: symbol")?;
    let cx = o
        .f64("x")?
        .ok_or_else(|| err(format!("simulate: symbol {i} x missing")))?;
    let cy = o
        .f64("y")?
        .ok_or_else(|| err(format!("simulate: symbol {i} y missing")))?;
    let px = o
        .f64("modulePx")?
        .ok_or_else(|| err(format!("simulate: symbol {i} modulePx missing")))?;
    let mut s = SimSymbol::new(m, Point::new(cx, cy), px)
        .rotation(o.f64("rotation")?.unwrap_or(0.0))
        .tilt(
            o.f64("tiltX")?.unwrap_or(0.0),
            o.f64("tiltY")?.unwrap_or(0.0),
        )
        .mirrored(o.bool("mirrored")?.unwrap_or(false))
        .inverted(o.bool("inverted")?.unwrap_or(false));
    if let Some(q) = o.f64("quietZone")? {
        s = s.quiet_zone(q);
    }
    if let Some(g) = o.f64("printGrowth")? {
        s = s.print_growth(g);
    }
    if let Some(d) = o.f64("roundDots")? {
        s = s.round_dots(Some(d));
    }
    Ok(s)
}

/// Renders a simulated camera frame with `ecc200::sim` (deterministic from `seed`).
///
/// `options`: `{width, height, symbols: [{rows, cols, modules, x, y, modulePx, rotation?,
/// tiltX?, tiltY?, mirrored?, inverted?, quietZone?, printGrowth?, roundDots?}], paper?,
/// texture?, clutter?, blur?, noise?, gradient?, vignette?, contrast?, gamma?, invert?,
/// seed?}`. Returns `{width, height, luma: Uint8Array, truth: [{corners, modulePx}]}`.
#[wasm_bindgen(js_name = simulate)]
pub fn simulate(options: JsValue) -> Result<JsValue, JsValue> {
    let o = Opts::new(&options, "simulate")?;
    let w = o.uint("width", 1 << 20)?.unwrap_or(1280) as usize;
    let h = o.uint("height", 1 << 20)?.unwrap_or(720) as usize;
    let mut scene = Scene::new(w, h);
    if let Some(syms) = o.get("symbols")? {
        if !Array::is_array(&syms) {
            return Err(err("simulate: symbols must be an array"));
        }
        for (i, s) in Array::from(&syms).iter().enumerate() {
            scene = scene.symbol(symbol_of(&s, i)?);
        }
    }
    let paper = o.uint("paper", 255)?.unwrap_or(200) as u8;
    scene = scene
        .background(paper, o.f64("texture")?.unwrap_or(0.0))
        .clutter(o.uint("clutter", 1 << 20)?.unwrap_or(0) as usize)
        .blur(o.f64("blur")?.unwrap_or(0.0))
        .noise(o.f64("noise")?.unwrap_or(0.0))
        .lighting(
            o.f64("gradient")?.unwrap_or(0.0),
            o.f64("gradientAngle")?.unwrap_or(0.0),
            o.f64("vignette")?.unwrap_or(0.0),
        )
        .tone(
            o.f64("contrast")?.unwrap_or(1.0),
            o.f64("gamma")?.unwrap_or(1.0),
        )
        .invert(o.bool("invert")?.unwrap_or(false))
        .seed(o.uint("seed", u32::MAX as u64)?.unwrap_or(0));
    let f = scene.render().map_err(|e| err(format!("simulate: {e}")))?;
    let truth: Array = f
        .truth
        .iter()
        .map(|t| {
            Obj::new()
                .set("corners", points(&t.corners))
                .set("modulePx", t.module_px)
                .set("mirrored", t.mirrored)
                .build()
        })
        .collect();
    Ok(Obj::new()
        .set("width", f.image.width as u32)
        .set("height", f.image.height as u32)
        .bytes("luma", &f.image.data)
        .set("truth", truth)
        .build())
}

/// A YUV4MPEG2 stream (the format of Chromium's fake camera) of grey frames, each
/// `width * height` bytes (`ecc200::sim::write_y4m`).
#[wasm_bindgen(js_name = toY4m)]
pub fn to_y4m(
    frames: Vec<Uint8Array>,
    width: u32,
    height: u32,
    fps: u32,
) -> Result<Uint8Array, JsValue> {
    let (w, h) = (width as usize, height as usize);
    let mut imgs = Vec::with_capacity(frames.len());
    for (i, f) in frames.iter().enumerate() {
        if f.length() as usize != w.saturating_mul(h) {
            return Err(err(format!(
                "toY4m: frame {i} has {} bytes, {width}x{height} needs {}",
                f.length(),
                w.saturating_mul(h)
            )));
        }
        imgs.push(GrayImage {
            width: w,
            height: h,
            data: f.to_vec(),
        });
    }
    Ok(Uint8Array::from(&write_y4m(&imgs, fps)[..]))
}
