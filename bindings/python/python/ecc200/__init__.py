"""ecc200: make, read and grade GS1 DataMatrix (ECC 200) symbols at line speed.

A thin Python layer over the Rust library ``ecc200``: every function converts its
arguments, calls the core (with the GIL released for the heavy work), and wraps the
result in a small picklable class.
"""

from __future__ import annotations

from typing import Any

import numpy as _np

from . import _ecc200
from ._ecc200 import DecodeError, EncodeError, Error, GradeError, Gs1Error
from ._results import Decoded

__version__: str = _ecc200.__version__

__all__ = [
    "__version__",
    "Error",
    "EncodeError",
    "DecodeError",
    "Gs1Error",
    "GradeError",
    "Decoded",
    "decode_matrix",
]


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
