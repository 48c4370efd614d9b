"""examples/dask_grade_folder.py against a LocalCluster of 2 worker processes."""

import importlib.util
import pathlib
import sys

import numpy as np
import pytest

import ecc200

distributed = pytest.importorskip("dask.distributed")
PIL = pytest.importorskip("PIL.Image")

EXAMPLE = pathlib.Path(__file__).resolve().parents[3] / "examples" / "dask_grade_folder.py"


def load_example():
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} not found (run from the repository)")
    spec = importlib.util.spec_from_file_location("dask_grade_folder", EXAMPLE)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["dask_grade_folder"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_grade_folder_on_local_cluster(tmp_path):
    mod = load_example()
    want = {}
    for i in range(6):
        text = f"(01)09506000134352(10)LOT{i}(21)SN{i:05d}"
        img = ecc200.encode(text, gs1=True).to_image(scale=5, quiet_zone=4)
        if i % 2:  # low contrast: a worse grade
            img = (100 + img.astype(np.float64) * (60 / 255)).astype(np.uint8)
        p = tmp_path / "sub" / f"sym{i}.png" if i == 5 else tmp_path / f"sym{i}.png"
        p.parent.mkdir(exist_ok=True)
        PIL.fromarray(img).save(p)
        want[str(p)] = (ecc200.gs1.to_dict(text), i % 2 == 0)
    PIL.fromarray(np.full((60, 80), 255, dtype=np.uint8)).save(tmp_path / "blank.png")
    (tmp_path / "broken.png").write_bytes(b"not a png")

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        # the example is not an installed module: ship it to the scheduler and workers
        client.upload_file(str(EXAMPLE))
        results = mod.grade_folder(str(tmp_path), client)

    by_path = {r["path"]: r for r in results}
    assert len(results) == 8
    for path, (ais, clean) in want.items():
        r = by_path[path]
        assert r["error"] is None and len(r["symbols"]) == 1
        s = r["symbols"][0]
        assert s["gs1"] == ais
        if clean:
            assert s["letter"] == "A"
        else:
            assert s["grade"] < 4.0 and s["reasons"]
    assert by_path[str(tmp_path / "blank.png")]["error"].startswith("no symbol")
    assert "cannot read the image file" in by_path[str(tmp_path / "broken.png")]["error"]
    assert "8 images, 6 graded" in mod.summary(results)
