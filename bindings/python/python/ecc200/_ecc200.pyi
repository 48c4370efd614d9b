"""Type stubs of the compiled extension ``ecc200._ecc200`` (use the ``ecc200`` package)."""

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

__version__: str

class Error(Exception):
    """Base class of every error ecc200 raises (a panic in the core also becomes this)."""

class EncodeError(Error):
    """The data cannot be encoded as asked (too long, bad size, bad option)."""

class DecodeError(Error):
    """A module matrix, codeword stream or image could not be decoded."""

class Gs1Error(Error):
    """GS1 data is malformed or invalid."""

    ai: Optional[str]
    position: Optional[int]
    length: Optional[int]
    rule: Optional[str]
    kind: Optional[str]
    errors: Sequence[Dict[str, Any]]

class GradeError(Error):
    """A symbol could not be graded."""

class Symbol:
    """A finished ECC 200 symbol (made by ``ecc200.encode``)."""

    @property
    def rows(self) -> int: ...
    @property
    def cols(self) -> int: ...
    @property
    def size(self) -> str: ...
    @property
    def matrix(self) -> npt.NDArray[np.bool_]: ...
    @property
    def codewords(self) -> bytes: ...
    @property
    def data_codewords(self) -> bytes: ...
    def to_png(
        self,
        *,
        scale: Optional[int] = None,
        quiet_zone: Optional[int] = None,
        x_dim_mm: Optional[float] = None,
        dpi: Optional[int] = None,
        invert: bool = False,
        hri: Optional[List[str]] = None,
        hri_below: bool = False,
    ) -> bytes:
        """PNG file bytes (1-bit grey). ``scale``: pixels per module (default 10);
        ``quiet_zone``: modules (default 1); ``x_dim_mm`` with ``dpi``: a physical
        module size rounded to whole printer dots (dpi default 300, written to pHYs);
        ``hri``: text lines printed beside (or with ``hri_below`` below) the symbol."""
    def to_svg(
        self,
        *,
        scale: Optional[int] = None,
        quiet_zone: Optional[int] = None,
        x_dim_mm: Optional[float] = None,
        dpi: Optional[int] = None,
        invert: bool = False,
        dark: Optional[str] = None,
        light: Optional[str] = None,
        transparent: bool = False,
        hri: Optional[List[str]] = None,
        hri_below: bool = False,
    ) -> str:
        """An SVG document (one path). ``dark``/``light``: colours (#rgb, #rrggbb or a
        CSS name; default black on white); ``transparent``: no background."""
    def to_image(
        self, *, scale: Optional[int] = None, quiet_zone: Optional[int] = None, invert: bool = False
    ) -> npt.NDArray[np.uint8]:
        """A grey HxW uint8 image (0 dark, 255 light)."""
    def to_pil(
        self, *, scale: Optional[int] = None, quiet_zone: Optional[int] = None, invert: bool = False
    ) -> Any:
        """A PIL image (mode "L"); needs Pillow."""
    def to_text(self, *, quiet_zone: Optional[int] = None, invert: bool = False) -> str:
        """Unicode half-block text for a terminal."""
    def __eq__(self, other: object) -> bool: ...

class ElementString:
    """GS1 data as an ordered list of AI/value pairs (``ecc200.gs1.parse``)."""

    def __init__(self, data: Union[str, bytes, "ElementString"]) -> None: ...
    @property
    def fields(self) -> List[Tuple[str, str]]: ...
    @property
    def parse_warnings(self) -> List[Dict[str, Any]]: ...
    def get(self, ai: str) -> Optional[str]: ...
    def to_raw(self) -> bytes: ...
    def to_bracketed(self) -> str: ...
    def to_scan_data(self) -> bytes: ...
    def hri(self) -> List[str]: ...
    def pharma_hri(self, style: str = "eu-fmd") -> List[str]: ...
    def to_digital_link(self, stem: str = "https://id.gs1.org") -> str: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

class _Reader:
    def __init__(self, **options: Any) -> None: ...
    def read(self, image: Any) -> List[Dict[str, Any]]: ...

def decode(image: Any, **options: Any) -> List[Dict[str, Any]]: ...
def decode_batch(images: Iterable[Any], **options: Any) -> List[List[Dict[str, Any]]]: ...
def decode_matrix(matrix: Any) -> Dict[str, Any]: ...
def symbol_sizes() -> List[Dict[str, Any]]: ...
def encode(data: Union[str, bytes], **options: Any) -> Symbol: ...
def encode_batch(items: List[Union[str, bytes]], **options: Any) -> List[Symbol]: ...
def grade(image: Any, **options: Any) -> List[Tuple[str, str, Dict[str, Any]]]: ...
def gs1_parse(data: Union[str, bytes, ElementString]) -> ElementString: ...
def gs1_validate(data: Union[str, bytes, ElementString], **options: bool) -> List[Dict[str, Any]]: ...
def gs1_from_digital_link(uri: str) -> ElementString: ...
def serials(count: int, **options: Any) -> List[str]: ...
def simulate(
    matrices: Sequence[Any], *, seed: int = 0, difficulty: str = "easy", width: int = 640, height: int = 480
) -> Tuple[npt.NDArray[np.uint8], List[Dict[str, Any]]]: ...
def random_matrix(size: Union[str, Tuple[int, int]], seed: int = 0) -> npt.NDArray[np.bool_]: ...
def difficulties() -> List[str]: ...
def _symbol_from_codewords(size: str, data: bytes) -> Symbol: ...
def _test_panic() -> None: ...
def _bench_core_read(image: Any, repeats: int = 20, reuse: bool = False) -> float: ...
