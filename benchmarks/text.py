"""The whole text stack and each tier of its cascade, per message, on this machine.

The headline is the stack the pipeline runs (``TextDetector``: one ``prefetch`` per chunk that
embeds the chunk's messages, then ``detect`` per message with patterns, history, speaker
weighting and look-alike rules): messages/s, per-message cost p50/p99 and chunk latency p99.
Traffic: distinct chat lines made from the semantic tier's own banks (everyday chat, hard
negatives and positives, single or two joined) plus a share of pure chatter ("lol", emoji)
as live chat has it. Measures, in microseconds per message: the rule tier
(``TextIndicatorDetector.detect``), the cascade gate, the semantic tier one message at a time
(``SemanticTextDetector.detect``), and the semantic tier batched (``detect_batch``), with the
share of messages the gate sends on and batched messages/s.

Reproduce:  .venv/bin/python benchmarks/text.py --messages 20000 --batch 512
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime

from safestream.detect.base import DetectionContext
from safestream.detect.text import TextIndicatorDetector
from safestream.detect.text.cascade import TextDetector
from safestream.detect.text.semantic import SemanticTextDetector, load_model, worth_scoring
from safestream.detect.text.semantic.exemplars import load_banks
from safestream.events import ChatMessage

CHATTER = ["lol", "gg", "😂😂😂", "hi!!", "first", "❤️❤️", "lmao", "ok", "W", "888", "hahaha"]


def traffic(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = list(load_banks().texts)
    out: set[str] = set()
    while len(out) < count:
        roll = rng.random()
        if roll < 0.2:
            out.add(f"{rng.choice(CHATTER)} {rng.randrange(10_000)}")
        elif roll < 0.6:
            out.add(f"{rng.choice(texts)} {rng.choice(CHATTER)}")
        else:
            out.add(f"{rng.choice(texts)}. {rng.choice(texts)}")
    messages = sorted(out)
    rng.shuffle(messages)
    return messages


def chat(i: int, text: str) -> ChatMessage:
    return ChatMessage(
        type="chat.message",
        id=f"m{i}",
        ts=datetime(2026, 1, 1, tzinfo=UTC),
        conversation_id="c",
        sender_id="s",
        text=text,
    )


def per_message_us(fn: object, items: list[ChatMessage]) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1e6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    events = [chat(i, t) for i, t in enumerate(traffic(args.messages, args.seed))]
    ctx = DetectionContext("c", "conversation")
    rules = TextIndicatorDetector()
    semantic = SemanticTextDetector()
    start = time.perf_counter()
    model = load_model()
    print(f"artefact {model.version} loaded in {time.perf_counter() - start:.2f} s")
    for e in events[:200]:  # warm caches of both tiers
        rules.detect(e, ctx)
        semantic.detect(e, ctx)

    rule_us = per_message_us(lambda e: rules.detect(e, ctx), events)
    norm_us = per_message_us(
        lambda e: worth_scoring(model.embedder.normalize(e.text).tokens), events
    )
    passed = sum(worth_scoring(model.embedder.normalize(e.text).tokens) for e in events)
    single_us = per_message_us(lambda e: semantic.detect(e, ctx), events[:3000])

    start = time.perf_counter()
    for i in range(0, len(events), args.batch):
        semantic.detect_batch(events[i : i + args.batch])
    batched = time.perf_counter() - start
    start = time.perf_counter()
    texts = [e.text for e in events]
    for i in range(0, len(texts), args.batch):
        model.score_texts(texts[i : i + args.batch])
    scored = time.perf_counter() - start

    stack = TextDetector()
    stack_us: list[float] = []
    chunk_ms: list[float] = []
    begin = time.perf_counter()
    for i in range(0, len(events), args.batch):
        chunk = events[i : i + args.batch]
        start = time.perf_counter()
        stack.prefetch(chunk)
        shared = (time.perf_counter() - start) * 1e6 / len(chunk)
        for e in chunk:
            one = time.perf_counter()
            stack.detect(e, ctx)
            stack_us.append(shared + (time.perf_counter() - one) * 1e6)
        chunk_ms.append((time.perf_counter() - start) * 1e3)
    whole = time.perf_counter() - begin

    def line(name: str, us: list[float]) -> str:
        p99 = statistics.quantiles(us, n=100)[98]
        return f"{name:38} {statistics.mean(us):8.1f} {statistics.median(us):8.1f} {p99:8.1f}"

    n = len(events)
    print(
        f"WHOLE TEXT STACK (TextDetector, chunks of {args.batch}): {n / whole:,.0f} messages/s; "
        f"per message p50 {statistics.median(stack_us):.1f} µs, "
        f"p99 {statistics.quantiles(stack_us, n=100)[98]:.1f} µs (its share of the chunk's "
        f"embedding pass included); chunk latency p99 "
        f"{statistics.quantiles(chunk_ms, n=100)[98]:.1f} ms"
    )
    share = passed / len(events)
    print(f"{len(events)} distinct messages; gate sends {share:.0%} to the semantic tier")
    print(f"{'tier (µs per message)':38} {'mean':>8} {'p50':>8} {'p99':>8}")
    print(line("rule tier: TextIndicatorDetector", rule_us))
    print(line("gate: normalise + worth_scoring", norm_us))
    print(line("semantic tier, one message per call", single_us))
    print(
        f"semantic tier batched ({args.batch}): {1e6 * batched / n:.1f} µs/message, "
        f"{n / batched:,.0f} messages/s (detect_batch, gate + signals + evidence)"
    )
    print(
        f"semantic scores only, batched: {1e6 * scored / n:.1f} µs/message, "
        f"{n / scored:,.0f} messages/s (score_texts, every message, no gate)"
    )


if __name__ == "__main__":
    main()
