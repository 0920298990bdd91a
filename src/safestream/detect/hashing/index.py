"""Exact Hamming-distance search of 256-bit PDQ hashes by multi-index hashing.

A frame matches a bank hash when their Hamming distance is at most a threshold (31 by default).
A full scan of a 10-million-hash bank costs hundreds of milliseconds per frame, far too slow for
live streams, so the index uses multi-index hashing (Norouzi, Punjani and Fleet, "Fast Exact
Search in Hamming Space with Multi-Index Hashing", 2014): the 256 bits are cut into ``m``
disjoint substrings, each substring keys a table of buckets, and by the pigeonhole principle
every hash within ``threshold = q*m + a`` (``0 <= a < m``) of the query lies within ``q`` of it
in one of the first ``a + 1`` substrings or within ``q - 1`` in one of the others. Probing
those buckets yields a candidate set that contains every true match; the candidates are then
checked against the full hashes, so the answer is exactly the brute-force answer.

Probe lists grow as ``bits ** radius``, so radii stop at :data:`MAX_PROBE_RADIUS`: above
:attr:`HashIndex.max_threshold` (43 for 10 million hashes, far past PDQ's useful thresholds)
the index scans every hash instead, still exactly but hundreds of times slower.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import combinations, pairwise

import numpy as np
import numpy.typing as npt

HASH_BYTES = 32
HASH_BITS = 256
DEFAULT_THRESHOLD = 31
MAX_PROBE_RADIUS = 3
"""Largest Hamming radius probed in one substring table; sets :attr:`HashIndex.max_threshold`."""

_MIN_SUBSTRING_BITS = 8
_SPARE_SUBSTRING_BITS = 2
"""Substrings may be this many bits wider than log2(size): more would make empty buckets, each
of which costs memory, outnumber the hashes."""
_BLOCK_SHIFT = 6
"""Bucket offsets are a full offset per block of 64 buckets (a few MB, mostly in cache) plus a
one-byte offset per bucket within its block (two bytes if some block holds 256 or more)."""
_PROBES_PER_BATCH = 1 << 16
"""Queries are probed in batches of about this many probes: small enough that the temporary
arrays stay in cache, large enough to spread numpy's per-call cost over many queries."""
_SCAN_ROWS = 1 << 18
_WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
"""Threads for batched searches: the CPUs this process may run on."""
_MIN_QUERIES_PER_WORKER = 16

Match = tuple[int, int]
Words = npt.NDArray[np.uint64]
IntArray = npt.NDArray[np.integer]


class HashIndexError(ValueError):
    """Hashes, queries or a threshold that the index cannot take, with what is wrong."""


def _as_words(hashes: object, what: str) -> Words:
    """Validate an ``(n, 32)`` uint8 hash matrix and view it as four 64-bit words per hash."""
    if not isinstance(hashes, np.ndarray):
        raise HashIndexError(f"{what} must be a numpy array, got {type(hashes).__name__}")
    if hashes.dtype != np.uint8:
        raise HashIndexError(f"{what} must have dtype uint8, got {hashes.dtype}")
    if hashes.ndim != 2 or hashes.shape[1] != HASH_BYTES:
        raise HashIndexError(f"{what} must have shape (n, {HASH_BYTES}), got {hashes.shape}")
    return np.ascontiguousarray(hashes).view(np.uint64)


def _as_query(query: object) -> Words:
    """Validate one query (32 bytes, or a ``(32,)`` uint8 array) as a ``(1, 4)`` word matrix."""
    if isinstance(query, bytes | bytearray):
        if len(query) != HASH_BYTES:
            raise HashIndexError(f"query must be {HASH_BYTES} bytes, got {len(query)}")
        return np.frombuffer(bytes(query), dtype=np.uint64).reshape(1, -1)
    if isinstance(query, np.ndarray):
        if query.shape != (HASH_BYTES,):
            raise HashIndexError(f"query must have shape ({HASH_BYTES},), got {query.shape}")
        return _as_words(query.reshape(1, -1), "query")
    raise HashIndexError(f"query must be bytes or a numpy array, got {type(query).__name__}")


def _check_threshold(threshold: object) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer):
        raise HashIndexError(f"threshold must be an int, got {type(threshold).__name__}")
    if not 0 <= threshold <= HASH_BITS:
        raise HashIndexError(f"threshold must be in 0..{HASH_BITS}, got {threshold}")
    return int(threshold)


def _distances(words: Words, queries: Words) -> npt.NDArray[np.uint32]:
    """Hamming distance of each row of ``words`` to the matching row of ``queries``."""
    differ = words ^ queries
    # The four per-word counts (at most 64 each) are the bytes of one uint32; multiplying by
    # 0x01010101 sums them into the top byte, which reads 0 for a distance of 256.
    counts = np.bitwise_count(differ).view(np.uint32).ravel()
    dist: npt.NDArray[np.uint32] = (counts * np.uint32(0x01010101)) >> np.uint32(24)
    (wrapped,) = (dist == 0).nonzero()
    dist[wrapped[differ[wrapped, 0] != 0]] = HASH_BITS
    return dist


def _grouped(
    query_rows: IntArray, rows: IntArray, dist: IntArray, n_queries: int
) -> list[list[Match]]:
    """Per query, its ``(row, distance)`` matches sorted by distance then row, each once."""
    order = np.lexsort((rows, dist, query_rows))
    query_rows, rows, dist = query_rows[order], rows[order], dist[order]
    # Probing finds a hash once per substring near the query's; the copies are now adjacent.
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (query_rows[1:] != query_rows[:-1])
    query_rows, rows, dist = query_rows[first], rows[first], dist[first]
    bounds = np.searchsorted(query_rows, np.arange(n_queries + 1))
    pairs = list(zip(rows.tolist(), dist.tolist(), strict=True))
    return [pairs[lo:hi] for lo, hi in pairwise(bounds)]


def _scan(words: Words, queries: Words, threshold: int) -> list[list[Match]]:
    """Exact search by comparing every query with every hash, in slices that bound memory."""
    found: list[tuple[IntArray, IntArray, IntArray]] = []
    for q, query in enumerate(queries):
        for start in range(0, len(words), _SCAN_ROWS):
            dist = _distances(words[start : start + _SCAN_ROWS], query)
            hits = np.flatnonzero(dist <= threshold)
            found.append((np.full(len(hits), q), hits + start, dist[hits]))
    if not found:
        return [[] for _ in queries]
    query_rows, rows, dist = (np.concatenate(parts) for parts in zip(*found, strict=True))
    return _grouped(query_rows, rows, dist, len(queries))


def brute_force_search(
    hashes: np.ndarray, query: bytes | np.ndarray, threshold: int = DEFAULT_THRESHOLD
) -> list[Match]:
    """Rows of ``hashes`` within ``threshold`` of ``query`` by a full scan: the reference."""
    return _scan(_as_words(hashes, "hashes"), _as_query(query), _check_threshold(threshold))[0]


def substring_count(size: int) -> int:
    """Tables for a bank of ``size`` hashes: substrings of about log2(size) bits each.

    That width leaves about one hash per bucket, which balances bucket probes against
    candidates to check (Norouzi et al., section 4); at 10 million hashes it gives 11 tables
    of 23-24 bits, measured faster than 12 or 13.
    """
    bits = max(math.log2(max(size, 2)), _MIN_SUBSTRING_BITS)
    return min(round(HASH_BITS / bits), HASH_BITS // _MIN_SUBSTRING_BITS)


def _widest_substring(size: int) -> int:
    return max(math.ceil(math.log2(max(size, 2))), _MIN_SUBSTRING_BITS) + _SPARE_SUBSTRING_BITS


@cache
def _flip_masks(bits: int, radius: int) -> npt.NDArray[np.int64]:
    """Every XOR mask of ``bits`` bits with at most ``radius`` bits set (none if negative)."""
    masks = [
        sum(1 << bit for bit in flips)
        for r in range(radius + 1)
        for flips in combinations(range(bits), r)
    ]
    return np.array(masks, dtype=np.int64)


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="hash-index")


@dataclass(frozen=True, slots=True)
class _Probes:
    """The probes of one threshold: table, XOR mask and the table's first bucket, per probe."""

    tables: npt.NDArray[np.intp]
    masks: npt.NDArray[np.int64]
    bases: npt.NDArray[np.int64]


class HashIndex:
    """Rows of a hash bank within a Hamming threshold of a query, exactly and fast.

    Memory is the hashes (32 bytes each), one uint32 row id per hash per table, and about one
    byte per bucket (``2**bits`` buckets per table): with the default table count a bank of 10
    million hashes takes 0.89 GB. Row ids are the rows of ``hashes``.
    """

    def __init__(self, hashes: np.ndarray, *, substrings: int | None = None) -> None:
        """Index ``hashes``, an ``(n, 32)`` uint8 matrix (copied); ``substrings`` overrides the
        table count that :func:`substring_count` picks, for tuning."""
        self._words: Words = _as_words(hashes, "hashes").copy()
        if len(self._words) >= 1 << 32:
            raise HashIndexError(f"at most 2**32 - 1 hashes fit, got {len(self._words)}")
        count = substring_count(len(self._words)) if substrings is None else substrings
        fewest = math.ceil(HASH_BITS / _widest_substring(len(self._words)))
        if not fewest <= count <= HASH_BITS // _BLOCK_SHIFT:
            raise HashIndexError(
                f"substrings must be in {fewest}..{HASH_BITS // _BLOCK_SHIFT}"
                f" for {len(self._words)} hashes, got {count}"
            )
        base, longer = divmod(HASH_BITS, count)
        # Longest substrings first: they take the larger probe radius and have fuller buckets.
        self._widths = [base + 1] * longer + [base] * (count - longer)
        self._bucket_base = np.cumsum([0] + [1 << w for w in self._widths])
        starts = np.cumsum([0, *self._widths[:-1]])
        self._low_word, low_shift = np.divmod(starts, 64)
        single_word = low_shift + self._widths <= 64
        self._high_word = np.where(single_word, self._low_word, self._low_word + 1)
        self._low_shift = low_shift.astype(np.uint64)
        self._high_shift = np.where(single_word, 64, 64 - low_shift).astype(np.uint64)
        self._key_mask = (np.uint64(1) << np.array(self._widths, np.uint64)) - np.uint64(1)
        self._build()
        self._plans: dict[int, _Probes] = {}

    @classmethod
    def from_hex(cls, hexes: Sequence[str]) -> HashIndex:
        """Index hashes given as 64-character hexadecimal strings (PDQ's usual text form)."""
        raw = bytearray()
        for i, text in enumerate(hexes):
            try:
                value = bytes.fromhex(text)
            except (TypeError, ValueError):
                raise HashIndexError(f"hash {i} is not hexadecimal: {text!r}") from None
            if len(value) != HASH_BYTES:
                raise HashIndexError(f"hash {i} has {len(value)} bytes, expected {HASH_BYTES}")
            raw += value
        return cls(np.frombuffer(bytes(raw), dtype=np.uint8).reshape(-1, HASH_BYTES))

    def __len__(self) -> int:
        return len(self._words)

    def hash_at(self, row: int) -> bytes:
        """The 32 bytes of hash ``row``, so callers need not keep their own copy."""
        return bytes(self._words[row].tobytes())

    @property
    def substrings(self) -> int:
        """Number of substring tables."""
        return len(self._widths)

    @property
    def max_threshold(self) -> int:
        """Largest threshold answered by probing; larger ones scan every hash."""
        return (MAX_PROBE_RADIUS + 1) * len(self._widths) - 1

    @property
    def nbytes(self) -> int:
        """Bytes held by the index's arrays."""
        return self._words.nbytes + self._ids.nbytes + self._block.nbytes + self._local.nbytes

    def search(self, query: bytes | np.ndarray, threshold: int = DEFAULT_THRESHOLD) -> list[Match]:
        """``(row, distance)`` of every hash within ``threshold`` of ``query``, nearest first."""
        return self._search(_as_query(query), _check_threshold(threshold))[0]

    def search_many(
        self, queries: np.ndarray, threshold: int = DEFAULT_THRESHOLD
    ) -> list[list[Match]]:
        """:meth:`search` for each row of an ``(n, 32)`` uint8 matrix, batched."""
        return self._search(_as_words(queries, "queries"), _check_threshold(threshold))

    def _search(self, queries: Words, threshold: int) -> list[list[Match]]:
        if threshold > self.max_threshold:
            return _scan(self._words, queries, threshold)
        probes = self._probes(threshold)
        # Batches bound temporary memory and give each core a share; numpy frees the GIL.
        workers = max(1, min(_WORKERS, len(queries) // _MIN_QUERIES_PER_WORKER))
        most = max(1, _PROBES_PER_BATCH // max(len(probes.masks), 1))
        step = max(1, min(most, math.ceil(len(queries) / workers)))
        batches = [queries[start : start + step] for start in range(0, len(queries), step)]
        if workers > 1:
            answers = list(
                _pool().map(lambda batch: self._probe(batch, threshold, probes), batches)
            )
        else:
            answers = [self._probe(batch, threshold, probes) for batch in batches]
        return [matches for answer in answers for matches in answer]

    def _probe(self, queries: Words, threshold: int, probes: _Probes) -> list[list[Match]]:
        """Gather the buckets near each query's substrings and keep the true matches."""
        # ndarray methods rather than np.* functions: a single lookup makes ~60 numpy calls.
        buckets = (self._keys(queries).take(probes.tables, axis=1) ^ probes.masks) + probes.bases
        starts = self._offset(buckets).ravel()
        lengths = (self._offset(buckets + 1).ravel() - starts).astype(np.intp)
        ends = lengths.cumsum()
        query_rows = np.arange(len(queries)).repeat(lengths.reshape(len(queries), -1).sum(axis=1))
        slots = (starts - ends + lengths).repeat(lengths) + np.arange(len(query_rows))
        rows = self._ids.take(slots).astype(np.intp)
        dist = _distances(self._words.take(rows, axis=0), queries.take(query_rows, axis=0))
        (keep,) = (dist <= threshold).nonzero()
        return _grouped(query_rows[keep], rows[keep], dist[keep], len(queries))

    def _offset(self, buckets: npt.NDArray[np.int64]) -> npt.NDArray[np.unsignedinteger]:
        """Where each bucket's row ids start in ``_ids``."""
        block = self._block.take(buckets >> _BLOCK_SHIFT)
        starts: npt.NDArray[np.unsignedinteger] = block + self._local.take(buckets)
        return starts

    def _probes(self, threshold: int) -> _Probes:
        """Every bucket probe for ``threshold``: radius ``q`` in the first ``a + 1`` tables and
        ``q - 1`` in the rest, where ``threshold = q*m + a``; a hash within ``threshold`` of
        the query is within those radii in at least one table (pigeonhole)."""
        if threshold not in self._plans:
            q, a = divmod(threshold, len(self._widths))
            radii = [q if table <= a else q - 1 for table in range(len(self._widths))]
            masks = [_flip_masks(width, r) for width, r in zip(self._widths, radii, strict=True)]
            tables = np.repeat(np.arange(len(masks)), [len(m) for m in masks])
            self._plans[threshold] = _Probes(
                tables, np.concatenate(masks), self._bucket_base[tables]
            )
        return self._plans[threshold]

    def _keys(self, words: Words, tables: int | slice = slice(None)) -> npt.NDArray[np.int64]:
        """Substrings of each hash as integers: ``(n, m)``, or ``(n,)`` for one table.

        Bit ``p`` of a hash is bit ``p % 64`` of word ``p // 64``; a substring that crosses a word
        boundary takes its high bits from the next word (numpy shifts by 64 give 0).
        """
        low = words[:, self._low_word[tables]] >> self._low_shift[tables]
        high = words[:, self._high_word[tables]] << self._high_shift[tables]
        keys: npt.NDArray[np.int64] = ((low | high) & self._key_mask[tables]).astype(np.int64)
        return keys

    def _build(self) -> None:
        """Sort row ids by each substring and record where every bucket starts."""
        size, block = len(self._words), 1 << _BLOCK_SHIFT
        total = int(self._bucket_base[-1])
        self._ids = np.empty(len(self._widths) * size, dtype=np.uint32)
        self._block = np.empty(total // block + 1, dtype=np.min_scalar_type(len(self._ids)))
        self._local = np.zeros(total + 1, dtype=np.uint8)
        row = np.arange(size, dtype=np.uint64)
        for table, (width, first) in enumerate(zip(self._widths, self._bucket_base, strict=False)):
            keys = self._keys(self._words, table)
            # Sorting key and row packed in one word is a fast, stable argsort (row < 2**32).
            order = np.sort((keys.astype(np.uint64) << np.uint64(32)) | row)
            self._ids[table * size : (table + 1) * size] = order.astype(np.uint32)  # the row
            starts = np.zeros(1 << width, dtype=np.int64)
            np.cumsum(np.bincount(keys, minlength=1 << width)[:-1], out=starts[1:])
            self._block[first // block : (first + len(starts)) // block] = (
                starts[::block] + table * size
            )
            local = starts - np.repeat(starts[::block], block)
            if local.max() > np.iinfo(self._local.dtype).max:
                self._local = self._local.astype(np.min_scalar_type(local.max()))
            self._local[first : first + len(starts)] = local
        self._block[-1] = len(self._ids)
