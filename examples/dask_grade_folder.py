"""Read and grade every image in a folder with Dask distributed.

Each worker opens its files itself (only paths travel to the workers) and sends back
plain dicts (``GradeReport.to_dict()`` / ``Decoded.to_dict()`` are picklable), so the
work spreads over processes and machines. ecc200 releases the GIL while reading and
grading, so threaded workers scale too.

    python examples/dask_grade_folder.py FOLDER                  # a LocalCluster
    python examples/dask_grade_folder.py FOLDER --workers 4
    python examples/dask_grade_folder.py FOLDER --scheduler tcp://host:8786
    python examples/dask_grade_folder.py FOLDER --json results.jsonl

Needs ``pip install "dask[distributed]"`` besides ecc200.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time
from typing import Any, Dict, Iterable, List

import ecc200

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".pgm", ".ppm", ".pnm"}


def grade_file(path: str, aperture: Any = None, dpi: Any = None) -> Dict[str, Any]:
    """Reads and grades one image file: every symbol read, the grade of each, or the
    error. Runs on a worker."""
    out: Dict[str, Any] = {"path": path, "symbols": [], "error": None}
    t = time.perf_counter()
    try:
        reports = ecc200.grade_all(path, aperture=aperture, dpi=dpi)
        for r in reports:
            out["symbols"].append(
                {
                    "text": r.decoded.text,
                    "gs1": r.decoded.gs1,
                    "size": f"{r.decoded.rows}x{r.decoded.cols}",
                    "grade": r.grade,
                    "letter": r.letter,
                    "grade_string": r.grade_string,
                    "reasons": r.reasons,
                }
            )
    except ecc200.GradeError as e:
        # nothing gradable: report what a plain read finds (a symbol too near the edge
        # reads but cannot be graded)
        out["error"] = str(e)
        try:
            out["read_only"] = [d.text for d in ecc200.decode(path)]
        except ecc200.Error as e2:
            out["read_only"] = []
            out["error"] += f"; {e2}"
    except (ecc200.Error, OSError) as e:
        out["error"] = str(e)
    out["seconds"] = time.perf_counter() - t
    return out


def image_files(folder: pathlib.Path) -> List[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)


def grade_folder(folder: str, client: Any, **options: Any) -> List[Dict[str, Any]]:
    """Grades every image under ``folder`` on the Dask ``client``; results in path order."""
    files = image_files(pathlib.Path(folder))
    futures = client.map(grade_file, files, pure=False, **options)
    return client.gather(futures)


def summary(results: Iterable[Dict[str, Any]]) -> str:
    results = list(results)
    letters: Dict[str, int] = {}
    for r in results:
        for s in r["symbols"]:
            letters[s["letter"]] = letters.get(s["letter"], 0) + 1
    graded = sum(bool(r["symbols"]) for r in results)
    failed = sum(1 for r in results if r["error"])
    dist = ", ".join(f"{k}: {letters[k]}" for k in sorted(letters))
    return f"{len(results)} images, {graded} graded, {failed} without a gradable symbol; grades {dist or '-'}"


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    ap.add_argument("--aperture", help='e.g. "0.8x", "5mil" (needs --dpi)')
    ap.add_argument("--dpi", type=float)
    ap.add_argument("--json", help="write one JSON line per image here")
    a = ap.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    if a.scheduler:
        client = Client(a.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        t = time.perf_counter()
        results = grade_folder(a.folder, client, aperture=a.aperture, dpi=a.dpi)
        dt = time.perf_counter() - t
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for r in results:
        if r["symbols"]:
            for s in r["symbols"]:
                print(f"{r['path']}: {s['grade_string']} ({s['letter']}) {s['size']} {s['text']!r}")
        else:
            print(f"{r['path']}: {r['error']}")
    print(summary(results), f"in {dt:.2f} s")
    if a.json:
        with open(a.json, "w") as f:
            for r in results:
                f.write(json.dumps(r) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
