"""Chunked output: format modules yield small pieces; these helpers batch, count and encode."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import orjson

from api.exports.datasets.base import json_value

CHUNK_BYTES = 64 * 1024


@dataclass
class Counter:
    """Records and bytes written so far (the summary line, the access log)."""

    rows: int = 0
    bytes: int = 0


def chunked(pieces: Iterable[bytes], counter: Counter, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Join pieces into chunks of about ``size`` bytes; count bytes as they leave."""
    buffer: list[bytes] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            chunk = b"".join(buffer)
            counter.bytes += len(chunk)
            yield chunk
            buffer, length = [], 0
    if buffer:
        chunk = b"".join(buffer)
        counter.bytes += len(chunk)
        yield chunk


def dumps(value) -> bytes:
    """Compact JSON, keys in insertion order, non-ASCII as UTF-8 (orjson)."""
    return orjson.dumps(value, default=json_value)


def json_array(items: Iterable[bytes], *, indent: str = "") -> Iterator[bytes]:
    """The members of a JSON array, comma-separated, one per line (for streaming)."""
    first = True
    for item in items:
        yield (b"\n" if first else b",\n") + indent.encode() + item
        first = False
    if not first:
        yield b"\n"
