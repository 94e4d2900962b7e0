"""Making the search index byte-identical between two builds of the same commit.

Pagefind 1.5 writes its filter indexes, and the filter list of its metadata
file, in the iteration order of a Rust HashMap, which changes on every run
(upstream Pagefind/pagefind#638 fixed the fragments, not these). The files
are gzip-compressed CBOR behind a "pagefind_dcd" signature; this step decodes
them, sorts what has no meaning in its order, and writes them back with names
taken from their new content, so the meta file and pagefind-entry.json point
at the right files. The rest of the index is already stable and left alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

from .site import Context

SIGNATURE = b"pagefind_dcd"


# --- a minimal CBOR codec (RFC 8949) for the types Pagefind writes -------------
# No CBOR library is installed; the index uses only integers, strings, arrays,
# maps and a few simple values, always in the shortest encoding.

def _decode(data: bytes, at: int) -> tuple[Any, int]:
    initial = data[at]
    major, info = initial >> 5, initial & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], at
        if info == 27:
            return struct.unpack(">d", data[at:at + 8])[0], at + 8
        raise ValueError(f"CBOR simple value {info} not supported")
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError("indefinite CBOR lengths are not supported")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major == 2:
        return bytes(data[at:at + argument]), at + argument
    if major == 3:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(argument):
            key, at = _decode(data, at)
            value, at = _decode(data, at)
            pairs.append((key, value))
        return _Map(pairs), at
    raise ValueError(f"CBOR major type {major} not supported")


class _Map(list):
    """A CBOR map kept as its ordered pairs (re-encoded in the same order)."""


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or SIGNATURE + _encode(value) != data:
        # Re-encoding must give the same bytes, or we would not know what we write.
        raise ValueError(f"{path.name}: unexpected encoding")
    return value


def _write(path_of: Any, old_hash: str, value: Any) -> str:
    """Write ``value`` under a hash of its content shaped like ``old_hash`` ("vi_1a2b3c4")."""
    data = SIGNATURE + _encode(value)
    language, _, digits = old_hash.partition("_")
    new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:len(digits)]}"
    path_of(new_hash).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return new_hash


# --- the step -----------------------------------------------------------------

def _filter_references(meta: list[Any]) -> list[list[Any]] | None:
    """The [name, file] pairs of the filter list in a decoded pf_meta (found by shape)."""
    for item in meta:
        if (isinstance(item, list) and item and not isinstance(item, _Map)
                and all(isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                        and isinstance(pair[1], str) and pair[1].count("_") == 1 for pair in item)):
            return item
    return None


def stable_pagefind(site_dir: Path, context: Context) -> None:
    """Post-build step (after the search index): put Pagefind's unordered parts in order."""
    bundle = site_dir / "pagefind"
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.is_file():
        return
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, details in sorted(entry["languages"].items()):
        def meta_path_of(file_hash: str) -> Path:
            return bundle / f"pagefind.{file_hash}.pf_meta"

        def filter_path_of(file_hash: str) -> Path:
            return bundle / "filter" / f"{file_hash}.pf_filter"

        meta_path = meta_path_of(details["hash"])
        meta = _read(meta_path)
        references = _filter_references(meta)
        if references:
            renamed: dict[str, str] = {}
            for name, file_hash in references:
                filter_path = filter_path_of(file_hash)
                content = _read(filter_path)
                # [filter name, [[value, [page numbers]], …]]: the values have no order.
                content[1].sort(key=lambda pair: pair[0])
                filter_path.unlink()
                renamed[file_hash] = _write(filter_path_of, file_hash, content)
            for pair in references:
                pair[1] = renamed[pair[1]]
            references.sort(key=lambda pair: pair[0])
        meta_path.unlink()
        details["hash"] = _write(meta_path_of, details["hash"], meta)
    # Same layout as Pagefind's own file.
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
