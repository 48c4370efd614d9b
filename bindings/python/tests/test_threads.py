"""The GIL is released while reading: two threads read faster than one."""

import hashlib
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import ecc200


@pytest.fixture(scope="module")
def frames():
    ms = [ecc200.sim.random_matrix("20x20", 5), ecc200.sim.random_matrix((16, 36), 6)]
    return [ecc200.sim.simulate(ms, seed=s, difficulty="clutter")[0] for s in range(12)]


def _best(f, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def test_threads_agree(frames):
    one = [[d.bytes for d in r] for r in ecc200.decode_batch(frames, threads=1)]
    with ThreadPoolExecutor(2) as ex:
        threaded = [[d.bytes for d in r] for r in ex.map(ecc200.decode, frames)]
    two = [[d.bytes for d in r] for r in ecc200.decode_batch(frames, threads=2)]
    assert one == threaded == two


def test_reader_per_thread(frames):
    def work(chunk):
        r = ecc200.Reader()
        return [len(r.read(f)) for f in chunk]

    with ThreadPoolExecutor(2) as ex:
        a, b = ex.map(work, [frames[::2], frames[1::2]])
    assert sum(a) + sum(b) == sum(len(r) for r in ecc200.decode_batch(frames))


def _machine_parallelism():
    """How much faster 2 threads run a GIL-free workload (hashlib releases the GIL) than
    1, right now: about 2 on an idle 2-core machine, near 1 on a saturated one."""
    blobs = [bytes(4 << 20)] * 8
    seq = _best(lambda: [hashlib.sha256(b).digest() for b in blobs])
    with ThreadPoolExecutor(2) as ex:
        par = _best(lambda: list(ex.map(lambda b: hashlib.sha256(b).digest(), blobs)))
    return seq / par


def test_gil_released_while_reading(frames):
    """A Python thread keeps running while another is inside decode_batch."""
    big = frames * 4
    done = threading.Event()

    def read():
        ecc200.decode_batch(big, threads=1)
        done.set()

    # baseline: how many loop iterations per second this thread gets alone
    t0, n = time.perf_counter(), 0
    while time.perf_counter() - t0 < 0.05:
        n += 1
    alone = n / (time.perf_counter() - t0)
    th = threading.Thread(target=read)
    t0, n = time.perf_counter(), 0
    th.start()
    while not done.is_set():
        n += 1
    dt = time.perf_counter() - t0
    th.join()
    # with the GIL held through the batch this thread would get only the switch
    # intervals around the call; released, it runs alongside (even on one free core
    # the OS time-slices it)
    assert n / dt > 0.2 * alone


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs at least 2 cores")
def test_two_threads_faster_than_one(frames, capsys):
    """Up to 8 rounds, each measuring ecc200 with 1 and 2 threads between two
    measurements of the machine's free parallelism (a GIL-free hashlib workload).
    Passes in the first round where both 2-thread speedups exceed 1.3; fails if at
    least two rounds had 2 free cores throughout and none showed it; else skips (a
    shared, saturated machine cannot show a speedup)."""
    free_rounds = 0
    lines = []
    with ThreadPoolExecutor(2) as ex:
        for _ in range(8):
            before = _machine_parallelism()
            seq = _best(lambda: [ecc200.decode(f) for f in frames])
            par = _best(lambda: list(ex.map(ecc200.decode, frames)))
            b1 = _best(lambda: ecc200.decode_batch(frames, threads=1))
            b2 = _best(lambda: ecc200.decode_batch(frames, threads=2))
            avail = min(before, _machine_parallelism())
            lines.append(
                f"threads: {len(frames)} frames 640x480: 1 thread {seq * 1e3:.1f} ms, "
                f"2 Python threads {par * 1e3:.1f} ms (x{seq / par:.2f}); decode_batch "
                f"1 thread {b1 * 1e3:.1f} ms, 2 threads {b2 * 1e3:.1f} ms (x{b1 / b2:.2f}); "
                f"hashlib reference x{avail:.2f}"
            )
            if seq / par > 1.3 and b1 / b2 > 1.3:
                with capsys.disabled():
                    print("\n" + lines[-1])
                return
            free_rounds += avail >= 1.6
    if free_rounds < 2:
        pytest.skip(f"machine busy: 2 free cores in {free_rounds} of {len(lines)} rounds; " + lines[-1])
    pytest.fail("no 2-thread speedup above 1.3 although 2 cores were free:\n" + "\n".join(lines))
