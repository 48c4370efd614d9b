//! WebAssembly bindings of ecc200: thin wrappers that convert between JS values and the
//! core's types. Every decision (encodation, size choice, reading, grading, GS1 rules)
//! is made by the core; this crate only validates the *shape* of JS arguments (types,
//! integer ranges) and turns core errors into JS `Error`s carrying the core's message.
//!
//! Panics: `wasm32-unknown-unknown` has no unwinding (`panic = "abort"` is the only
//! strategy), so `catch_unwind` cannot work here. The core validates every input and
//! returns errors instead of panicking (its no-panic rule); should a bug still panic,
//! the panic hook records the message (see [`take_panic_message`]) and the instance
//! traps with a `WebAssembly.RuntimeError`. The ES loader (`www/ecc200.js`) catches that
//! error, rethrows it as an `Error("ecc200 internal error: ...")` and instantiates a
//! fresh module for the next call, so the page keeps working.
#![warn(missing_docs)]

mod encode;
mod grade;
mod gs1;
mod js;
mod read;
mod render;
mod sim;

pub use encode::encode_js;
pub use gs1::{gs1_hri, gs1_parse, gs1_to_digital_link, gs1_validate};
pub use read::{grade, read_luma, Reader};
pub use render::{render_png, render_rgba, render_svg, symbol_from_codewords};
pub use sim::{simulate, to_y4m};

use js::{err, Obj};
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Installs the panic hook (called once when the module is instantiated).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut m) = LAST_PANIC.lock() {
            *m = info.to_string();
        }
    }));
}

/// The message of the last panic (empty if none), cleared by the call. The loader calls
/// it after a `WebAssembly.RuntimeError` to give the error a useful message.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> String {
    LAST_PANIC
        .lock()
        .map(|mut m| std::mem::take(&mut *m))
        .unwrap_or_default()
}

/// `true` when this build uses WebAssembly SIMD (simd128) instructions.
#[wasm_bindgen(js_name = simdEnabled)]
pub fn simd_enabled() -> bool {
    cfg!(target_feature = "simd128")
}

/// The version of the ecc200 WASM package.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A decoded symbol as a plain JS object.
pub(crate) fn decoded_obj(d: &ecc200::decode::Decoded) -> Obj {
    let eci: js_sys::Array = d
        .eci
        .iter()
        .map(|&(at, v)| Obj::new().set("offset", at as u32).set("eci", v).build())
        .collect();
    let sa = match &d.structured_append {
        Some(s) => Obj::new()
            .set("position", s.position)
            .set("total", s.total)
            .bytes("fileId", &s.file_id)
            .build(),
        None => JsValue::NULL,
    };
    Obj::new()
        .set("text", d.text())
        .bytes("bytes", &d.bytes)
        .set("gs1", d.gs1)
        .set("aim", d.aim)
        .set("symbologyIdentifier", d.symbology_identifier())
        .set("rows", d.size.rows() as u32)
        .set("cols", d.size.cols() as u32)
        .set("size", d.size.to_string())
        .set("eci", eci)
        .set("structuredAppend", sa)
        .set("readerProgramming", d.reader_programming)
        .set("mirrored", d.mirrored)
        .set("errorsCorrected", d.ec.errors as u32)
        .set("erasuresCorrected", d.ec.erasures as u32)
        .set("unusedErrorCorrection", d.ec.unused_ec)
        .set("fixedPatternErrors", d.fixed_pattern_errors as u32)
        .bytes("codewords", &d.codewords)
}

/// Decodes a module grid (finder L on the left column and bottom row, no quiet zone;
/// other orientations and mirroring are tried): `{rows, cols, modules}` with `modules`
/// row-major, non-zero = dark. Returns the decoded object (`text`, `bytes`, `gs1`,
/// `symbologyIdentifier`, `rows`, `cols`, ...).
#[wasm_bindgen(js_name = decodeModules)]
pub fn decode_modules(grid: JsValue) -> Result<JsValue, JsValue> {
    let m = sim::matrix_of(&grid, "decodeModules")?;
    let d = ecc200::decode::from_matrix(&m).map_err(|e| err(format!("decodeModules: {e}")))?;
    Ok(decoded_obj(&d).build())
}

/// Deliberately panics (test hook for the loader's recovery: a panic must surface as a
/// JS `Error` and the next call must work).
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test() {
    panic!("deliberate panic for the recovery test");
}
