"""Simulated camera frames with exact ground truth (the core's simulator), for tests,
benchmarks and demos. Deterministic: the same arguments give the same bytes."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple, Union

import numpy as np

from . import _ecc200

__all__ = ["simulate", "random_matrix", "DIFFICULTIES"]

#: The difficulty buckets ``simulate`` accepts.
DIFFICULTIES: Tuple[str, ...] = tuple(_ecc200.difficulties())


def simulate(
    matrices: Sequence[Any],
    *,
    seed: int = 0,
    difficulty: str = "easy",
    width: int = 640,
    height: int = 480,
) -> Tuple[np.ndarray, List[Dict[str, Any]]]:
    """A random ``width`` x ``height`` grey frame holding the given module matrices
    (bool arrays, e.g. ``Symbol.matrix``) in the ``difficulty`` bucket (see
    ``DIFFICULTIES``). Returns the frame (HxW uint8) and one truth dict per symbol
    placed (``corners``, ``matrix``, ``mirrored``, ``inverted``, ``module_px``); a
    symbol that finds no room is left out.
    """
    frame, truths = _ecc200.simulate(
        [np.asarray(m) for m in matrices],
        seed=seed,
        difficulty=difficulty,
        width=width,
        height=height,
    )
    return frame, list(truths)


def random_matrix(size: Union[str, Tuple[int, int]], seed: int = 0) -> np.ndarray:
    """A valid symbol of ``size`` ("ROWSxCOLS" or (rows, cols)) whose data are random
    digits, as a bool module matrix."""
    return _ecc200.random_matrix(size, seed)
