"""Pipeline throughput and latency: ingest + detect + risk + policy + persist.

Generates synthetic live-stream traffic: children's streams (declared ages 9-17), most of
them ordinary; in a few "targeted" streams (default 5 %) strangers probe, isolate, make
requests and threaten, so that the detectors, the risk state and the policy's actions (cases,
evidence, outbox) all do real work. It replays the traffic through the same Pipeline that
``safestream scan`` and the API use, in chunks the way the service batches, on a throwaway
SQLite store (or ``--db URL``), and prints events/s, the per-event latency from a chunk's
arrival to its durable commit (p50/p99), and peak memory.

Reproduce:  .venv/bin/python benchmarks/pipeline.py --events 100000
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from safestream.pipeline import Pipeline
from safestream.store.db import Store
from safestream.store.models import ActionRow, CaseRow

BENIGN = [
    "hi everyone!!",
    "what are you drawing today",
    "that looks so cool",
    "lol same",
    "can you play the song from last time",
    "my cat is sleeping on my keyboard",
    "how old is your dog",
    "good luck on your test tomorrow",
    "gg that was a close one",
    "what game is this",
    "i just got home from school",
    "my parents said i can stay up late",
    "point the camera at your drawing pls",
    "keep the surprise a secret from your sister",
    "you are so good at this",
    "brb dinner",
    "first time here, hello",
    "love the colours",
    "who else is watching from spain",
    "can u say hi to me",
    "omg the dog is so cute",
]
RISKY = [
    "how old are u",
    "are you home alone rn",
    "dont tell your parents about me",
    "add me on snap its better there",
    "100 likes if you do a dare",
    "take your hoodie off",
    "go to the bathroom and lock the door",
    "send me a pic of you",
    "i recorded you and will send it to your school unless you do what i say",
]


def generate(
    n_events: int,
    n_streams: int,
    targeted_share: float = 0.05,
    risky_share: float = 0.15,
    seed: int = 7,
) -> Iterator[dict[str, Any]]:
    """Profiles and stream starts, then chat spread over the streams.

    In targeted streams ``risky_share`` of the messages are risky, sent by three offender
    accounts per stream; elsewhere none are.
    """
    rng = random.Random(seed)
    t = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    targeted = set(rng.sample(range(n_streams), max(1, int(n_streams * targeted_share))))
    for s in range(n_streams):
        yield {
            "type": "account.profile",
            "id": f"p-{s}",
            "ts": t.isoformat(),
            "account_id": f"kid-{s}",
            "declared_age": rng.randint(9, 17),
            "created_at": "2025-01-01T00:00:00Z",
        }
        yield {
            "type": "stream.start",
            "id": f"s-{s}",
            "ts": t.isoformat(),
            "stream_id": f"live-{s}",
            "account_id": f"kid-{s}",
        }
    for i in range(n_events - 2 * n_streams):
        t += timedelta(milliseconds=50)
        s = rng.randrange(n_streams)
        risky = s in targeted and rng.random() < risky_share
        text = rng.choice(RISKY) if risky else rng.choice(BENIGN)
        sender = f"offender-{s}-{rng.randrange(3)}" if risky else f"viewer-{rng.randrange(5000)}"
        yield {
            "type": "chat.message",
            "id": f"m-{i}",
            "ts": t.isoformat(),
            "stream_id": f"live-{s}",
            "sender_id": sender,
            "text": text,
        }


def run(n_events: int, n_streams: int, chunk: int, db_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(db_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        pipeline = Pipeline(store)
        events = list(generate(n_events, n_streams))
        latencies: list[float] = []
        signals = 0
        started = time.perf_counter()
        for start in range(0, len(events), chunk):
            part = events[start : start + chunk]
            arrived = time.perf_counter()
            pipeline.submit(part)
            done = list(pipeline.drain(chunk))
            committed = time.perf_counter()
            latencies.extend([committed - arrived] * len(done))
            signals += sum(len(p.signals) for p in done)
        elapsed = time.perf_counter() - started
        with store.session() as session:
            actions = session.scalar(select(func.count()).select_from(ActionRow))
            cases = session.scalar(select(func.count()).select_from(CaseRow))
        store.close()
    q = statistics.quantiles(latencies, n=100)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store           {db_url or 'sqlite (temporary file, WAL, synchronous=FULL)'}")
    print(f"events          {len(latencies):,} ({n_streams} streams, chunk {chunk})")
    print(f"signals         {signals:,}; actions {actions:,}; cases {cases:,}")
    print(f"elapsed         {elapsed:.2f} s")
    print(f"throughput      {len(latencies) / elapsed:,.0f} events/s")
    print(f"latency p50     {q[49] * 1000:.1f} ms (chunk arrival to durable commit)")
    print(f"latency p99     {q[98] * 1000:.1f} ms")
    print(f"peak RSS        {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--db", default=None, help="store URL (default: temporary SQLite)")
    args = parser.parse_args()
    run(args.events, args.streams, args.chunk, args.db)


if __name__ == "__main__":
    main()
