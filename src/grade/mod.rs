//! Print-quality grading of ECC 200 symbols after ISO/IEC 15415:2011 (clause 7, 2D
//! matrix symbols) with the Data Matrix specifics of ISO/IEC 16022 (Annex M).
//!
//! The grader does not locate symbols: it starts from a [`SymbolLocation`] (size and the
//! module-to-pixel homography the reader found) and then
//!
//! 1. builds the reference grey-scale image at the sampling points: the frame convolved
//!    with a synthetic circular aperture (default 0.8 X), integrated over the disc with
//!    bilinear samples whose offsets are computed once per symbol;
//! 2. takes Rmax and Rmin over the symbol and its one-module quiet zone, the global
//!    threshold GT = (Rmax + Rmin) / 2, binarises, extracts the codewords and runs the
//!    Reed-Solomon decoder (the reference decode);
//! 3. refines every sampling point from the module edges (see [`measure`]), samples
//!    again and decodes again: the values graded are those of this second pass;
//! 4. grades decode, symbol contrast, modulation and reflectance margin (codeword based,
//!    with the notional unused error correction), fixed pattern damage, axial and grid
//!    non-uniformity, unused error correction, and reports print growth.
//!
//! With [`Standard::Iso29158`] (direct part marks) the threshold comes from the two
//! classes of module reflectances, cell contrast replaces symbol contrast, modulation is
//! normalised by the class separation, and the better of two apertures is kept (see
//! [`Standard`] for what is not implemented). Light-on-dark symbols are graded with
//! [`SymbolLocation::inverted`].
//!
//! [`GradeReport`] holds every value and grade, per-codeword and per-module detail, the
//! grid, and the reasons in words; it prints as JSON ([`GradeReport::to_json`]) or text
//! ([`GradeReport::to_text`]) and draws itself over the frame
//! ([`GradeReport::annotate`]).

pub mod measure;
mod params;
mod report;
pub mod tables;

use crate::frame::Frame;
use crate::geometry::{Homography, Point};
use crate::matrix::SymbolSize;
use std::fmt;

pub use report::Annotation;

/// Where a symbol is in the frame, as the reader reports it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SymbolLocation {
    /// The symbol size.
    pub size: SymbolSize,
    /// Symbol module coordinates to pixels: x along the columns, y down the rows, module
    /// (r, c) of the symbol as encoded (row 0 top, finder L on the left and bottom) has
    /// its centre at (c + 0.5, r + 0.5). For a symbol seen mirrored the reflection is
    /// part of this transform (as `crate::read` and `crate::sim` give it), so sampling
    /// through it always yields the symbol in its own orientation.
    pub module_to_pixel: Homography,
    /// True when the symbol is seen mirrored (reported; the transform already holds the
    /// reflection).
    pub mirrored: bool,
    /// True for light marks on a dark ground (reflectance reversal, ISO/IEC 16022 5.2):
    /// the "dark" modules of the matrix are then the high-reflectance ones.
    pub inverted: bool,
}

impl SymbolLocation {
    /// A location: not mirrored, not inverted.
    pub fn new(size: SymbolSize, module_to_pixel: Homography) -> SymbolLocation {
        SymbolLocation {
            size,
            module_to_pixel,
            mirrored: false,
            inverted: false,
        }
    }
}

/// The synthetic measuring aperture (ISO/IEC 15415 7.3.3).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Aperture {
    /// Diameter as a fraction of the X dimension measured from the grid (0.8 is the
    /// 15415 default for unknown X).
    XFraction(f64),
    /// Diameter in thousandths of an inch (needs [`GradeOptions::dpi`]).
    Mils(f64),
    /// Diameter in millimetres (needs [`GradeOptions::dpi`]).
    Mm(f64),
}

/// A reflectance calibration from a calibrated card imaged with the same set-up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    /// Pixel value (0..255) the card's white patch gave.
    pub measured_white: f64,
    /// Pixel value (0..255) the card's black patch gave.
    pub measured_black: f64,
    /// The white patch's certified reflectance as a fraction (e.g. 0.85).
    pub card_rmax: f64,
    /// The black patch's certified reflectance as a fraction (e.g. 0.05).
    pub card_rmin: f64,
}

/// The system-response reference of ISO/IEC 29158 (8.4) for the minimum-reflectance
/// parameter: the verifier was set up on a calibrated card, then its exposure or gain
/// (the system response) was adjusted for the part. The target's reflectance is then
/// `Rtarget = Rcal * (SRcal / SRtarget) * (MLtarget / MLcal)`, where `MLtarget` is the
/// mean of the light modules' pixel values on the part.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DpmReference {
    /// The card's certified reflectance of the patch used (fraction, e.g. 0.85).
    pub r_cal: f64,
    /// Mean pixel value (0..255) of that patch at set-up.
    pub ml_cal: f64,
    /// System response (exposure x gain, any unit) at set-up.
    pub sr_cal: f64,
    /// System response (same unit) for this image of the part.
    pub sr_target: f64,
}

/// How the notional unused error correction of the modulation and reflectance-margin
/// grading counts the codewords below a grade level.
///
/// ISO/IEC 15415:2011 7.8.3.2 ("modulation", grading with the notional UEC) evaluates,
/// for each grade level, the error correction that would remain if the codewords graded
/// below that level could not be relied on. They are flagged by their position, so this
/// grader reads them as erasures (one EC codeword each) by default; `Errors` charges two
/// EC codewords each, the stricter reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum NotionalUec {
    /// Each codeword below the level uses one EC codeword (default).
    #[default]
    Erasures,
    /// Each codeword below the level uses two EC codewords.
    Errors,
}

/// How fixed pattern damage forms the segments of the clock tracks and solid
/// alignment patterns (the parts of the fixed pattern beyond the finder L and its quiet
/// zone).
///
/// ISO/IEC 16022 Annex M grades these patterns on the fraction of damaged modules;
/// verifiers report them as one segment (the outside clock tracks with the adjacent
/// solid areas, "OCTASA", taking the inner alignment patterns along) or per data
/// region. The default takes them as one segment; `PerRegion` makes each data region's
/// clock and alignment modules a segment of its own (the same for single-region
/// symbols; stricter for large symbols, where local damage is not diluted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClockSegments {
    /// Every clock-track and solid-area module in one segment (default).
    #[default]
    Whole,
    /// One segment per data region (named "CTSA r,c", 1-based).
    PerRegion,
}

/// How grid non-uniformity anchors the ideal grid the sampling points are compared
/// with.
///
/// ISO/IEC 15415 7.8.5 compares the actual grid with an ideal one of the same size;
/// how that ideal grid is placed is left to the reference decode. By default it runs
/// through the four corner modules' sampling points (a perspective map of the ideal
/// rectangle onto them), so a displaced corner shows as deviation everywhere else;
/// `BestFit` takes the least-squares perspective map of all module centres instead,
/// which reports the smallest deviation any ideal grid allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GridAnchor {
    /// Through the four corner modules (default).
    #[default]
    Corners,
    /// Least-squares fit over every module.
    BestFit,
}

/// Which grading method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Standard {
    /// ISO/IEC 15415:2011 (printed symbols): GT = (Rmax + Rmin) / 2, symbol contrast.
    #[default]
    Iso15415,
    /// ISO/IEC 29158 (direct part marks), the parts this grader implements: GT from
    /// the two classes of sampling-point reflectances (Otsu), cell contrast
    /// CC = (ML - MD) / ML instead of symbol contrast, cell modulation normalised by
    /// ML - MD, minimum reflectance (Rtarget >= 5 %, from [`DpmReference`] when given,
    /// else the mean light in the image's reflectance scale), and the better of the
    /// apertures 0.8 X and 0.5 X (the given aperture and 0.625 of it). Not
    /// implemented: adjusting the exposure to a mean light of 70..86 % (a camera
    /// set-up step; the caller reports it through [`DpmReference`]), the closing
    /// filter for dot-peen marks.
    Iso29158,
}

impl Standard {
    /// "15415" or "29158".
    pub fn name(&self) -> &'static str {
        match self {
            Standard::Iso15415 => "15415",
            Standard::Iso29158 => "29158",
        }
    }
}

/// A grading choice given by name (in the CLI and the bindings) that is none of its
/// names: the text given and the names allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownChoice {
    /// The text given.
    pub got: String,
    /// The names allowed, for the message (`"whole" or "region"`).
    pub choices: &'static str,
}

impl fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}", self.got, self.choices)
    }
}

impl std::error::Error for UnknownChoice {}

/// `FromStr` by a table of names, for the grading choices.
macro_rules! choice_names {
    ($t:ty, $choices:literal, $($name:literal => $v:expr),+ $(,)?) => {
        impl std::str::FromStr for $t {
            type Err = UnknownChoice;
            /// The choice by its name (the names the CLI and the bindings use).
            fn from_str(s: &str) -> Result<Self, UnknownChoice> {
                match s {
                    $($name => Ok($v),)+
                    _ => Err(UnknownChoice {
                        got: s.to_string(),
                        choices: $choices,
                    }),
                }
            }
        }
    };
}

choice_names!(Standard, "\"15415\" or \"29158\"", "15415" => Standard::Iso15415, "29158" => Standard::Iso29158);
choice_names!(NotionalUec, "\"erasures\" or \"errors\"", "erasures" => NotionalUec::Erasures, "errors" => NotionalUec::Errors);
choice_names!(ClockSegments, "\"whole\" or \"region\"", "whole" => ClockSegments::Whole, "region" => ClockSegments::PerRegion);
choice_names!(GridAnchor, "\"corners\" or \"fit\"", "corners" => GridAnchor::Corners, "fit" => GridAnchor::BestFit);

/// Options of the grader.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct GradeOptions {
    /// The synthetic aperture. Default `Aperture::XFraction(0.8)`.
    pub aperture: Aperture,
    /// Image resolution in dots per inch at the symbol plane; needed for apertures in
    /// mils or mm and for the aperture field of the grade string. Default `None`.
    pub dpi: Option<f64>,
    /// Reflectance calibration; without it pixel values map linearly 0..255 to
    /// 0..100 % and the report says "uncalibrated". Default `None`.
    pub calibration: Option<Calibration>,
    /// Illumination wavelength in nm, for the grade string. Default 660.
    pub wavelength_nm: u32,
    /// Reading of the notional unused error correction. Default `NotionalUec::Erasures`.
    pub notional_uec: NotionalUec,
    /// Segments of the clock tracks and solid areas in fixed pattern damage. Default
    /// `ClockSegments::Whole`.
    pub clock_segments: ClockSegments,
    /// Anchoring of the ideal grid for grid non-uniformity. Default
    /// `GridAnchor::Corners`.
    pub grid_anchor: GridAnchor,
    /// Fewer pixels per module than this gives a warning. Default 5.0.
    pub min_pixels_per_module: f64,
    /// Make too few pixels per module an error instead of a warning. Default `false`.
    pub low_resolution_is_error: bool,
    /// The grading method. Default `Standard::Iso15415`.
    pub standard: Standard,
    /// ISO/IEC 29158 system-response reference for minimum reflectance. Default `None`.
    pub dpm_reference: Option<DpmReference>,
}

impl Default for GradeOptions {
    fn default() -> Self {
        GradeOptions {
            aperture: Aperture::XFraction(0.8),
            dpi: None,
            calibration: None,
            wavelength_nm: 660,
            notional_uec: NotionalUec::Erasures,
            clock_segments: ClockSegments::Whole,
            grid_anchor: GridAnchor::Corners,
            min_pixels_per_module: 5.0,
            low_resolution_is_error: false,
            standard: Standard::Iso15415,
            dpm_reference: None,
        }
    }
}

impl GradeOptions {
    /// Sets [`GradeOptions::aperture`].
    pub fn aperture(mut self, a: Aperture) -> Self {
        self.aperture = a;
        self
    }
    /// Sets [`GradeOptions::dpi`].
    pub fn dpi(mut self, dpi: f64) -> Self {
        self.dpi = Some(dpi);
        self
    }
    /// Sets [`GradeOptions::calibration`].
    pub fn calibration(mut self, c: Calibration) -> Self {
        self.calibration = Some(c);
        self
    }
    /// Sets [`GradeOptions::wavelength_nm`].
    pub fn wavelength_nm(mut self, nm: u32) -> Self {
        self.wavelength_nm = nm;
        self
    }
    /// Sets [`GradeOptions::grid_anchor`].
    pub fn grid_anchor(mut self, g: GridAnchor) -> Self {
        self.grid_anchor = g;
        self
    }
    /// Sets [`GradeOptions::clock_segments`].
    pub fn clock_segments(mut self, c: ClockSegments) -> Self {
        self.clock_segments = c;
        self
    }
    /// Sets [`GradeOptions::notional_uec`].
    pub fn notional_uec(mut self, n: NotionalUec) -> Self {
        self.notional_uec = n;
        self
    }
    /// Sets [`GradeOptions::min_pixels_per_module`].
    pub fn min_pixels_per_module(mut self, px: f64) -> Self {
        self.min_pixels_per_module = px;
        self
    }
    /// Sets [`GradeOptions::standard`].
    pub fn standard(mut self, s: Standard) -> Self {
        self.standard = s;
        self
    }
    /// Sets [`GradeOptions::dpm_reference`].
    pub fn dpm_reference(mut self, r: DpmReference) -> Self {
        self.dpm_reference = Some(r);
        self
    }
    /// Sets [`GradeOptions::low_resolution_is_error`].
    pub fn low_resolution_is_error(mut self, yes: bool) -> Self {
        self.low_resolution_is_error = yes;
        self
    }
}

/// Why a symbol could not be graded.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GradeError {
    /// The module-to-pixel homography is singular or not finite.
    BadLocation,
    /// The symbol with its quiet zone (and the aperture around it) is not wholly inside
    /// the frame.
    OutsideFrame {
        /// Which corner of the quiet zone is outside ("top-left", ...).
        corner: &'static str,
        /// Its pixel position.
        x: f64,
        /// Its pixel position.
        y: f64,
    },
    /// Fewer pixels per module than [`GradeOptions::min_pixels_per_module`] with
    /// [`GradeOptions::low_resolution_is_error`] set.
    LowResolution {
        /// Pixels per module measured.
        pixels_per_module: f64,
        /// The minimum asked for.
        min: f64,
    },
    /// An aperture in mils or mm without [`GradeOptions::dpi`].
    ApertureNeedsDpi,
    /// An option value out of range.
    BadOption(&'static str),
    /// [`grade_many`] was given no images.
    NoImages,
}

impl fmt::Display for GradeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GradeError::BadLocation => write!(f, "symbol location is singular or not finite"),
            GradeError::OutsideFrame { corner, x, y } => write!(
                f,
                "symbol touches the frame edge: {corner} corner of the quiet zone at ({x:.1}, {y:.1}) is outside the frame"
            ),
            GradeError::LowResolution {
                pixels_per_module,
                min,
            } => write!(
                f,
                "{pixels_per_module:.2} pixels per module, at least {min} needed"
            ),
            GradeError::ApertureNeedsDpi => {
                write!(f, "an aperture in mils or mm needs the image dpi")
            }
            GradeError::BadOption(s) => write!(f, "bad grading option: {s}"),
            GradeError::NoImages => write!(f, "no images to grade"),
        }
    }
}

impl std::error::Error for GradeError {}

/// A measured value and its grade (4 = A .. 0 = F).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    /// The value (a fraction; meaning per parameter).
    pub value: f64,
    /// Its grade, 4 (A) .. 0 (F).
    pub grade: u8,
}

/// One fixed-pattern segment (ISO/IEC 16022 Annex M).
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// "L1", "L2", "QZL1", "QZL2", and "clock+solid" (or "CTSA r,c" per data region
    /// with [`ClockSegments::PerRegion`]).
    pub name: String,
    /// Modules in the segment.
    pub modules: usize,
    /// Modules in error (wrong side of GT) or below modulation grade D.
    pub damaged: usize,
    /// The segment grade (best over the grade levels, see [`FixedPatternDamage`]).
    pub grade: u8,
}

/// Fixed pattern damage.
#[derive(Clone, Debug, PartialEq)]
pub struct FixedPatternDamage {
    /// The segments, in the order L1, L2, QZL1, QZL2, then clock+solid (or the "CTSA
    /// r,c" segments, see [`ClockSegments`]).
    pub segments: Vec<Segment>,
    /// The average grade (best over grade levels of the level-limited mean).
    pub average: f64,
    /// The grade: the lowest segment grade, and not above the average rounded down.
    pub grade: u8,
}

/// Per-codeword detail.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CodewordGrade {
    /// Position in the placed codeword stream.
    pub index: usize,
    /// Reed-Solomon block.
    pub block: usize,
    /// Modulation grade (lowest of its modules).
    pub modulation_grade: u8,
    /// Reflectance-margin grade (lowest of its modules; 0 when a module is in error).
    pub margin_grade: u8,
    /// Lowest module modulation.
    pub min_modulation: f64,
    /// True when the codeword as read differs from the corrected one.
    pub in_error: bool,
}

/// Per-module detail (symbol coordinates: row 0 top, finder on the left and bottom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModuleSample {
    /// Reflectance of the reference grey-scale image at the sampling point (fraction).
    pub reflectance: f64,
    /// MOD = 2 |R - GT| / SC.
    pub modulation: f64,
    /// Signed margin 2 (R - GT) / SC towards the module's ideal colour (negative when
    /// the module is on the wrong side of GT).
    pub margin: f64,
    /// The ideal colour (from the corrected codewords / fixed pattern).
    pub dark: bool,
    /// The sampling point in pixels.
    pub pixel: Point,
    /// Where the ideal grid (fitted to the four corner sampling points) puts it.
    pub ideal: Point,
}

/// The grades of one image of one symbol.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanGrade {
    /// Symbol size.
    pub size: SymbolSize,
    /// Reference decode: 4 when the Reed-Solomon decode succeeded, else 0.
    pub decode: u8,
    /// Highest reflectance over the symbol and quiet zone (fraction).
    pub rmax: f64,
    /// Lowest reflectance (fraction).
    pub rmin: f64,
    /// Global threshold (Rmax + Rmin) / 2.
    pub gt: f64,
    /// The method graded by.
    pub standard: Standard,
    /// Symbol contrast SC = Rmax - Rmin (graded under ISO/IEC 15415 only).
    pub sc: Measure,
    /// Cell contrast CC = (ML - MD) / ML (ISO/IEC 29158 only).
    pub cell_contrast: Option<Measure>,
    /// Mean reflectance of the light modules (ISO/IEC 29158 only).
    pub mean_light: Option<f64>,
    /// Mean reflectance of the dark modules (ISO/IEC 29158 only).
    pub mean_dark: Option<f64>,
    /// Minimum reflectance Rtarget, graded 4 at 5 % or more, else 0 (ISO/IEC 29158
    /// only).
    pub minimum_reflectance: Option<Measure>,
    /// Modulation, or cell modulation under ISO/IEC 29158 (value: lowest module
    /// modulation of any codeword).
    pub modulation: Measure,
    /// Reflectance margin (value: lowest module margin).
    pub reflectance_margin: Measure,
    /// Fixed pattern damage.
    pub fpd: FixedPatternDamage,
    /// Axial non-uniformity.
    pub an: Measure,
    /// Grid non-uniformity (fraction of X).
    pub gn: Measure,
    /// Unused error correction (lowest block).
    pub uec: Measure,
    /// Unused error correction of each block.
    pub uec_blocks: Vec<f64>,
    /// Horizontal print growth as a fraction of X (positive: dark modules too wide).
    pub print_growth_x: f64,
    /// Vertical print growth as a fraction of X.
    pub print_growth_y: f64,
    /// Average module pitch along the columns (pixels).
    pub x_avg: f64,
    /// Average module pitch along the rows (pixels).
    pub y_avg: f64,
    /// Aperture diameter used (pixels).
    pub aperture_px: f64,
    /// The scan grade: the lowest of the parameter grades.
    pub grade: u8,
    /// Per codeword, in stream order.
    pub codewords: Vec<CodewordGrade>,
    /// Per module, row-major over the symbol (`rows * cols`).
    pub modules: Vec<ModuleSample>,
    /// Reflectance at the quiet-zone sampling points, clockwise from the top-left
    /// corner: top row, right column, bottom row, left column.
    pub quiet_zone: Vec<(i32, i32, f64)>,
    /// Why grades are below A, in words.
    pub reasons: Vec<String>,
    /// Warnings (low resolution, quiet-zone intrusion, ...).
    pub warnings: Vec<String>,
    /// The corrected codewords (empty when the decode failed).
    pub corrected: Vec<u8>,
}

/// The result of grading: one or more scans and the symbol grade.
#[derive(Clone, Debug, PartialEq)]
pub struct GradeReport {
    /// Overall symbol grade: the mean of the scan grades (0.0 ..= 4.0).
    pub grade: f64,
    /// Its letter.
    pub letter: char,
    /// True when a reflectance calibration was given.
    pub calibrated: bool,
    /// Aperture diameter in mils, when the dpi is known.
    pub aperture_mils: Option<f64>,
    /// Wavelength in nm.
    pub wavelength_nm: u32,
    /// The scans.
    pub scans: Vec<ScanGrade>,
}

impl GradeReport {
    /// The grade string of ISO/IEC 15415 clause 5: `grade/aperture/wavelength`, e.g.
    /// `2.8/08/660` (aperture in mils, two digits; `--` when the dpi is not known).
    pub fn grade_string(&self) -> String {
        let ap = match self.aperture_mils {
            Some(m) => format!("{:02}", m.round().clamp(0.0, 99.0) as u32),
            None => "--".to_string(),
        };
        format!("{:.1}/{}/{}", self.grade, ap, self.wavelength_nm)
    }
}

/// Grades one image of a located symbol.
pub fn grade_located(
    frame: &Frame,
    loc: &SymbolLocation,
    opts: &GradeOptions,
) -> Result<GradeReport, GradeError> {
    let scan = best_scan(frame, loc, opts)?;
    Ok(report_of(vec![scan], opts))
}

/// Grades several images of the same symbol; the symbol grade is the mean of the scan
/// grades (ISO/IEC 15415 clause 5).
pub fn grade_many(
    images: &[(Frame, SymbolLocation)],
    opts: &GradeOptions,
) -> Result<GradeReport, GradeError> {
    if images.is_empty() {
        return Err(GradeError::NoImages);
    }
    let mut scans = Vec::with_capacity(images.len());
    for (f, loc) in images {
        scans.push(best_scan(f, loc, opts)?);
    }
    Ok(report_of(scans, opts))
}

/// One scan; under ISO/IEC 29158 the better of the two apertures.
fn best_scan(
    frame: &Frame,
    loc: &SymbolLocation,
    opts: &GradeOptions,
) -> Result<ScanGrade, GradeError> {
    match opts.standard {
        Standard::Iso15415 => params::grade_scan(frame, loc, opts, 1.0),
        Standard::Iso29158 => {
            let a = params::grade_scan(frame, loc, opts, 1.0)?;
            let b = params::grade_scan(frame, loc, opts, 0.625)?;
            Ok(if b.grade > a.grade { b } else { a })
        }
    }
}

fn report_of(scans: Vec<ScanGrade>, opts: &GradeOptions) -> GradeReport {
    let n = scans.len().max(1) as f64;
    let grade = scans.iter().map(|s| s.grade as f64).sum::<f64>() / n;
    let aperture_mils = match (opts.dpi, scans.first()) {
        (Some(dpi), Some(s)) if dpi > 0.0 => Some(s.aperture_px / dpi * 1000.0),
        _ => None,
    };
    GradeReport {
        grade,
        letter: tables::overall_letter(grade),
        calibrated: opts.calibration.is_some(),
        aperture_mils,
        wavelength_nm: opts.wavelength_nm,
        scans,
    }
}

#[cfg(test)]
mod choice_tests {
    use super::*;

    #[test]
    fn choices_parse_by_name_and_name_the_allowed_ones() {
        assert_eq!("29158".parse(), Ok(Standard::Iso29158));
        assert_eq!("15415".parse::<Standard>().map(|s| s.name()), Ok("15415"));
        assert_eq!("errors".parse(), Ok(NotionalUec::Errors));
        assert_eq!("erasures".parse(), Ok(NotionalUec::Erasures));
        assert_eq!("region".parse(), Ok(ClockSegments::PerRegion));
        assert_eq!("whole".parse(), Ok(ClockSegments::Whole));
        assert_eq!("fit".parse(), Ok(GridAnchor::BestFit));
        assert_eq!("corners".parse(), Ok(GridAnchor::Corners));
        let e = "rows".parse::<ClockSegments>().unwrap_err();
        assert_eq!(e.to_string(), r#""rows" is not "whole" or "region""#);
        assert!("Fit".parse::<GridAnchor>().is_err());
    }
}
