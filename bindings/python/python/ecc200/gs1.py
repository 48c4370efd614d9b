"""GS1 element strings: parse, validate, human-readable text, Digital Link.

Every function takes GS1 data as ``str`` (the syntax is detected: bracketed
``(01)...``/``[01]...``, scanner data ``]d2...``, a Digital Link URI, or raw data with
GS separators), ``bytes`` (raw data with GS (0x1D) separators, or scanner data
starting with ``]``) or an ``ElementString``. Errors raise ``ecc200.Gs1Error`` with
``.ai``, ``.position`` (0-based byte offset in the input), ``.length``, ``.rule``,
``.kind`` and ``.errors`` (every error found, as dicts).
"""

from __future__ import annotations

from typing import Any, Dict, List, Union

from . import _ecc200
from ._ecc200 import ElementString, Gs1Error

__all__ = [
    "ElementString",
    "Gs1Error",
    "parse",
    "validate",
    "is_valid",
    "hri",
    "pharma_hri",
    "to_digital_link",
    "from_digital_link",
    "to_dict",
]

Data = Union[str, bytes, ElementString]


def parse(data: Data) -> ElementString:
    """Parses GS1 data (syntax only: use ``validate`` for the dictionary rules)."""
    return _ecc200.gs1_parse(data)


def validate(
    data: Data,
    *,
    permit_unknown_ais: bool = False,
    check_associations: bool = True,
    warn_embedded_ais: bool = True,
) -> List[Dict[str, Any]]:
    """Checks GS1 data against the GS1 Barcode Syntax Dictionary: lengths, character
    sets, check digits, dates and other linters, unknown and repeated AIs, mandatory
    and invalid AI associations. Returns the warnings (dicts) when valid; raises
    ``Gs1Error`` carrying every error otherwise.

    Options: ``permit_unknown_ais`` (default False), ``check_associations`` (default
    True: turn off when a symbol carries only part of an item's data),
    ``warn_embedded_ais`` (default True: warn about values that read as further AIs).
    """
    return _ecc200.gs1_validate(
        data,
        permit_unknown_ais=permit_unknown_ais,
        check_associations=check_associations,
        warn_embedded_ais=warn_embedded_ais,
    )


def is_valid(data: Data, **options: bool) -> bool:
    """Whether ``validate`` accepts the data (a parse error counts as invalid)."""
    try:
        validate(data, **options)
    except Gs1Error:
        return False
    return True


def hri(data: Data) -> List[str]:
    """Human-readable interpretation, one ``(AI) value`` line per AI."""
    return parse(data).hri()


def pharma_hri(data: Data, style: str = "eu-fmd") -> List[str]:
    """The pharma text block printed beside the symbol: ``"eu-fmd"`` (PC, SN, Batch,
    Exp, NN) or ``"dscsa"`` (GTIN, SN, LOT, EXP as YYYY-MM-DD)."""
    return parse(data).pharma_hri(style)


def to_digital_link(data: Data, stem: str = "https://id.gs1.org") -> str:
    """The GS1 Digital Link URI of the data: primary key and qualifiers in the path,
    other AIs as query attributes."""
    return parse(data).to_digital_link(stem)


def from_digital_link(uri: str) -> ElementString:
    """Parses a GS1 Digital Link URI."""
    return _ecc200.gs1_from_digital_link(uri)


def to_dict(data: Data) -> Dict[str, str]:
    """The AIs and values as a dict (first occurrence of a repeated AI)."""
    out: Dict[str, str] = {}
    for ai, value in parse(data).fields:
        out.setdefault(ai, value)
    return out
