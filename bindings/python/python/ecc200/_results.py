"""Result classes: plain, picklable Python objects built from what the core returns."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

__all__ = ["Decoded", "GradeReport", "Measure"]


def _plain(v: Any) -> Any:
    """A JSON-friendly copy of a field value (bytes as latin-1 text are not JSON: hex)."""
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


@dataclass(frozen=True, repr=False)
class Decoded:
    """One decoded symbol.

    Attributes:
        text: the content as text, each ECI segment in its character set
            (ISO/IEC 8859-1 when no ECI is given).
        bytes: the content bytes; FNC1 separators are GS (0x1D), a leading FNC1 (GS1)
            gives no byte, Macro 05/06 are expanded to their header and trailer.
        symbology_identifier: ``]d1`` plain, ``]d2`` GS1, ``]d3`` AIM, ``]d4``-``]d6``
            the same with ECI.
        rows, cols: the symbol size in modules.
        is_gs1: FNC1 in the first position (GS1 data).
        aim: FNC1 in the second position (AIM application indicator).
        eci: ECI designators as (byte offset into ``bytes``, ECI number).
        structured_append: (position 1-based, total, (file id 1, file id 2)) or None.
        reader_programming: the symbol programs the reader.
        macro: 5 or 6 for Macro 05/06, else None.
        mirrored: the symbol was read mirrored.
        errors, erasures: what Reed-Solomon error correction corrected.
        unused_ec: the lowest unused error-correction fraction of any block (1.0 clean).
        padding: pad codewords at the end of the data.
        corners: the four corners of the module grid in pixels (top-left, top-right,
            bottom-right, bottom-left of the symbol as encoded: the L corner is the
            last), or None when decoded from a module matrix.
        gs1: for GS1 data (``is_gs1``), the AIs and values as a dict (the first
            occurrence of a repeated AI), else None.
        hri: for GS1 data, the human-readable interpretation, one ``(AI) value`` line
            per AI, else None.
        gs1_error: for GS1 data that does not parse as AIs, why; else None.
        inverted: light modules on dark ground (found in an image).
        module_px: mean module size in pixels (found in an image; 0.0 from a matrix).
    """

    text: str
    bytes: bytes
    symbology_identifier: str
    rows: int
    cols: int
    is_gs1: bool = False
    aim: bool = False
    eci: List[Tuple[int, int]] = field(default_factory=list)
    structured_append: Optional[Tuple[int, int, Tuple[int, int]]] = None
    reader_programming: bool = False
    macro: Optional[int] = None
    mirrored: bool = False
    errors: int = 0
    erasures: int = 0
    unused_ec: float = 1.0
    padding: int = 0
    corners: Optional[Tuple[Tuple[float, float], ...]] = None
    gs1: Optional[Dict[str, str]] = None
    hri: Optional[List[str]] = None
    gs1_error: Optional[str] = None
    inverted: bool = False
    module_px: float = 0.0

    def __repr__(self) -> str:
        extra = ""
        if self.errors or self.erasures:
            extra = f", errors={self.errors}, erasures={self.erasures}"
        return (
            f"Decoded(text={self.text!r}, size={self.rows}x{self.cols}, "
            f"symbology_identifier={self.symbology_identifier!r}{extra})"
        )

    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict of plain Python values (``bytes`` stays bytes)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def to_json(self) -> str:
        """The fields as JSON (``bytes`` as lowercase hex)."""
        return json.dumps(_plain(self.to_dict()))


_LETTERS = "FDCBA"


class Measure(NamedTuple):
    """A graded parameter: its measured value (None where the parameter has no single
    value), its grade 4 (A) .. 0 (F), and the letter."""

    value: Optional[float]
    grade: int
    letter: str


def _measure(value: Optional[float], grade: int) -> Measure:
    return Measure(value, grade, _LETTERS[grade] if 0 <= grade <= 4 else "?")


class GradeReport:
    """An ISO/IEC 15415 print-quality report of one symbol, as the core computed it.

    Attributes:
        grade: overall symbol grade, 0.0 .. 4.0 (mean of the scan grades).
        letter: its letter (A, B, C, D, F).
        grade_string: ``grade/aperture/wavelength`` as ISO/IEC 15415 clause 5 writes it.
        calibrated: a reflectance calibration was given.
        aperture_mils, wavelength_nm: the measuring conditions.
        standard: "15415" or "29158" (direct part marks).
        cell_contrast: ISO/IEC 29158 cell contrast as a Measure, else None.
        minimum_reflectance: ISO/IEC 29158 minimum reflectance (Rtarget; grade 4 at
            5 % or more, else 0) as a Measure, else None.
        decode, symbol_contrast, modulation, reflectance_margin, fixed_pattern_damage,
        axial_nonuniformity, grid_nonuniformity, unused_error_correction: the
            parameters of the first scan, each a ``Measure(value, grade, letter)``.
        print_growth: (horizontal, vertical) print growth as fractions of X.
        reasons: why grades are below A, in words; warnings: measuring warnings.
        scans: every scan as a dict (the core's JSON: per-codeword and per-module
            detail included).
        decoded: the ``Decoded`` symbol that was graded.
    """

    def __init__(self, report: Dict[str, Any], text: str, decoded: "Decoded") -> None:
        self._report = report
        self._text = text
        self.decoded = decoded
        self.grade: float = report["grade"]
        self.letter: str = report["letter"]
        self.grade_string: str = report["grade_string"]
        self.calibrated: bool = report["calibrated"]
        self.aperture_mils: Optional[float] = report["aperture_mils"]
        self.wavelength_nm: int = report["wavelength_nm"]
        self.scans: List[Dict[str, Any]] = report["scans"]
        s = self.scans[0]
        self.decode = _measure(None, s["decode"]["grade"])
        self.standard: str = s.get("standard", "15415")
        self.symbol_contrast = _measure(s["sc"]["value"], s["sc"]["grade"])
        cc = s.get("cc")
        self.cell_contrast: Optional[Measure] = (
            _measure(cc["value"], cc["grade"]) if cc is not None else None
        )
        mr = s.get("mr")
        self.minimum_reflectance: Optional[Measure] = (
            _measure(mr["value"], mr["grade"]) if mr is not None else None
        )
        self.modulation = _measure(s["mod"]["value"], s["mod"]["grade"])
        self.reflectance_margin = _measure(s["rm"]["value"], s["rm"]["grade"])
        self.fixed_pattern_damage = _measure(s["fpd"]["average"], s["fpd"]["grade"])
        self.axial_nonuniformity = _measure(s["an"]["value"], s["an"]["grade"])
        self.grid_nonuniformity = _measure(s["gn"]["value"], s["gn"]["grade"])
        self.unused_error_correction = _measure(s["uec"]["value"], s["uec"]["grade"])
        self.print_growth: Tuple[float, float] = (s["print_growth"]["x"], s["print_growth"]["y"])
        self.reasons: List[str] = s["reasons"]
        self.warnings: List[str] = s["warnings"]

    def to_dict(self) -> Dict[str, Any]:
        """The report as the core's JSON structure, plus ``decoded`` (a dict)."""
        d = dict(self._report)
        d["decoded"] = self.decoded.to_dict()
        return d

    def to_json(self) -> str:
        """The report as JSON (the core's field names; ``decoded`` added)."""
        return json.dumps(_plain(self.to_dict()))

    def to_text(self) -> str:
        """The report for people, as the core writes it."""
        return self._text

    def __repr__(self) -> str:
        return (
            f"GradeReport(grade_string={self.grade_string!r}, letter={self.letter!r}, "
            f"text={self.decoded.text!r})"
        )

    def __reduce__(self) -> Any:
        return (GradeReport, (self._report, self._text, self.decoded))
