//! `encode`: data to a symbol (`ecc200::encode`, with `ecc200::gs1` for GS1 data).

use crate::js::{bytes_of, err, Opts};
use crate::read::size_of;
use ecc200::encode::{self, EncodeOptions, Macro, Modes, ShapePolicy, StructuredAppend};
use ecc200::gs1::{self, ValidateOptions};
use js_sys::Array;
use wasm_bindgen::prelude::*;

fn options_of(o: &Opts) -> Result<EncodeOptions, JsValue> {
    let mut e = EncodeOptions::default();
    if let Some(s) = o.string("shape")? {
        e = e.shape(match s.as_str() {
            "square" => ShapePolicy::Square,
            "rectangle" | "rectangular" => ShapePolicy::Rectangular,
            "dmre" => ShapePolicy::RectangularWithDmre,
            "any" => ShapePolicy::Any,
            _ => {
                return Err(err(format!(
                    "encode: shape {s:?} is not square, rectangle, dmre or any"
                )))
            }
        });
    }
    if let Some(s) = o.string("size")? {
        e = e.size(Some(size_of(&s, "encode")?));
    }
    if let Some(n) = o.uint("maxRows", 1 << 16)? {
        e = e.max_rows(Some(n as usize));
    }
    if let Some(n) = o.uint("maxCols", 1 << 16)? {
        e = e.max_cols(Some(n as usize));
    }
    if let Some(v) = o.get("modes")? {
        if !Array::is_array(&v) {
            return Err(err("encode: modes must be an array of names"));
        }
        let mut m = Modes::ASCII_ONLY;
        for name in Array::from(&v).iter() {
            let name = name
                .as_string()
                .ok_or_else(|| err("encode: modes must be an array of names"))?;
            m = m.with(match name.to_ascii_lowercase().as_str() {
                "ascii" => Modes::ASCII_ONLY,
                "c40" => Modes::C40,
                "text" => Modes::TEXT,
                "x12" => Modes::X12,
                "edifact" => Modes::EDIFACT,
                "base256" => Modes::BASE256,
                "all" => Modes::ALL,
                _ => return Err(err(format!("encode: unknown encodation {name:?}"))),
            });
        }
        e = e.allowed(m);
    }
    if let Some(n) = o.uint("eci", u32::MAX as u64)? {
        e = e.eci(Some(n as u32));
    }
    if let Some(s) = o.string("macro")? {
        e = e.macro_header(match s.as_str() {
            "auto" => Macro::Auto,
            "05" => Macro::Macro05,
            "06" => Macro::Macro06,
            _ => return Err(err(format!("encode: macro {s:?} is not auto, 05 or 06"))),
        });
    }
    if let Some(v) = o.get("structuredAppend")? {
        let sa = Opts::new(&v, "encode: structuredAppend")?;
        let need = |k: &str| -> Result<u8, JsValue> {
            sa.uint(k, 255)?
                .map(|n| n as u8)
                .ok_or_else(|| err(format!("encode: structuredAppend.{k} missing")))
        };
        let id = match sa.get("fileId")? {
            Some(v) => bytes_of(&v, "encode: structuredAppend.fileId")?,
            None => return Err(err("encode: structuredAppend.fileId missing")),
        };
        let [a, b] = id[..] else {
            return Err(err(format!(
                "encode: structuredAppend.fileId has {} bytes, expected 2",
                id.len()
            )));
        };
        e = e.structured_append(Some(StructuredAppend {
            position: need("position")?,
            total: need("total")?,
            file_id: [a, b],
        }));
    }
    if let Some(b) = o.bool("readerProgramming")? {
        e = e.reader_programming(b);
    }
    if let Some(b) = o.bool("fnc1AsciiOnly")? {
        e = e.fnc1_ascii_only(b);
    }
    Ok(e)
}

/// Encodes data into the smallest allowed symbol.
///
/// `data`: a string (text: ISO 8859-1 when it fits, else UTF-8 under ECI 26; with
/// `gs1: true`, GS1 data in any syntax the core parses: bracketed `(01)...`, raw with
/// GS separators, `]d2...`, Digital Link) or a `Uint8Array` of bytes (with `gs1: true`,
/// 0x1D bytes are FNC1 separators). Options (all optional): `gs1` (false), `validate`
/// (true: GS1 data is checked against the GS1 dictionary first), `shape` ("square",
/// "rectangle", "dmre", "any"), `size` ("RxC"), `maxRows`, `maxCols`, `modes` (names of
/// the encodations allowed besides ASCII, default all), `eci`, `macro` ("auto", "05",
/// "06"), `structuredAppend` (`{position, total, fileId: [a, b]}`),
/// `readerProgramming` (false), `fnc1AsciiOnly` (false: FNC1 only in ASCII, for
/// libdmtx-based readers). Returns `{rows, cols, size, modules, codewords,
/// dataCodewords, hri}` (`hri`: GS1 lines or null).
#[wasm_bindgen(js_name = encode)]
pub fn encode_js(data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let o = Opts::new(&options, "encode")?;
    let gs1_mode = o.bool("gs1")?.unwrap_or(false);
    let validate = o.bool("validate")?.unwrap_or(true);
    let opts = options_of(&o)?;
    let mut hri = JsValue::NULL;
    let sym = match data.as_string() {
        Some(s) if gs1_mode => {
            let es = gs1::parse(&s).map_err(|e| err(format!("encode: GS1: {e}")))?;
            if validate {
                gs1::validate(&es, &ValidateOptions::default())
                    .map_err(|e| err(format!("encode: GS1: {e}")))?;
            }
            hri = es
                .hri()
                .into_iter()
                .map(JsValue::from)
                .collect::<Array>()
                .into();
            ecc200::encode_gs1(&es, &opts)
        }
        Some(s) => encode::encode_str(&s, &opts),
        None => {
            let bytes = bytes_of(&data, "encode")?;
            encode::encode(&bytes, &opts.gs1(gs1_mode))
        }
    }
    .map_err(|e| err(format!("encode: {e}")))?;
    Ok(crate::render::grid_obj(sym.matrix())
        .bytes("codewords", sym.codewords())
        .bytes("dataCodewords", sym.data_codewords())
        .set("hri", hri)
        .build())
}
