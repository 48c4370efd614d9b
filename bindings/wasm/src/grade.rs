//! Print-quality grading (`ecc200::grade`, ISO/IEC 15415) of symbols the reader found.

use crate::js::{err, Obj, Opts};
use ecc200::grade::{self, Aperture, Calibration, GradeOptions, GradeReport};
use ecc200::read::ReadResult;
use ecc200::Frame;
use wasm_bindgen::prelude::*;

/// Grade options from JS: `aperture` (fraction of X, 0.8), `apertureMils`, `apertureMm`
/// (need `dpi`), `dpi` (none), `wavelengthNm` (660), `notionalUec` ("erasures" |
/// "errors"), `minPixelsPerModule` (5), `lowResolutionIsError` (false), `calibration`
/// `{measuredWhite, measuredBlack, cardRmax, cardRmin}` (none), `standard` ("15415" |
/// "29158"), `dpmReference` `{rCal, mlCal, srCal, srTarget}` (29158 minimum
/// reflectance; none), `clockSegments` ("whole" | "region"), `gridAnchor` ("corners" | "fit").
pub fn options_of(v: &JsValue, what: &'static str) -> Result<GradeOptions, JsValue> {
    let o = Opts::new(v, what)?;
    let mut g = GradeOptions::default();
    if let Some(x) = o.f64("aperture")? {
        g = g.aperture(Aperture::XFraction(x));
    }
    if let Some(x) = o.f64("apertureMils")? {
        g = g.aperture(Aperture::Mils(x));
    }
    if let Some(x) = o.f64("apertureMm")? {
        g = g.aperture(Aperture::Mm(x));
    }
    if let Some(x) = o.f64("dpi")? {
        g = g.dpi(x);
    }
    if let Some(n) = o.uint("wavelengthNm", u32::MAX as u64)? {
        g = g.wavelength_nm(n as u32);
    }
    if let Some(v) = o.string("notionalUec")? {
        g = g.notional_uec(choice(what, "notionalUec", &v)?);
    }
    if let Some(x) = o.f64("minPixelsPerModule")? {
        g = g.min_pixels_per_module(x);
    }
    if let Some(b) = o.bool("lowResolutionIsError")? {
        g = g.low_resolution_is_error(b);
    }
    if let Some(c) = o.get("calibration")? {
        let c = Opts::new(&c, what)?;
        let need = |k: &str| -> Result<f64, JsValue> {
            c.f64(k)?
                .ok_or_else(|| err(format!("{what}: calibration.{k} missing")))
        };
        g = g.calibration(Calibration {
            measured_white: need("measuredWhite")?,
            measured_black: need("measuredBlack")?,
            card_rmax: need("cardRmax")?,
            card_rmin: need("cardRmin")?,
        });
    }
    if let Some(v) = o.string("standard")? {
        g = g.standard(choice(what, "standard", &v)?);
    }
    if let Some(v) = o.string("clockSegments")? {
        g = g.clock_segments(choice(what, "clockSegments", &v)?);
    }
    if let Some(v) = o.string("gridAnchor")? {
        g = g.grid_anchor(choice(what, "gridAnchor", &v)?);
    }
    if let Some(d) = o.get("dpmReference")? {
        let d = Opts::new(&d, what)?;
        let need = |k: &str| -> Result<f64, JsValue> {
            d.f64(k)?
                .ok_or_else(|| err(format!("{what}: dpmReference.{k} missing")))
        };
        g = g.dpm_reference(grade::DpmReference {
            r_cal: need("rCal")?,
            ml_cal: need("mlCal")?,
            sr_cal: need("srCal")?,
            sr_target: need("srTarget")?,
        });
    }
    Ok(g)
}

/// A grading choice by name, or an Error naming the option and the names allowed.
fn choice<T: std::str::FromStr<Err = grade::UnknownChoice>>(
    what: &str,
    key: &str,
    v: &str,
) -> Result<T, JsValue> {
    v.parse().map_err(|e| err(format!("{what}: {key} {e}")))
}

/// The report as a plain object: `{grade, letter, gradeString, text, report}` where
/// `report` is the core's full JSON report parsed.
pub fn report_obj(rep: &GradeReport) -> Result<JsValue, JsValue> {
    let full = js_sys::JSON::parse(&rep.to_json())?;
    Ok(Obj::new()
        .set("grade", rep.grade)
        .set("letter", rep.letter.to_string())
        .set("gradeString", rep.grade_string())
        .set("text", rep.to_text())
        .set("report", full)
        .build())
}

/// Grades one read symbol on its frame.
pub fn grade_one(
    frame: &Frame<'_>,
    r: &ReadResult,
    opts: &GradeOptions,
    what: &str,
) -> Result<JsValue, JsValue> {
    let rep = grade::grade_located(frame, &ecc200::location_of(r), opts)
        .map_err(|e| err(format!("{what}: {e}")))?;
    report_obj(&rep)
}
