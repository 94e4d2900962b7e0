"""Problems found in content: one type, one format, everywhere."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place, reported to a contributor in Vietnamese."""

    path: str
    """File path relative to the portal root, with forward slashes."""
    line: int
    """1-based line of the offending value; 0 when the whole file is at fault."""
    field: str
    """Dotted field path such as ``targets[0].value``; empty for the file itself."""
    message: str
    """What is wrong and how to fix it, in Vietnamese."""

    @property
    def code(self) -> str:
        """Stable code of the problem's family (:mod:`portal.model.codes`), e.g. ``P-REF-UNKNOWN``."""
        from .codes import classify  # codes imports nothing back; kept lazy for a light model

        return classify(self.message)

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{field} {self.message}"


BODY = "body"
"""The field of a problem in a document's Markdown body (below its front matter)."""


class ContentError(Exception):
    """Raised by the build when content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
