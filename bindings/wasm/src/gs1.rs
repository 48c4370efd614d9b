//! GS1 element strings (`ecc200::gs1`): parse, validate, HRI, Digital Link.

use crate::js::{err, Obj, Opts};
use ecc200::gs1::{self, ElementString, Gs1Error, Gs1Warning, PharmaStyle, ValidateOptions};
use js_sys::Array;
use wasm_bindgen::prelude::*;

fn elements(es: &ElementString) -> (Array, Array) {
    let el = es
        .fields()
        .map(|f| {
            Obj::new()
                .set("ai", f.ai)
                .set("value", f.value)
                .set("title", f.info.map(|i| i.title).unwrap_or(""))
                .build()
        })
        .collect();
    let hri = es.hri().into_iter().map(JsValue::from).collect();
    (el, hri)
}

/// Elements and HRI lines of raw decoded GS1 data (GS separators).
pub fn elements_of_raw(raw: &[u8]) -> Result<(Array, Array), Gs1Error> {
    ElementString::parse_raw(raw).map(|es| elements(&es))
}

fn parse(input: &str, what: &str) -> Result<ElementString, JsValue> {
    gs1::parse(input).map_err(|e| err(format!("{what}: {e}")))
}

fn error_obj(e: &Gs1Error) -> JsValue {
    Obj::new()
        .set("ai", e.ai.clone().map_or(JsValue::NULL, JsValue::from))
        .set("position", e.position as u32)
        .set("length", e.length as u32)
        .set("rule", e.rule)
        .set("message", e.to_string())
        .build()
}

fn warning_obj(w: &Gs1Warning) -> JsValue {
    Obj::new()
        .set("ai", w.ai.clone().map_or(JsValue::NULL, JsValue::from))
        .set("position", w.position as u32)
        .set("length", w.length as u32)
        .set("rule", w.rule)
        .set("message", w.to_string())
        .build()
}

/// Parses GS1 data in any syntax (bracketed `(01)...`, raw with GS separators, scanner
/// data `]d2...`, Digital Link URI) into `{elements: [{ai, value, title}], hri,
/// bracketed, raw}`; throws an `Error` naming the position on bad syntax.
#[wasm_bindgen(js_name = gs1Parse)]
pub fn gs1_parse(input: &str) -> Result<JsValue, JsValue> {
    let es = parse(input, "gs1.parse")?;
    let (el, hri) = elements(&es);
    Ok(Obj::new()
        .set("elements", el)
        .set("hri", hri)
        .set("bracketed", es.to_bracketed())
        .set("raw", String::from_utf8_lossy(&es.to_raw()).into_owned())
        .build())
}

/// Parses and validates GS1 data against the GS1 dictionary: `{valid, errors,
/// warnings, elements, hri}`; errors and warnings are `{ai, position, length, rule,
/// message}`. Options: `permitUnknownAis` (false), `checkAssociations` (true),
/// `warnEmbeddedAis` (true).
#[wasm_bindgen(js_name = gs1Validate)]
pub fn gs1_validate(input: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let o = Opts::new(&options, "gs1.validate")?;
    let mut v = ValidateOptions::default();
    if let Some(b) = o.bool("permitUnknownAis")? {
        v = v.permit_unknown_ais(b);
    }
    if let Some(b) = o.bool("checkAssociations")? {
        v = v.check_associations(b);
    }
    if let Some(b) = o.bool("warnEmbeddedAis")? {
        v = v.warn_embedded_ais(b);
    }
    let r = gs1::check(input, &v);
    let (el, hri) = match &r.element_string {
        Some(es) => {
            let (e, h) = elements(es);
            (JsValue::from(e), JsValue::from(h))
        }
        None => (JsValue::NULL, JsValue::NULL),
    };
    Ok(Obj::new()
        .set("valid", r.is_valid())
        .set("errors", r.errors.iter().map(error_obj).collect::<Array>())
        .set(
            "warnings",
            r.warnings.iter().map(warning_obj).collect::<Array>(),
        )
        .set("elements", el)
        .set("hri", hri)
        .build())
}

/// Human-readable text lines: `style` `"plain"` (default: `(01) 0950...` per AI),
/// `"eu-fmd"` (`PC:`, `SN:`, `Batch:`, `Exp:`, `NN:`) or `"dscsa"` (`GTIN:`, `SN:`,
/// `LOT:`, `EXP: YYYY-MM-DD`).
#[wasm_bindgen(js_name = gs1Hri)]
pub fn gs1_hri(input: &str, style: Option<String>) -> Result<Vec<String>, JsValue> {
    let es = parse(input, "gs1.hri")?;
    match style.as_deref() {
        None | Some("plain") => Ok(es.hri()),
        Some("eu-fmd") => Ok(es.pharma_hri(PharmaStyle::EuFmd)),
        Some("dscsa") => Ok(es.pharma_hri(PharmaStyle::Dscsa)),
        Some(s) => Err(err(format!(
            "gs1.hri: style {s:?} is not plain, eu-fmd or dscsa"
        ))),
    }
}

/// The GS1 Digital Link URI of the data, with `stem` (default `"https://id.gs1.org"`).
#[wasm_bindgen(js_name = gs1ToDigitalLink)]
pub fn gs1_to_digital_link(input: &str, stem: Option<String>) -> Result<String, JsValue> {
    let es = parse(input, "gs1.toDigitalLink")?;
    es.to_digital_link(stem.as_deref().unwrap_or("https://id.gs1.org"))
        .map_err(|e| err(format!("gs1.toDigitalLink: {e}")))
}
