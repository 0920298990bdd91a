"""The hash index must give exactly the brute-force answer, at and around the threshold."""

from __future__ import annotations

import numpy as np
import pytest

from safestream.detect.hashing.index import (
    HashIndex,
    HashIndexError,
    brute_force_search,
    substring_count,
)

SEED = 20240604
PLANTED_DISTANCES = range(41)


def flip_bits(hash_: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """A copy of ``hash_`` at Hamming distance exactly ``count``."""
    bits = np.unpackbits(hash_)
    bits[rng.choice(bits.size, count, replace=False)] ^= 1
    return np.packbits(bits)


def naive_matches(hashes: np.ndarray, query: np.ndarray, threshold: int) -> list[tuple[int, int]]:
    """The definition, independent of the module: bit-by-bit distances, sorted in Python."""
    dist = (np.unpackbits(hashes, axis=1) != np.unpackbits(query)).sum(axis=1)
    return sorted(
        ((int(r), int(dist[r])) for r in np.flatnonzero(dist <= threshold)),
        key=lambda m: (m[1], m[0]),
    )


@pytest.fixture(scope="module")
def bank() -> tuple[np.ndarray, np.ndarray]:
    """Random hashes plus, around each query, neighbours at every distance 0..40 and a twin."""
    rng = np.random.default_rng(SEED)
    queries = rng.integers(0, 256, (40, 32), dtype=np.uint8)
    planted = [flip_bits(q, d, rng) for q in queries for d in PLANTED_DISTANCES]
    twins = planted[:: len(PLANTED_DISTANCES) // 2]
    noise = rng.integers(0, 256, (3000, 32), dtype=np.uint8)
    hashes = np.concatenate([noise, np.array(planted), np.array(twins)])
    return hashes[rng.permutation(len(hashes))], queries


@pytest.mark.parametrize("threshold", [0, 1, 10, 30, 31, 32, 40])
def test_search_equals_brute_force(bank: tuple[np.ndarray, np.ndarray], threshold: int) -> None:
    hashes, queries = bank
    index = HashIndex(hashes)
    expected = [brute_force_search(hashes, q, threshold) for q in queries]
    assert [index.search(q, threshold) for q in queries] == expected
    assert index.search_many(queries, threshold) == expected
    assert sum(len(m) for m in expected) >= len(queries) * (min(threshold, 40) + 1)


@pytest.mark.parametrize("threshold", [0, 31, 40, 255, 256])
def test_brute_force_is_the_definition(bank: tuple[np.ndarray, np.ndarray], threshold: int) -> None:
    hashes, queries = bank
    for query in [*queries[:5], ~hashes[0]]:
        assert brute_force_search(hashes, query, threshold) == naive_matches(
            hashes, query, threshold
        )


@pytest.mark.parametrize("substrings", [22, 32, 42])
def test_table_count_does_not_change_answers(
    bank: tuple[np.ndarray, np.ndarray], substrings: int
) -> None:
    hashes, queries = bank
    index = HashIndex(hashes, substrings=substrings)
    assert index.substrings == substrings
    assert index.search_many(queries) == [brute_force_search(hashes, q, 31) for q in queries]


def test_thresholds_above_the_probe_limit_scan_exactly(
    bank: tuple[np.ndarray, np.ndarray],
) -> None:
    hashes, queries = bank
    index = HashIndex(hashes, substrings=32)
    limit = index.max_threshold
    for threshold in (limit, limit + 1, 200):
        expected = [brute_force_search(hashes, q, threshold) for q in queries[:3]]
        assert index.search_many(queries[:3], threshold) == expected
    everything = index.search(queries[0], 256)
    assert sorted(row for row, _ in everything) == list(range(len(hashes)))


def test_brute_force_orders_by_distance_then_row() -> None:
    rng = np.random.default_rng(SEED)
    query = rng.integers(0, 256, 32, dtype=np.uint8)
    hashes = np.array([flip_bits(query, 3, rng), query, flip_bits(query, 1, rng), query])
    assert [row for row, _ in brute_force_search(hashes, query, 5)] == [1, 3, 2, 0]
    assert [dist for _, dist in brute_force_search(hashes, query, 5)] == [0, 0, 1, 3]


def test_duplicate_hashes_are_each_returned_once() -> None:
    rng = np.random.default_rng(SEED)
    hashes = np.repeat(rng.integers(0, 256, (1, 32), dtype=np.uint8), 300, axis=0)
    index = HashIndex(hashes)
    assert index.search(hashes[0], 0) == [(row, 0) for row in range(300)]
    assert index.search(flip_bits(hashes[0], 31, rng)) == [(row, 31) for row in range(300)]


def test_complement_is_at_distance_256() -> None:
    rng = np.random.default_rng(SEED)
    hashes = rng.integers(0, 256, (50, 32), dtype=np.uint8)
    index = HashIndex(hashes)
    assert index.search(~hashes[7], 256)[-1] == (7, 256)
    assert index.search(~hashes[7], 255) == brute_force_search(hashes, ~hashes[7], 255)


def test_empty_index_finds_nothing() -> None:
    index = HashIndex(np.empty((0, 32), dtype=np.uint8))
    query = bytes(32)
    assert len(index) == 0
    assert index.search(query) == []
    assert index.search(query, 256) == []
    assert index.search_many(np.zeros((3, 32), dtype=np.uint8)) == [[], [], []]


def test_no_queries_give_no_answers(bank: tuple[np.ndarray, np.ndarray]) -> None:
    assert HashIndex(bank[0]).search_many(np.empty((0, 32), dtype=np.uint8)) == []


def test_from_hex_matches_bytes(bank: tuple[np.ndarray, np.ndarray]) -> None:
    hashes, queries = bank
    index = HashIndex.from_hex([h.tobytes().hex() for h in hashes[:500]])
    assert len(index) == 500
    assert index.search(queries[0].tobytes()) == brute_force_search(hashes[:500], queries[0], 31)
    assert [index.hash_at(row) for row in (0, 499)] == [hashes[0].tobytes(), hashes[499].tobytes()]


def test_bytes_and_array_queries_agree(bank: tuple[np.ndarray, np.ndarray]) -> None:
    index = HashIndex(bank[0])
    query = bank[1][5]
    assert index.search(query.tobytes()) == index.search(query) != []


def test_table_count_follows_bank_size() -> None:
    assert substring_count(10_000_000) == 11
    assert substring_count(1_000_000) == 13
    assert substring_count(0) == substring_count(100) == 32


@pytest.mark.parametrize(
    ("hashes", "message"),
    [
        ([[0] * 32], "numpy array"),
        (np.zeros((2, 32), dtype=np.int64), "dtype uint8"),
        (np.zeros((2, 31), dtype=np.uint8), "shape"),
        (np.zeros(32, dtype=np.uint8), "shape"),
    ],
)
def test_bad_hashes_are_rejected(hashes: object, message: str) -> None:
    with pytest.raises(HashIndexError, match=message):
        HashIndex(hashes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (bytes(31), "32 bytes"),
        (np.zeros((1, 32), dtype=np.uint8), "shape"),
        (np.zeros(31, dtype=np.uint8), "shape"),
        (np.zeros(32, dtype=np.float32), "dtype uint8"),
        ("00" * 32, "bytes or a numpy array"),
    ],
)
def test_bad_queries_are_rejected(query: object, message: str) -> None:
    index = HashIndex(np.zeros((4, 32), dtype=np.uint8))
    with pytest.raises(HashIndexError, match=message):
        index.search(query)  # type: ignore[arg-type]
    with pytest.raises(HashIndexError, match=message):
        brute_force_search(np.zeros((4, 32), dtype=np.uint8), query, 31)  # type: ignore[arg-type]


@pytest.mark.parametrize(("threshold", "message"), [(-1, "0..256"), (257, "0..256"), (3.0, "int")])
def test_bad_thresholds_are_rejected(threshold: object, message: str) -> None:
    index = HashIndex(np.zeros((4, 32), dtype=np.uint8))
    with pytest.raises(HashIndexError, match=message):
        index.search(bytes(32), threshold)  # type: ignore[arg-type]
    with pytest.raises(HashIndexError, match=message):
        index.search_many(np.zeros((1, 32), dtype=np.uint8), threshold)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hexes", "message"), [(["zz" * 32], "not hexadecimal"), (["00"], "1 bytes")]
)
def test_bad_hex_is_rejected(hexes: list[str], message: str) -> None:
    with pytest.raises(HashIndexError, match=message):
        HashIndex.from_hex(hexes)


@pytest.mark.parametrize("substrings", [0, 3, 43])
def test_bad_table_counts_are_rejected(substrings: int) -> None:
    with pytest.raises(HashIndexError, match="substrings"):
        HashIndex(np.zeros((4, 32), dtype=np.uint8), substrings=substrings)
