"""The type stubs of the compiled module list exactly what it exports."""

import ast
import pathlib

import ecc200
from ecc200 import _ecc200


def test_stub_matches_extension():
    pyi = pathlib.Path(_ecc200.__file__).with_name("_ecc200.pyi")
    assert pyi.exists() and pyi.with_name("py.typed").exists()
    tree = ast.parse(pyi.read_text())
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    stubbed |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign)}
    exported = {n for n in dir(_ecc200) if not n.startswith("__") or n == "__version__"}
    assert exported == stubbed


def test_public_api_listed():
    for name in ecc200.__all__:
        assert hasattr(ecc200, name), name
    for name in ["encode", "decode", "decode_batch", "decode_matrix", "Reader", "grade", "gs1", "serials", "Error"]:
        assert name in ecc200.__all__
