//! The job entry points that join stages: GS1 data to a symbol, and a frame to grade
//! reports (read, then grade what was read).

use crate::encode::{self, EncodeError, EncodeOptions};
use crate::frame::Frame;
use crate::grade::{self, GradeError, GradeOptions, GradeReport, SymbolLocation};
use crate::gs1::ElementString;
use crate::matrix::Symbol;
use crate::read::{self, ReadOptions, ReadResult};

/// Encodes a GS1 element string: FNC1 first, FNC1 separators only where the AI table
/// needs them. The element string is not validated here (see [`crate::gs1::validate`]).
///
/// ```
/// let es = ecc200::gs1::parse("(01)09506000134352(17)261231(10)ABC123(21)SN0000000001").unwrap();
/// let sym = ecc200::encode_gs1(&es, &ecc200::EncodeOptions::default()).unwrap();
/// assert_eq!((sym.rows(), sym.cols()), (22, 22));
/// ```
pub fn encode_gs1(es: &ElementString, opts: &EncodeOptions) -> Result<Symbol, EncodeError> {
    encode::encode(&es.to_raw(), &opts.clone().gs1(true))
}

/// The grader's view of a symbol the reader found (the reader's homography maps the
/// symbol's own module coordinates to pixels, reflection included).
pub fn location_of(r: &ReadResult) -> SymbolLocation {
    SymbolLocation {
        size: r.size,
        module_to_pixel: r.module_to_pixel,
        mirrored: r.mirrored,
        inverted: r.inverted,
    }
}

/// Reads `frame` and grades every symbol found (at most `read_opts.max_symbols`), in
/// the reader's order. Symbols that could not be graded carry their error. Nothing
/// read gives an empty list: an undecodable symbol has ISO/IEC 15415 grade 0 (F).
pub fn grade_frame(
    frame: &Frame<'_>,
    read_opts: &ReadOptions,
    grade_opts: &GradeOptions,
) -> Vec<(ReadResult, Result<GradeReport, GradeError>)> {
    read::read(frame, read_opts)
        .into_iter()
        .map(|r| {
            let g = grade::grade_located(frame, &location_of(&r), grade_opts);
            (r, g)
        })
        .collect()
}
