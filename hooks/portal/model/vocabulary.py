"""The portal's words, declared once: document kinds and administrative levels.

Schema choices, badges, search facets, the guide and open data all read these
tables, so a label changed here changes everywhere (issue 19: "vocabulary once").
Target statuses live with the comparison rules in :mod:`portal.values`
(``Status.label``); campaigns and indicators are content (``plans/*.yml``);
problem codes are in :mod:`portal.model.codes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Tier(int, Enum):
    """Administrative tier; the int is the depth in the tree."""

    PROVINCE = 1
    DISTRICT = 2
    COMMUNE = 3


@dataclass(frozen=True)
class Kind:
    """A kind of document."""

    id: str
    """Value of the ``kind`` field."""
    label: str
    """Short label, capitalised, for badges and facets: "Kế hoạch"."""
    long: str
    """Lower-case name used in sentences and the guide: "báo cáo kết quả"."""


KINDS: tuple[Kind, ...] = (
    Kind("plan", "Kế hoạch", "kế hoạch"),
    Kind("news", "Tin tức", "tin tức"),
    Kind("report", "Báo cáo", "báo cáo kết quả"),
)
KIND_BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}
KIND_LABELS: dict[str, str] = {k.id: k.label for k in KINDS}


@dataclass(frozen=True)
class Level:
    """An administrative level."""

    id: str
    """Value of ``level`` in ``_unit.yml``."""
    word: str
    """Word written before a unit's name: "xã" (Hà Giang)."""
    long: str
    """Full meaning, for the guide and choices: "thành phố trực thuộc trung ương"."""
    tier: Tier


LEVELS: tuple[Level, ...] = (
    Level("tinh", "tỉnh", "tỉnh", Tier.PROVINCE),
    Level("thanh-pho-tw", "thành phố", "thành phố trực thuộc trung ương", Tier.PROVINCE),
    Level("huyen", "huyện", "huyện", Tier.DISTRICT),
    Level("quan", "quận", "quận", Tier.DISTRICT),
    Level("thi-xa", "thị xã", "thị xã", Tier.DISTRICT),
    Level("thanh-pho", "thành phố", "thành phố thuộc tỉnh", Tier.DISTRICT),
    Level("xa", "xã", "xã", Tier.COMMUNE),
    Level("phuong", "phường", "phường", Tier.COMMUNE),
    Level("thi-tran", "thị trấn", "thị trấn", Tier.COMMUNE),
    Level("dac-khu", "đặc khu", "đặc khu", Tier.COMMUNE),
)
LEVEL_BY_ID: dict[str, Level] = {level.id: level for level in LEVELS}
