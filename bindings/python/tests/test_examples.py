"""examples/python_compare.py runs (small settings) and prints its tables."""

import importlib.util
import pathlib
import sys

import pytest

import ecc200

PIL = pytest.importorskip("PIL.Image")
EXAMPLE = pathlib.Path(__file__).resolve().parents[3] / "examples" / "python_compare.py"


def test_python_compare_smoke(tmp_path, capsys):
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} not found (run from the repository)")
    spec = importlib.util.spec_from_file_location("python_compare", EXAMPLE)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["python_compare"] = mod
    spec.loader.exec_module(mod)
    d = tmp_path / "set"
    d.mkdir()
    s = ecc200.encode("(01)09506000134352(10)ABC", gs1=True)
    PIL.fromarray(s.to_image(scale=4, quiet_zone=3)).save(d / "a.png")
    (d / "a.txt").write_bytes(ecc200.decode_matrix(s.matrix).bytes)
    assert mod.main(["--data", str(tmp_path), "--sim-frames", "2", "--dmtx-timeout", "200"]) == 0
    out = capsys.readouterr().out
    assert "real photos" in out and "1 images" in out
    assert "ecc200     read    1/1" in out
    assert "simulated 640x480 frames: 2 images" in out
    assert "binding overhead" in out
