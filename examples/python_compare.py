"""Compare ecc200 with zxing-cpp and libdmtx (pylibdmtx) on the same numpy arrays.

Two sets: real photos (``*.png`` with the expected content in ``*.txt`` beside each,
by default ``../shared/testdata/realworld`` next to the repository) and frames from
ecc200's camera simulator (every difficulty bucket, exact ground truth). Every reader
gets the same grey uint8 arrays; a read counts when the expected bytes are among its
results. Prints read counts and time ratios, then the binding's own overhead on a
640x480 frame (Python call against the core alone; target under 5 %).

    python examples/python_compare.py [--data DIR] [--sim-frames N] [--dmtx-timeout MS]

Needs numpy and Pillow; zxing-cpp and pylibdmtx are compared when installed.
"""

from __future__ import annotations

import argparse
import glob
import os
import pathlib
import sys
import time
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

import ecc200

try:
    import zxingcpp
except ImportError:  # pragma: no cover - optional
    zxingcpp = None
try:
    from pylibdmtx import pylibdmtx
except ImportError:  # pragma: no cover - optional
    pylibdmtx = None

ROOT = pathlib.Path(__file__).resolve().parents[1]

Case = Tuple[str, np.ndarray, List[bytes]]  # name, grey image, expected contents


def real_photos(folder: pathlib.Path) -> List[Case]:
    from PIL import Image

    cases = []
    for png in sorted(glob.glob(str(folder / "*" / "*.png"))):
        txt = pathlib.Path(png).with_suffix(".txt")
        if not txt.exists():
            continue
        want = txt.read_bytes()
        img = np.asarray(Image.open(png).convert("L"))
        cases.append((os.path.relpath(png, folder), img, [want]))
    return cases


def sim_frames(n: int) -> List[Case]:
    cases = []
    sizes = ["12x12", "16x16", "20x20", "24x24", "32x32", (12, 26), (16, 36)]
    for i in range(n):
        diff = ecc200.sim.DIFFICULTIES[i % len(ecc200.sim.DIFFICULTIES)]
        ms = [ecc200.sim.random_matrix(sizes[(i + k) % len(sizes)], 1000 * i + k) for k in range(2)]
        frame, truths = ecc200.sim.simulate(ms, seed=i, difficulty=diff)
        want = [ecc200.decode_matrix(t["matrix"]).bytes for t in truths]
        cases.append((f"sim {diff} #{i}", frame, want))
    return cases


def same(got: bytes, want: bytes, drops_fnc1: bool = False) -> bool:
    if got == want:
        return True
    # libdmtx reports GS1 data without its FNC1 separators
    return drops_fnc1 and got == want.replace(b"\x1d", b"")


def run(name: str, read: Callable[[np.ndarray], List[bytes]], cases: Sequence[Case]) -> Dict[str, float]:
    drops_fnc1 = name == "libdmtx"
    found = total = 0
    t0 = time.perf_counter()
    for _, img, wants in cases:
        got = read(img)
        total += len(wants)
        found += sum(any(same(g, w, drops_fnc1) for g in got) for w in wants)
    dt = time.perf_counter() - t0
    return {"found": found, "total": total, "seconds": dt}


def readers(dmtx_timeout: int) -> Dict[str, Callable[[np.ndarray], List[bytes]]]:
    r: Dict[str, Callable[[np.ndarray], List[bytes]]] = {
        "ecc200": lambda img: [d.bytes for d in ecc200.decode(img)],
    }
    if zxingcpp is not None:
        fmt = zxingcpp.BarcodeFormat.DataMatrix
        r["zxing-cpp"] = lambda img: [x.bytes for x in zxingcpp.read_barcodes(img, formats=fmt)]
    if pylibdmtx is not None:
        r["libdmtx"] = lambda img: [x.data for x in pylibdmtx.decode(img, timeout=dmtx_timeout)]
    return r


def compare(title: str, cases: Sequence[Case], rs: Dict[str, Callable[[np.ndarray], List[bytes]]]) -> None:
    if not cases:
        print(f"{title}: no cases")
        return
    print(f"\n{title}: {len(cases)} images")
    base: Optional[float] = None
    for name, read in rs.items():
        res = run(name, read, cases)
        if base is None:
            base = res["seconds"]
        ratio = res["seconds"] / base if base else float("nan")
        print(
            f"  {name:<10} read {res['found']:>4}/{res['total']:<4} "
            f"{res['seconds'] * 1e3 / len(cases):8.2f} ms/image   time x{ratio:.2f} of ecc200"
        )


def overhead(rounds: int = 30, per_round: int = 20) -> None:
    """The binding's cost on a 640x480 frame: the Python call against the core alone
    (``_bench_core_read`` runs the core's read in Rust on the same frame, without
    making Python objects). Both run on this thread (the GIL is released but the work
    is not moved), so their CPU time (``time.thread_time``) is compared: unlike wall
    time it does not count the time other processes hold the CPU. The two are timed
    in alternation and the fastest round of each is kept."""
    ms = [ecc200.sim.random_matrix("16x16", 1), ecc200.sim.random_matrix((12, 26), 2)]
    frame, _ = ecc200.sim.simulate(ms, seed=3, difficulty="easy", width=640, height=480)
    n_found = len(ecc200.decode(frame))
    reader = ecc200.Reader()
    core_read = ecc200._ecc200._bench_core_read
    clock = time.thread_time
    for label, call, reuse in [
        ("ecc200.decode(frame)", lambda: ecc200.decode(frame), False),
        ("Reader.read(frame)", lambda: reader.read(frame), True),
    ]:
        call()
        py = core = float("inf")
        for _ in range(rounds):
            t = clock()
            for _ in range(per_round):
                call()
            py = min(py, (clock() - t) / per_round)
            t = clock()
            core_read(frame, per_round, reuse)
            core = min(core, (clock() - t) / per_round)
        print(
            f"  {label:<22} {py * 1e3:7.3f} ms; core alone {core * 1e3:7.3f} ms (CPU time); "
            f"binding overhead {100 * (py - core) / core:+.1f} % ({n_found} symbols)"
        )


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="folder of real photos (subfolders of *.png + *.txt)")
    ap.add_argument("--sim-frames", type=int, default=30)
    ap.add_argument("--dmtx-timeout", type=int, default=1000, help="libdmtx time limit per image, ms")
    a = ap.parse_args(argv)

    data = pathlib.Path(a.data) if a.data else None
    if data is None:
        # ../shared/testdata/realworld beside the repository (or beside a parent of a
        # worktree)
        for parent in ROOT.parents:
            cand = parent / "shared" / "testdata" / "realworld"
            if cand.is_dir():
                data = cand
                break
    print(f"ecc200 {ecc200.__version__}; zxing-cpp {'yes' if zxingcpp else 'not installed'}; "
          f"libdmtx {'yes' if pylibdmtx else 'not installed'}")
    rs = readers(a.dmtx_timeout)
    compare(f"real photos ({data})", real_photos(data) if data else [], rs)
    compare("simulated 640x480 frames", sim_frames(a.sim_frames), rs)
    print("\nbinding overhead on a 640x480 frame (fastest of 30 alternating rounds of 20 calls):")
    overhead()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
