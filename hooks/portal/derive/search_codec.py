"""The search index's binary formats: varints, id lists, terms and shards.

docs/assets/search.js decodes exactly these (``decodeList`` and ``Shard``);
:mod:`portal.derive.search` decides what goes in them.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

SHARD_BYTES = 24_000
"""Shard size target: a query of four words fetches at most about four shards (chosen by measurement)."""


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def encode_string(text: str) -> bytes:
    raw = text.encode("utf-8")
    return varint(len(raw)) + raw


_SMALL_VARINTS = [varint(value) for value in range(1 << 14)]
"""The varints of every gap below 16,384 (one or two bytes), made once: an index encodes millions of gaps."""


def encode_list(ids: Iterable[int]) -> bytes:
    """Ascending page ids as the shorter of varint gaps and a bitmap."""
    ids = list(ids)
    steps = [b - a for a, b in zip(ids, ids[1:])]
    if ids:
        steps.insert(0, ids[0])
    if not steps or max(steps) < 0x80:
        gaps = bytes(steps)
    else:
        small = _SMALL_VARINTS
        gaps = b"".join(small[step] if step < 16384 else varint(step) for step in steps)
    if ids and (ids[-1] // 8 + 1) < len(gaps):
        bitmap = bytearray(ids[-1] // 8 + 1)
        for page in ids:
            bitmap[page >> 3] |= 1 << (page & 7)
        return varint(len(bitmap) << 1 | 1) + bytes(bitmap)
    return varint(len(gaps) << 1) + bytes(gaps)


def decode_list(data: bytes, at: int = 0) -> tuple[list[int], int]:
    """The ids of the list at ``at``, and the offset after it (the browser's decodeList)."""
    header, at = read_varint(data, at)
    end = at + (header >> 1)
    ids: list[int] = []
    if header & 1:
        for offset in range(at, end):
            byte = data[offset]
            ids.extend((offset - at) * 8 + bit for bit in range(8) if byte >> bit & 1)
        return ids, end
    previous = -1
    while at < end:
        gap, at = read_varint(data, at)
        previous = gap if previous < 0 else previous + gap
        ids.append(previous)
    return ids, end


def new_ids() -> array:
    return array("i")


@dataclass
class TermForm:
    text: str
    lists: tuple[array, ...]
    """Sorted page ids of the form as title, strong and body word."""

    def pages(self) -> int:
        return sum(len(x) for x in self.lists)


def encode_term(key: str, forms: list[TermForm]) -> bytes:
    out = bytearray(encode_string(key) + varint(len(forms)))
    for form in forms:
        out += encode_string("" if form.text == key else form.text)
        for ids in form.lists:
            out += encode_list(ids)
    return bytes(out)


def decode_shard(data: bytes) -> dict[str, dict[str, tuple[list[int], list[int], list[int]]]]:
    """{key: {form: (title, strong, body ids)}} of one shard file."""
    count, at = read_varint(data, 0)
    terms: dict[str, dict[str, tuple[list[int], list[int], list[int]]]] = {}
    for _ in range(count):
        key, at = _read_string(data, at)
        forms_count, at = read_varint(data, at)
        forms = {}
        for _ in range(forms_count):
            text, at = _read_string(data, at)
            lists = []
            for _ in range(3):
                ids, at = decode_list(data, at)
                lists.append(ids)
            forms[text or key] = (lists[0], lists[1], lists[2])
        terms[key] = forms
    return terms


def _read_string(data: bytes, at: int) -> tuple[str, int]:
    length, at = read_varint(data, at)
    return data[at:at + length].decode("utf-8"), at + length


def order_key(key: str) -> bytes:
    """Sort key equal to JavaScript's string order (UTF-16 code units), which the browser's lookup uses."""
    return key.encode("utf-16-be")


def shards(terms: list[bytes], limit: int = SHARD_BYTES) -> list[list[int]]:
    """Consecutive runs of ``terms`` (indexes) of at most ``limit`` bytes each; a larger term is alone."""
    runs: list[list[int]] = []
    size = limit
    for i, encoded in enumerate(terms):
        if size + len(encoded) > limit:
            runs.append([])
            size = 0
        runs[-1].append(i)
        size += len(encoded)
    return runs


def shard_of(firsts: list[str], key: str) -> int:
    """Index of the shard that holds ``key``: the last whose first key is not after it."""
    low, high = 0, len(firsts) - 1
    found = 0
    target = order_key(key)
    while low <= high:
        middle = (low + high) // 2
        if order_key(firsts[middle]) <= target:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found
