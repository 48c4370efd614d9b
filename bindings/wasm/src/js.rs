//! Small helpers to read options from and build plain JS objects (no logic of ecc200).

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// A JS `Error` carrying `msg`.
pub fn err(msg: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&msg.to_string()).into()
}

/// Builds a plain object field by field.
pub struct Obj(pub Object);

impl Obj {
    pub fn new() -> Obj {
        Obj(Object::new())
    }
    pub fn set(self, key: &str, v: impl Into<JsValue>) -> Obj {
        // Reflect.set on a fresh plain object cannot fail
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &v.into());
        self
    }
    pub fn bytes(self, key: &str, v: &[u8]) -> Obj {
        self.set(key, Uint8Array::from(v))
    }
    pub fn build(self) -> JsValue {
        self.0.into()
    }
}

/// `[x, y]` pairs as an array of `{x, y}` objects.
pub fn points(ps: &[ecc200::Point]) -> JsValue {
    ps.iter()
        .map(|p| Obj::new().set("x", p.x).set("y", p.y).build())
        .collect::<Array>()
        .into()
}

/// Reads the options object given to an API call (`undefined` and `null` mean none).
pub struct Opts {
    obj: Option<Object>,
    what: &'static str,
}

impl Opts {
    pub fn new(v: &JsValue, what: &'static str) -> Result<Opts, JsValue> {
        if v.is_undefined() || v.is_null() {
            return Ok(Opts { obj: None, what });
        }
        match v.dyn_ref::<Object>() {
            Some(o) if !v.is_function() => Ok(Opts {
                obj: Some(o.clone()),
                what,
            }),
            _ => Err(err(format!("{what}: options must be an object"))),
        }
    }

    /// The field, or `None` when absent, undefined or null.
    pub fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let Some(o) = &self.obj else { return Ok(None) };
        let v = Reflect::get(o, &JsValue::from_str(key))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, JsValue> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) => v
                .as_bool()
                .map(Some)
                .ok_or_else(|| err(format!("{}: option {key} must be a boolean", self.what))),
        }
    }

    pub fn f64(&self, key: &str) -> Result<Option<f64>, JsValue> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) => match v.as_f64() {
                Some(x) if x.is_finite() => Ok(Some(x)),
                _ => Err(err(format!(
                    "{}: option {key} must be a finite number",
                    self.what
                ))),
            },
        }
    }

    /// A non-negative integer no larger than `max`.
    pub fn uint(&self, key: &str, max: u64) -> Result<Option<u64>, JsValue> {
        match self.f64(key)? {
            None => Ok(None),
            Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= max as f64 => Ok(Some(x as u64)),
            Some(x) => Err(err(format!(
                "{}: option {key} = {x} must be an integer in 0..={max}",
                self.what
            ))),
        }
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| err(format!("{}: option {key} must be a string", self.what))),
        }
    }
}

/// Bytes from a JS string (UTF-8), `Uint8Array`, `Uint8ClampedArray` or array of numbers.
pub fn bytes_of(v: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8ClampedArray>() {
        return Ok(a.to_vec());
    }
    if Array::is_array(v) {
        let a = Array::from(v);
        let mut out = Vec::with_capacity(a.length() as usize);
        for (i, x) in a.iter().enumerate() {
            match x.as_f64() {
                Some(n) if (0.0..=255.0).contains(&n) && n.fract() == 0.0 => out.push(n as u8),
                _ => return Err(err(format!("{what}: element {i} is not a byte (0..=255)"))),
            }
        }
        return Ok(out);
    }
    Err(err(format!(
        "{what}: expected a string, a Uint8Array or an array of bytes"
    )))
}
