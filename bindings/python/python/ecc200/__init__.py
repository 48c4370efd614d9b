"""ecc200: make, read and grade GS1 DataMatrix (ECC 200) symbols at line speed.

A thin Python layer over the Rust library ``ecc200``: every function converts its
arguments, calls the core (with the GIL released for the heavy work), and wraps the
result in a small picklable class.
"""

from __future__ import annotations

import json as _json
import sys
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as _np

from . import _ecc200
from ._ecc200 import DecodeError, EncodeError, Error, GradeError, Gs1Error, Symbol
from . import gs1, sim
from ._results import Decoded, GradeReport, Measure

__version__: str = _ecc200.__version__

__all__ = [
    "__version__",
    "Error",
    "EncodeError",
    "DecodeError",
    "Gs1Error",
    "GradeError",
    "Decoded",
    "GradeReport",
    "Measure",
    "grade",
    "grade_all",
    "Symbol",
    "encode",
    "encode_batch",
    "decode",
    "decode_batch",
    "decode_matrix",
    "symbol_sizes",
    "Reader",
    "sim",
    "gs1",
    "serials",
]


def encode(
    data: Union[str, bytes],
    *,
    gs1: bool = False,
    shape: str = "square",
    size: Optional[Union[str, Tuple[int, int]]] = None,
    max_rows: Optional[int] = None,
    max_cols: Optional[int] = None,
    encodations: Optional[Sequence[str]] = None,
    eci: Optional[int] = None,
    macro: Optional[Union[str, int]] = None,
    structured_append: Optional[Tuple[int, int, Tuple[int, int]]] = None,
    reader_programming: bool = False,
    fnc1_ascii_only: bool = False,
    validate: bool = True,
) -> Symbol:
    """Encodes data into the smallest allowed symbol with the fewest codewords.

    ``data``: ``str`` (ISO-8859-1 when every character is in it, else UTF-8 under
    ECI 26, added automatically) or ``bytes``.

    Options (defaults are the core's):
        gs1: GS1 data (FNC1 first). Text in a GS1 syntax — bracketed
            ``(01)09506000134352(17)261231(10)AB1``, ``]d2`` scanner data or a Digital
            Link URI — is parsed and, with ``validate`` (default True), checked against
            the GS1 dictionary (``Gs1Error`` otherwise); raw data (str starting with a
            digit, or bytes) uses GS (0x1D) as the FNC1 separator.
        shape: "square" (default), "rect", "dmre" (rectangular + DMRE) or "any".
        size: force a size, "ROWSxCOLS" or (rows, cols).
        max_rows, max_cols: largest allowed dimensions.
        encodations: schemes the planner may use besides ASCII, from "c40", "text",
            "x12", "edifact", "base256" (default all).
        eci: an ECI designator before the data (0..999999).
        macro: "auto" (compress a ``[)>`` RS 05/06 GS ... RS EOT envelope), 5 or 6
            (the data is the body of such a message), or None.
        structured_append: (position 1..16, total 2..16, (file id 1, file id 2)).
        reader_programming: a reader-programming symbol.
        fnc1_ascii_only: write every FNC1 in ASCII, never inside C40/Text (allowed by
            ISO/IEC 16022, but misread by libdmtx-based readers); still minimal.

    Raises ``EncodeError`` (data too long, bad option), ``Gs1Error``, ``TypeError``,
    ``ValueError``.
    """
    return _ecc200.encode(
        data, gs1=gs1, shape=shape, size=size, max_rows=max_rows, max_cols=max_cols,
        encodations=list(encodations) if encodations is not None else None, eci=eci,
        macro=macro, structured_append=structured_append,
        reader_programming=reader_programming, fnc1_ascii_only=fnc1_ascii_only,
        validate=validate,
    )


def encode_batch(
    items: Iterable[Union[str, bytes]],
    *,
    threads: Optional[int] = None,
    **options: Any,
) -> List[Symbol]:
    """Encodes many items in parallel with the GIL released (``threads``: default one
    per core; 1 encodes in the calling thread). Takes the options of ``encode``; an
    error names the item."""
    if "encodations" in options and options["encodations"] is not None:
        options["encodations"] = list(options["encodations"])
    return _ecc200.encode_batch(list(items), threads=threads, **options)


def _grade(image: Any, max_symbols: int, **kw: Any) -> List[GradeReport]:
    return [
        GradeReport(_json.loads(j), text, Decoded(**d))
        for j, text, d in _ecc200.grade(_image_arg(image), max_symbols=max_symbols, **kw)
    ]


def grade(
    image: Any,
    *,
    aperture: Optional[Union[float, str]] = None,
    dpi: Optional[float] = None,
    wavelength_nm: Optional[int] = None,
    calibration: Optional[Tuple[float, float, float, float]] = None,
    notional_uec: Optional[str] = None,
    min_pixels_per_module: Optional[float] = None,
    low_resolution_is_error: Optional[bool] = None,
    standard: Optional[str] = None,
    dpm_reference: Optional[Tuple[float, float, float, float]] = None,
    clock_segments: Optional[str] = None,
    grid_anchor: Optional[str] = None,
    thorough: bool = False,
) -> GradeReport:
    """Reads the image and grades the first symbol found after ISO/IEC 15415 (GIL
    released). ``image`` is what ``decode`` accepts; the symbol and its quiet zone must
    lie inside the image.

    Options (None keeps the core default):
        aperture: synthetic aperture, a fraction of X (float, default 0.8) or a string
            "0.8x", "5mil", "0.127mm" (mil and mm need ``dpi``).
        dpi: resolution at the symbol plane (for apertures in mil/mm and the grade
            string); default unknown.
        wavelength_nm: illumination wavelength for the grade string; default 660.
        calibration: (measured_white, measured_black, card_rmax, card_rmin) from a
            calibrated card; default uncalibrated (pixel values 0..255 -> 0..100 %).
        notional_uec: "erasures" (default) or "errors".
        min_pixels_per_module: fewer gives a warning; default 5.0.
        low_resolution_is_error: make that an error; default False.
        standard: "15415" (printed symbols, default) or "29158" (direct part marks:
            Otsu threshold, cell contrast, cell modulation, minimum reflectance, best of
            two apertures; the parts of ISO/IEC 29158 the core implements).
        dpm_reference: (r_cal, ml_cal, sr_cal, sr_target) for the 29158 minimum
            reflectance, Rtarget = r_cal * (sr_cal / sr_target) * (ML / ml_cal);
            default: the light modules' mean in the image's reflectance scale.
        clock_segments: fixed pattern damage of the clock tracks and solid areas as
            one segment ("whole", default) or one per data region ("region").
        grid_anchor: the ideal grid of grid non-uniformity through the four corner
            modules ("corners", default) or fitted to every module ("fit").
        thorough: read harder before grading.

    Raises ``GradeError`` when no symbol is found or it cannot be graded.
    """
    return _grade(
        image, 1, aperture=aperture, dpi=dpi, wavelength_nm=wavelength_nm,
        calibration=calibration, notional_uec=notional_uec,
        min_pixels_per_module=min_pixels_per_module,
        low_resolution_is_error=low_resolution_is_error, standard=standard,
        dpm_reference=dpm_reference, clock_segments=clock_segments,
        grid_anchor=grid_anchor, thorough=thorough,
    )[0]


def grade_all(image: Any, *, max_symbols: int = 8, **options: Any) -> List[GradeReport]:
    """Grades every symbol found (up to ``max_symbols``); the options of ``grade``."""
    return _grade(image, max_symbols, **options)


def serials(
    count: int,
    *,
    prefix: str = "",
    width: Optional[int] = None,
    start: int = 0,
    random: bool = False,
    charset: str = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ",
    length: Optional[int] = None,
    seed: Optional[int] = None,
) -> List[str]:
    """``count`` unique GS1 (21) serial numbers (at most 20 characters of CSET 82).

    Sequential (default): ``prefix`` + a counter from ``start`` zero-padded to
    ``width`` digits (default: 12 characters in all). ``random=True``: non-sequential
    serials of ``length`` characters (default 12) over ``charset``, unique within
    the call; ``seed`` makes the stream reproducible (default: from the OS).
    Raises ``Gs1Error`` for a prefix/charset outside CSET 82 or a bad length,
    ``ValueError`` when fewer than ``count`` serials remain in the space.
    """
    return _ecc200.serials(
        count, prefix=prefix, width=width, start=start, random=random,
        charset=charset, length=length, seed=seed,
    )


def _image_arg(image: Any) -> Any:
    """A PIL image as a numpy array the core reads (grey, RGB or RGBA); anything else
    unchanged (numpy arrays, bytes of an image file, paths are handled by the core)."""
    pil = sys.modules.get("PIL.Image")
    if pil is not None and isinstance(image, pil.Image):
        mode = image.mode
        if mode not in ("L", "RGB", "RGBA"):
            # only a change of pixel type: the core turns colour to grey (BT.601,
            # alpha over white), so colour modes become RGB(A), grey ones stay grey
            has_alpha = mode in ("LA", "PA", "La", "RGBa") or "transparency" in image.info
            grey = mode in ("1", "I", "F") or mode.startswith("I;")
            image = image.convert("RGBA" if has_alpha else "L" if grey else "RGB")
        return _np.asarray(image)
    return image


def _read_kwargs(
    thorough: bool,
    max_symbols: Optional[int],
    try_inverted: Optional[bool],
    try_mirrored: Optional[bool],
    size: Optional[Union[str, Tuple[int, int]]],
    module_px_range: Optional[Tuple[float, float]],
    work_budget: Optional[int],
    min_contrast: Optional[int],
) -> Dict[str, Any]:
    return dict(
        thorough=thorough,
        max_symbols=max_symbols,
        try_inverted=try_inverted,
        try_mirrored=try_mirrored,
        size=size,
        module_px_range=module_px_range,
        work_budget=work_budget,
        min_contrast=min_contrast,
    )


_READ_DOC = """
    Options (None keeps the core default):
        thorough: try harder (more candidates and size hypotheses); default False.
        max_symbols: stop after this many symbols; default 8.
        try_inverted: also look for light symbols on dark ground; default True.
        try_mirrored: also try each candidate mirrored; default True.
        size: only accept this size, "ROWSxCOLS" or (rows, cols); default any.
        module_px_range: (min, max) module size in pixels looked for; default (1.5, 400).
        work_budget: most candidates examined per frame; default 48 (doubled when
            thorough).
        min_contrast: minimum grey-level range of an 8x8 block to carry an edge;
            default 16.
"""


def decode(
    image: Any,
    *,
    thorough: bool = False,
    max_symbols: Optional[int] = None,
    try_inverted: Optional[bool] = None,
    try_mirrored: Optional[bool] = None,
    size: Optional[Union[str, Tuple[int, int]]] = None,
    module_px_range: Optional[Tuple[float, float]] = None,
    work_budget: Optional[int] = None,
    min_contrast: Optional[int] = None,
) -> List[Decoded]:
    """Reads every DataMatrix symbol in an image; returns an empty list when none is
    found.

    ``image`` is a numpy uint8 array (HxW grey, HxWx3 RGB or HxWx4 RGBA, any strides;
    a grey array whose pixels are adjacent in memory is read without copying), a PIL
    image, the bytes of an image file (PNG, JPEG, WebP, PNM, BMP, TIFF) or a path.
    The GIL is released while reading.

    Raises ``TypeError`` / ``ValueError`` for an unusable argument, ``OSError`` for a
    path that cannot be read, ``DecodeError`` for image bytes that are no image.
    """
    kw = _read_kwargs(
        thorough, max_symbols, try_inverted, try_mirrored, size, module_px_range,
        work_budget, min_contrast,
    )
    return [Decoded(**d) for d in _ecc200.decode(_image_arg(image), **kw)]


decode.__doc__ = (decode.__doc__ or "") + _READ_DOC


def decode_batch(
    images: Iterable[Any],
    *,
    threads: Optional[int] = None,
    thorough: bool = False,
    max_symbols: Optional[int] = None,
    try_inverted: Optional[bool] = None,
    try_mirrored: Optional[bool] = None,
    size: Optional[Union[str, Tuple[int, int]]] = None,
    module_px_range: Optional[Tuple[float, float]] = None,
    work_budget: Optional[int] = None,
    min_contrast: Optional[int] = None,
) -> List[List[Decoded]]:
    """Reads many images in parallel (GIL released), one result list per image, in
    input order. ``threads``: worker threads (default: one per CPU core); 1 reads in
    the calling thread. Images are what ``decode`` accepts.
    """
    kw = _read_kwargs(
        thorough, max_symbols, try_inverted, try_mirrored, size, module_px_range,
        work_budget, min_contrast,
    )
    imgs = [_image_arg(im) for im in images]
    return [
        [Decoded(**d) for d in per]
        for per in _ecc200.decode_batch(imgs, threads=threads, **kw)
    ]


decode_batch.__doc__ = (decode_batch.__doc__ or "") + _READ_DOC


class Reader:
    """A reusable reader for a stream of frames (video): keeps its buffers from frame
    to frame. Takes the options of ``decode``. One reader per thread: a reader used
    by two threads at once raises ``RuntimeError``. Pickles as its options.
    """

    def __init__(
        self,
        *,
        thorough: bool = False,
        max_symbols: Optional[int] = None,
        try_inverted: Optional[bool] = None,
        try_mirrored: Optional[bool] = None,
        size: Optional[Union[str, Tuple[int, int]]] = None,
        module_px_range: Optional[Tuple[float, float]] = None,
        work_budget: Optional[int] = None,
        min_contrast: Optional[int] = None,
    ) -> None:
        self._kw = _read_kwargs(
            thorough, max_symbols, try_inverted, try_mirrored, size, module_px_range,
            work_budget, min_contrast,
        )
        self._inner = _ecc200._Reader(**self._kw)

    def read(self, image: Any) -> List[Decoded]:
        """Reads every symbol in one frame (what ``decode`` accepts)."""
        return [Decoded(**d) for d in self._inner.read(_image_arg(image))]

    __call__ = read

    @property
    def options(self) -> Dict[str, Any]:
        """The options given (None = core default)."""
        return dict(self._kw)

    def __repr__(self) -> str:
        set_ = ", ".join(f"{k}={v!r}" for k, v in self._kw.items() if v not in (None, False))
        return f"Reader({set_})"

    def __reduce__(self) -> Any:
        return (_make_reader, (self._kw,))


def _make_reader(kw: Dict[str, Any]) -> Reader:
    return Reader(**kw)


def symbol_sizes() -> List[Dict[str, Any]]:
    """The ECC 200 size table: 24 square and 6 rectangular sizes (ISO/IEC 16022) and
    18 DMRE sizes (ISO/IEC 21471), each a dict with ``size`` ("ROWSxCOLS"), ``rows``,
    ``cols``, ``family`` ("square", "rect", "dmre"), ``data_codewords``,
    ``ec_codewords`` and ``blocks``."""
    return _ecc200.symbol_sizes()


def decode_matrix(matrix: Any) -> Decoded:
    """Decodes a module matrix: a 2-D array of bool (True = dark) or of integers 0/1
    (1 = dark), rows x cols, the finder L on the left column and bottom row, no quiet
    zone. Other orientations (mirrored ones too) are tried when that fails.

    Raises ``DecodeError`` when the matrix does not decode, ``TypeError`` for another
    type or dtype, ``ValueError`` for another shape.
    """
    arr = _np.asarray(matrix)
    if arr.dtype.kind in "iu" and arr.dtype != _np.uint8:
        if arr.size and (arr.min() < 0 or arr.max() > 1):
            raise ValueError("integer matrices hold 0 (light) or 1 (dark)")
        arr = arr.astype(_np.uint8)
    return Decoded(**_ecc200.decode_matrix(arr))
