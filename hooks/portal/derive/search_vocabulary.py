"""The words of the search index, for spelling suggestions when a query finds nothing.

docs/assets/search.js fetches this one file only after a query without any
result, and offers the indexed words nearest to the words typed (edit distance
over folded words, so «tet trug thu» and «tết trug thu» both lead to «tết
trung thu»). Unit names are made of indexed words, so a misspelt commune is
corrected the same way, and the corrected query's first result is its page.

Format (UTF-8 text, one word a line, most frequent first, so equal distances
prefer common words): the folded key, then a tab and its most frequent written
form when that differs from the key ("tet\\ttết").
"""

from __future__ import annotations

from array import array
from typing import Mapping

VOCABULARY = "goi-y.txt"
"""File name inside the index folder (search.INDEX_DIR)."""
MAX_WORDS = 15_000
"""Words kept, most frequent first: Vietnamese has about 7,000 syllables in use, so a
national portal keeps every real word and drops only rare names and typos (about 60 kB gzipped at most)."""
MIN_LETTERS, MAX_LETTERS = 2, 20


def vocabulary(by_key: Mapping[str, list[str]], lists: tuple[Mapping[str, array], ...]) -> bytes:
    """The suggestion file from the index's keys (``by_key``: folded key -> written forms) and page lists."""
    rows: list[tuple[int, str, str]] = []
    for key, forms in by_key.items():
        if " " in key or not MIN_LETTERS <= len(key) <= MAX_LETTERS or not key.isalpha():
            continue  # pairs of words, single letters, numbers and codes are not spelt wrong
        counts = {form: sum(len(places.get(form, ())) for places in lists) for form in forms}
        best = min(counts, key=lambda form: (-counts[form], form))
        rows.append((-sum(counts.values()), key, best))
    rows.sort()
    lines = [key if form == key else f"{key}\t{form}" for _, key, form in rows[:MAX_WORDS]]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
