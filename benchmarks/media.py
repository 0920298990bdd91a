"""Media benchmarks, one section per subcommand.

``index``: exact PDQ hash search (``safestream.detect.hashing.index.HashIndex``) on banks of
random 256-bit hashes. A share of the queries has a planted near-duplicate in the bank at a
random distance 0..40, so that lookups find matches on both sides of the threshold. Reports
build time, index memory (array bytes and RSS growth), lookups/s and per-lookup p50/p99 one
query at a time and batched, and checks a sample of queries against a brute-force reference
(faiss ``IndexBinaryFlat`` if installed, else a numpy scan), whose ms/query it also reports.
The machine's other load shows in the wall-clock figures; lookups per CPU-second show the
index's own cost on a shared machine (batches use a thread per core, so there it is lower).

``frames``: the full frame stack at 640×480 on benign scikit-image photos — decode of a JPEG,
PDQ with its eight dihedral variants (what bank matching uses), open_nsfw nudity, and dlib
face detection with age estimation — per stage (ms p50/p99) and frames/s for the whole stack
in one thread; then the same frames through the pipeline (``Pipeline.submit`` and processing
on SQLite: intake decode + PDQ + encrypted buffer, then decode + hash-bank + vision detectors).

``video``: vPDQ seconds per minute of 640×480 video (FFmpeg's ``testsrc2`` pattern, made with
the ``ffmpeg`` binary), hashing one frame per second as vPDQ does by default.

Reproduce:  .venv/bin/python benchmarks/media.py index --sizes 1000000 10000000
            .venv/bin/python benchmarks/media.py frames --frames 200
            .venv/bin/python benchmarks/media.py video --seconds 60
"""

from __future__ import annotations

import argparse
import base64
import io
import itertools
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
from PIL import Image
from skimage import data as samples

from safestream.detect.base import DetectionContext
from safestream.detect.hashing.index import HashIndex, brute_force_search
from safestream.detect.hashing.pdq import pdq_dihedral
from safestream.detect.hashing.video import vpdq_hash_file
from safestream.detect.vision.age import FaceAgeModel
from safestream.detect.vision.decode import decode_image
from safestream.detect.vision.detector import VisionDetector
from safestream.detect.vision.nudity import NudityModel
from safestream.events import Frame
from safestream.pipeline import Pipeline
from safestream.store.db import Store

Match = tuple[int, int]
Reference = Callable[[np.ndarray, int], list[list[Match]]]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def percentile_us(seconds: list[float], pct: int) -> float:
    return statistics.quantiles(seconds, n=100)[pct - 1] * 1e6


def bank_and_queries(
    size: int, queries: int, planted: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Random bank; each planted query has one bank row at a random distance 0..40."""
    bank = rng.integers(0, 256, (size, 32), dtype=np.uint8)
    probe = rng.integers(0, 256, (queries, 32), dtype=np.uint8)
    chosen = rng.choice(queries, min(int(queries * planted), size), replace=False)
    rows = rng.choice(size, len(chosen), replace=False)
    bits = np.unpackbits(probe[chosen], axis=1)
    for line, distance in zip(bits, rng.integers(0, 41, len(chosen)), strict=True):
        line[rng.choice(256, distance, replace=False)] ^= 1
    bank[rows] = np.packbits(bits, axis=1)
    return bank, probe


def faiss_reference(bank: np.ndarray) -> Reference | None:
    try:
        import faiss  # noqa: PLC0415 - optional: only the benchmark's reference uses it
    except ImportError:
        return None
    flat = faiss.IndexBinaryFlat(256)
    flat.add(bank)

    def search(queries: np.ndarray, threshold: int) -> list[list[Match]]:
        # faiss keeps distances strictly below the radius.
        lims, dist, rows = flat.range_search(queries, threshold + 1)
        return [
            sorted(
                zip(rows[lo:hi].tolist(), dist[lo:hi].tolist(), strict=True),
                key=lambda m: (m[1], m[0]),
            )
            for lo, hi in itertools.pairwise(lims)
        ]

    return search


def numpy_reference(bank: np.ndarray) -> Reference:
    def search(queries: np.ndarray, threshold: int) -> list[list[Match]]:
        return [brute_force_search(bank, q, threshold) for q in queries]

    return search


def bench_index(args: argparse.Namespace) -> None:
    rng = np.random.default_rng(args.seed)
    print(f"threshold {args.threshold}; {args.queries} queries ({args.planted:.0%} planted)")
    for size in args.sizes:
        bank, queries = bank_and_queries(size, args.queries, args.planted, rng)
        before = rss_mb()
        start = time.perf_counter()
        index = HashIndex(bank)
        build = time.perf_counter() - start
        grown = rss_mb() - before
        build_peak = max(0.0, peak_rss_mb() - before)
        index.search(queries[0], args.threshold)  # warm the probe plan

        single = []
        found = 0
        cpu = time.process_time()
        for query in queries:
            tick = time.perf_counter()
            found += len(index.search(query, args.threshold))
            single.append(time.perf_counter() - tick)
        single_cpu = time.process_time() - cpu

        batched = []
        cpu = time.process_time()
        for lo in range(0, len(queries), args.batch):
            batch = queries[lo : lo + args.batch]
            tick = time.perf_counter()
            index.search_many(batch, args.threshold)
            batched.extend([(time.perf_counter() - tick) / len(batch)] * len(batch))
        batched_cpu = time.process_time() - cpu

        check = queries[: args.check]
        reference_name = "faiss IndexBinaryFlat"
        reference = None if args.reference == "numpy" else faiss_reference(bank)
        if reference is None:
            reference_name, reference = "numpy scan", numpy_reference(bank)
        tick = time.perf_counter()
        expected = reference(check, args.threshold)
        reference_ms = (time.perf_counter() - tick) / len(check) * 1e3
        exact = index.search_many(check, args.threshold) == expected
        exact = exact and [index.search(q, args.threshold) for q in check] == expected

        print(f"\n== {size:,} hashes: {index.substrings} tables, MIH up to {index.max_threshold}")
        print(f"build           {build:.1f} s (peak RSS +{build_peak:.0f} MB during build)")
        print(f"index memory    {index.nbytes / 1e6:.0f} MB arrays; RSS +{grown:.0f} MB")
        for name, times, cpu in (
            ("single", single, single_cpu),
            (f"batch {args.batch}", batched, batched_cpu),
        ):
            print(
                f"{name:<15} {len(times) / sum(times):,.0f} lookups/s "
                f"({len(times) / cpu:,.0f} per CPU-second); per lookup "
                f"p50 {percentile_us(times, 50):.0f} us, p99 {percentile_us(times, 99):.0f} us"
            )
        print(f"matches         {found} over {len(queries)} queries")
        hits = sum(len(m) for m in expected)
        verdict = "exact" if exact else "MISMATCH"
        print(f"reference       {reference_name}: {reference_ms:.1f} ms/query")
        print(f"exactness       {verdict} on {len(check)} queries ({hits} matches)")
        del index, bank
        if not exact:
            sys.exit(1)


def add_index_section(sections: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sections.add_parser("index", help="exact PDQ hash index (multi-index hashing)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--planted", type=float, default=0.5, help="share of queries planted")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--check", type=int, default=100, help="queries checked for exactness")
    parser.add_argument("--threshold", type=int, default=31)
    parser.add_argument("--reference", choices=["faiss", "numpy"], default="faiss")
    parser.add_argument("--seed", type=int, default=7)
    parser.set_defaults(run=bench_index)


def photos(count: int) -> list[bytes]:
    """Benign photos resized to 640×480, as JPEG bytes, cycled to ``count``."""

    sources = [
        samples.astronaut(),
        samples.coffee(),
        samples.chelsea(),
        samples.rocket(),
        samples.camera(),
    ]
    encoded = []
    for array in sources:
        out = io.BytesIO()
        Image.fromarray(array).convert("RGB").resize((640, 480)).save(out, "JPEG", quality=85)
        encoded.append(out.getvalue())
    return [encoded[i % len(encoded)] for i in range(count)]


def bench_frames(args: argparse.Namespace) -> None:

    jpegs = photos(args.frames)
    nudity, faces = NudityModel(threads=1), FaceAgeModel()  # as VisionDetector runs them
    start = time.perf_counter()
    nudity.load()
    faces.load()
    print(f"models loaded in {time.perf_counter() - start:.2f} s; RSS {rss_mb():.0f} MB")
    stages: dict[str, list[float]] = {"decode": [], "pdq x8": [], "nudity": [], "face+age": []}
    begin = time.perf_counter()
    for data in jpegs:
        t0 = time.perf_counter()
        rgb = decode_image(data)
        t1 = time.perf_counter()
        pdq_dihedral(rgb)
        t2 = time.perf_counter()
        nudity.score(rgb)
        t3 = time.perf_counter()
        faces.faces(rgb)
        t4 = time.perf_counter()
        for name, spent in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            stages[name].append(spent)
    whole = time.perf_counter() - begin
    print(f"{'stage (640x480)':16} {'p50 ms':>8} {'p99 ms':>8}")
    for name, spent in stages.items():
        p50, p99 = statistics.median(spent) * 1e3, percentile_us(spent, 99) / 1e3
        print(f"{name:16} {p50:8.1f} {p99:8.1f}")
    print(f"stages one after another: {len(jpegs) / whole:.1f} frames/s")
    vision = VisionDetector(nudity, faces)
    context = DetectionContext("live-1", "stream")
    begin = time.perf_counter()
    for i, data in enumerate(jpegs):
        rgb = decode_image(data)
        pdq_dihedral(rgb)
        event = Frame(
            type="frame", id=f"f{i}", ts=datetime.now(UTC), stream_id="live-1", pdq="0" * 64
        )
        vision.detect(event, replace(context, frame=rgb))
    whole = time.perf_counter() - begin
    print(
        f"FULL FRAME STACK (decode, PDQ x8, VisionDetector: nudity beside face/age): "
        f"{len(jpegs) / whole:.1f} frames/s"
    )
    bench_frame_pipeline(jpegs)
    print(f"peak RSS {peak_rss_mb():.0f} MB")


def bench_frame_pipeline(jpegs: list[bytes]) -> None:

    start_ts = datetime(2026, 1, 1, tzinfo=UTC)
    events = [
        {
            "type": "frame",
            "id": f"f{i}",
            "ts": (start_ts + timedelta(seconds=i)).isoformat(),
            "stream_id": f"live-{i % 10}",
            "image": base64.b64encode(data).decode(),
        }
        for i, data in enumerate(jpegs)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        pipeline = Pipeline(store)
        begin = time.perf_counter()
        for i in range(0, len(events), 50):
            pipeline.submit(events[i : i + 50])
            for _ in pipeline.drain():
                pass
        whole = time.perf_counter() - begin
        store.close()
    print(
        f"THROUGH THE PIPELINE (all registered detectors, SQLite, chunks of 50): "
        f"{len(events) / whole:.1f} frames/s"
    )


def bench_video(args: argparse.Namespace) -> None:

    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/clip.mp4"
        source = f"testsrc2=size=640x480:rate=25:duration={args.seconds}"
        subprocess.run(
            [
                "ffmpeg",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                source,
                "-pix_fmt",
                "yuv420p",
                "-c:v",
                "libx264",
                path,
            ],
            check=True,
        )
        begin = time.perf_counter()
        video = vpdq_hash_file(path)
        spent = time.perf_counter() - begin
    print(
        f"vPDQ: {len(video.frames)} frame hashes from {args.seconds} s of 640x480 video in "
        f"{spent:.2f} s = {spent * 60 / args.seconds:.2f} s per minute of video"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sections = parser.add_subparsers(required=True, metavar="section")
    add_index_section(sections)
    frames = sections.add_parser("frames", help="decode + PDQ + nudity + face/age at 640x480")
    frames.add_argument("--frames", type=int, default=200)
    frames.set_defaults(run=bench_frames)
    video = sections.add_parser("video", help="vPDQ seconds per minute of video")
    video.add_argument("--seconds", type=int, default=60)
    video.set_defaults(run=bench_video)
    args = parser.parse_args()
    print("reproduce: .venv/bin/python benchmarks/media.py " + " ".join(sys.argv[1:]))
    args.run(args)


if __name__ == "__main__":
    main()
