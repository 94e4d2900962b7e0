"""Target and result values as Vietnamese plans write them, and their status.

A plan states a target as free text ("trên 80%", "14/14", "dưới 7,5%", "1.250
trẻ", "tăng dần"); a report states a result the same way. This module turns
that text into a :class:`Value` and decides whether a result meets a target.

Number conventions (Vietnamese): the comma is the decimal mark ("7,5" = 7.5)
and the dot groups thousands ("1.250" = 1250). A dot followed by one or two
digits ("7.5") cannot be a thousands separator, so it is read as a decimal
mark: officers often type on English keyboards and the meaning is not in doubt.
Forms that could be read both ways ("1,250": 1.25 or 1250?) are rejected with a
hint rather than guessed, because a wrong guess would silently change a target.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

MEASURES = ("percent", "ratio", "count", "permille")
"""Indicator kinds: a percentage, a count out of a total, a number, a per mille rate."""

ACCEPTED_FORMS = (
    "Các dạng hợp lệ: 100%, >= 80%, trên 80%, 80% trở lên, ít nhất 90%, "
    "dưới 7,5%, không quá 5%, xuống 12‰, giảm xuống 12‰, 14/14 (số đơn vị trên tổng số), 9,5‰, "
    "1.250 hoặc 1.250 trẻ, khoảng 100; hoặc một cụm từ không có số như "
    "“tăng dần”, “duy trì”."
)


class Comparator(str, Enum):
    """How a stated number bounds the value."""

    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    ABOUT = "~"


class Status(str, Enum):
    """Where a target stands against its reported result; values are URL/CSS-safe."""

    MET = "dat"
    NOT_MET = "chua-dat"
    NO_REPORT = "chua-co-bao-cao"
    NOT_MEASURABLE = "khong-do-duoc"

    @property
    def label(self) -> str:
        """The Vietnamese label shown to readers."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.MET: "Đạt",
    Status.NOT_MET: "Chưa đạt",
    Status.NO_REPORT: "Chưa có báo cáo",
    Status.NOT_MEASURABLE: "Không đo được",
}


@dataclass(frozen=True)
class Value:
    """A target or result value, parsed from the text a plan or report states."""

    text: str
    """The value as written (whitespace tidied), for display."""
    number: float | None
    """The stated number (the numerator for a ratio); None when no number is stated."""
    comparator: Comparator
    """How the number bounds the value; EQ when nothing says otherwise."""
    measure: str | None
    """One of MEASURES, or None when no number is stated."""
    total: float | None
    """The denominator of a ratio ("14/14"); None for other measures."""

    @property
    def ratio(self) -> float | None:
        """The value as a fraction of one, for percent, ratio and per mille values."""
        if self.number is None:
            return None
        if self.measure == "ratio" and self.total:
            return self.number / self.total
        if self.measure == "percent":
            return self.number / 100
        if self.measure == "permille":
            return self.number / 1000
        return None

    def __str__(self) -> str:
        return self.text


# Comparator words and signs at the start of a value; a sign is tried before
# any shorter sign it begins with (">=" before ">"). Vietnamese plans use "trên 80%" and "hơn 80%" for
# "at least 80%" (the 80% itself counts as reached) and "dưới 7,5%" for "at most
# 7,5%"; reading them strictly would mark a commune that reports exactly the
# target as failing. So the words map to GE/LE; only the symbols ">" and "<"
# are strict, because whoever types them chose strictness on purpose.
_PREFIXES: tuple[tuple[str, Comparator], ...] = (
    (">=", Comparator.GE),
    ("=>", Comparator.GE),
    ("≥", Comparator.GE),
    ("<=", Comparator.LE),
    ("=<", Comparator.LE),
    ("≤", Comparator.LE),
    (">", Comparator.GT),
    ("<", Comparator.LT),
    ("~", Comparator.ABOUT),
    ("≈", Comparator.ABOUT),
    ("=", Comparator.EQ),
    # The wording of a reduction or rise *to* a level: "giảm xuống 12‰".
    # ("giảm 10%" alone means "by 10%": not a level, so it is not read here.)
    ("giảm xuống dưới", Comparator.LE),
    ("giảm xuống còn", Comparator.LE),
    ("giảm xuống", Comparator.LE),
    ("giảm còn", Comparator.LE),
    ("xuống dưới", Comparator.LE),
    ("xuống còn", Comparator.LE),
    ("xuống", Comparator.LE),
    ("tăng lên trên", Comparator.GE),
    ("tăng lên", Comparator.GE),
    ("không vượt quá", Comparator.LE),
    ("không thấp hơn", Comparator.GE),
    ("không cao hơn", Comparator.LE),
    ("không dưới", Comparator.GE),
    ("không quá", Comparator.LE),
    ("ít nhất", Comparator.GE),
    ("tối thiểu", Comparator.GE),
    ("tối đa", Comparator.LE),
    ("xấp xỉ", Comparator.ABOUT),
    ("khoảng", Comparator.ABOUT),
    ("trên", Comparator.GE),
    ("hơn", Comparator.GE),
    ("dưới", Comparator.LE),
    ("gần", Comparator.ABOUT),
    ("từ", Comparator.GE),
)

_SUFFIXES: tuple[tuple[str, Comparator], ...] = (
    ("trở lên", Comparator.GE),
    ("trở xuống", Comparator.LE),
)

# Phrases that, after the number, say more about the bound than a free noun
# like "trẻ em" would; accepting them as free words would drop their meaning.
_BAD_TAIL = re.compile(
    r"^(và|hoặc|hay|hơn|đến|tới|trở|lên|xuống|trên|dưới|không)\b"
    r"|\b(trở lên|trở xuống|trở lại|và hơn|hoặc hơn|cao hơn|thấp hơn|nhiều hơn|ít hơn)\b"
)
_SYMBOLS = set("%‰/<>=≥≤~≈")
_NUMBER = r"\d(?:[\d.,]*\d)?"
_FORM = re.compile(rf"({_NUMBER})(?:\s*(?:(/)\s*({_NUMBER})|(%)|(‰)))?")


def parse_value(text: str) -> Value:
    """Parse a target or result as written in a plan; raise ValueError (Vietnamese) if unclear."""
    if not isinstance(text, str):
        # YAML reads 1.250 as 1.25 and 14:14 as 854 before we see it, so a
        # non-string here may already be wrong: ask for quotes instead of guessing.
        raise ValueError(
            f"Giá trị {text!r} phải là chuỗi trong dấu ngoặc kép, ví dụ \"1.250\" "
            f"hoặc \"14/14\". {ACCEPTED_FORMS}"
        )
    return _parse_text(text)


# Plans repeat the same values ("100%", "80% trở lên"); Value is immutable.
@functools.lru_cache(maxsize=65536)
def _parse_text(text: str) -> Value:
    shown = " ".join(unicodedata.normalize("NFC", text).split())
    if not shown:
        raise ValueError(f"Giá trị đang để trống. {ACCEPTED_FORMS}")
    low = shown.lower()

    if not re.search(r"\d", low):
        if _SYMBOLS & set(low):
            raise ValueError(f"Không đọc được giá trị “{shown}”: thiếu số. {ACCEPTED_FORMS}")
        return Value(shown, None, Comparator.EQ, None, None)

    comparator, rest = _take_prefix(low)
    if re.match(r"[-−–]\s*\d|âm\s+\d", rest):
        raise ValueError(f"Giá trị không thể là số âm: “{shown}”.")
    match = _FORM.match(rest)
    if not match:
        raise ValueError(f"Không đọc được giá trị “{shown}”. {ACCEPTED_FORMS}")
    number = _parse_number(match.group(1), shown)
    total = _parse_number(match.group(3), shown) if match.group(2) else None
    if match.group(2):
        measure = "ratio"
    elif match.group(4):
        measure = "percent"
    elif match.group(5):
        measure = "permille"
    else:
        measure = "count"

    tail = rest[match.end():]
    if re.search(r"\d", tail):
        raise ValueError(
            f"Giá trị “{shown}” có nhiều hơn một số; mỗi chỉ tiêu chỉ ghi một giá trị. "
            f"{ACCEPTED_FORMS}"
        )
    if tail and not tail[0].isspace():
        raise ValueError(f"Không đọc được giá trị “{shown}”. {ACCEPTED_FORMS}")
    comparator = _take_suffix(tail.strip(), comparator, shown)

    if measure == "percent" and number > 100:
        raise ValueError(f"Tỷ lệ phần trăm không thể vượt quá 100%: “{shown}”.")
    if measure == "permille" and number > 1000:
        raise ValueError(f"Tỷ lệ phần nghìn không thể vượt quá 1000‰: “{shown}”.")
    if total is not None:
        if total == 0:
            raise ValueError(f"{shown}: mẫu số (tổng số) không thể bằng 0.")
        if not (number.is_integer() and total.is_integer()):
            raise ValueError(f"{shown}: tử số và mẫu số phải là số nguyên (số đơn vị, số người).")
        if number > total:
            raise ValueError(
                f"{match.group(1)}/{match.group(3)}: tử số lớn hơn mẫu số "
                f"(số đạt không thể vượt tổng số)."
            )
    return Value(shown, number, comparator, measure, total)


def _take_prefix(low: str) -> tuple[Comparator, str]:
    """Split a leading comparator (after an optional "đạt") off the text."""
    rest = _strip_word(low, "đạt")
    rest = low if rest is None else rest
    for prefix, comparator in _PREFIXES:
        if prefix[0].isalpha():
            stripped = _strip_word(rest, prefix)
            if stripped is not None:
                return comparator, stripped
        elif rest.startswith(prefix):
            return comparator, rest[len(prefix):].lstrip()
    return Comparator.EQ, rest


def _strip_word(text: str, word: str) -> str | None:
    """Remove a leading whole word and the spaces after it; None when it is absent."""
    if text.startswith(word) and (len(text) == len(word) or not text[len(word)].isalpha()):
        return text[len(word):].lstrip()
    return None


def _direction(comparator: Comparator) -> int:
    """+1 for a floor, -1 for a ceiling, 0 otherwise."""
    return {Comparator.GE: 1, Comparator.GT: 1, Comparator.LE: -1, Comparator.LT: -1}.get(
        comparator, 0
    )


def _take_suffix(tail: str, comparator: Comparator, shown: str) -> Comparator:
    """Read "trở lên"/"trở xuống" after the number and check what other words remain."""
    for suffix, suffix_comparator in _SUFFIXES:
        # The bound may close the value ("1.250 trẻ trở lên") or follow the number.
        if tail == suffix or tail.endswith(" " + suffix):
            stripped = tail[: -len(suffix)].rstrip()
        else:
            stripped = _strip_word(tail, suffix)
        if stripped is None:
            continue
        if comparator is Comparator.EQ:
            comparator = suffix_comparator
        elif _direction(comparator) != _direction(suffix_comparator):
            raise ValueError(f"Giá trị “{shown}” có hai cách so sánh mâu thuẫn nhau.")
        # "từ 80% trở lên" says the same thing twice; the prefix may be stricter (">").
        tail = stripped
        break
    if not tail:
        return comparator
    if re.match(r"phần (trăm|nghìn|ngàn)\b", tail):
        raise ValueError(
            f"Không đọc được giá trị “{shown}”: hãy dùng ký hiệu % hoặc ‰ "
            f"(ví dụ 80%) thay cho chữ. {ACCEPTED_FORMS}"
        )
    if _SYMBOLS & set(tail) or _BAD_TAIL.search(tail):
        raise ValueError(f"Không đọc được giá trị “{shown}”. {ACCEPTED_FORMS}")
    return comparator


def _parse_number(token: str, shown: str) -> float:
    """Read one number with Vietnamese separators; reject forms open to two readings."""
    if re.fullmatch(r"\d+", token):
        return float(token)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return float(token.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", token):
        return float(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[1-9]\d{0,2},\d{3}", token):
        # 1,250 is 1.25 to a Vietnamese reader and 1250 to an English one.
        raise ValueError(
            f"Số “{token}” trong “{shown}” dễ hiểu nhầm: nếu là số hàng nghìn, hãy viết "
            f"{token.replace(',', '.')}; nếu là số thập phân, hãy làm tròn còn một hoặc "
            f"hai chữ số sau dấu phẩy (ví dụ {token[:-1]})."
        )
    if re.fullmatch(r"\d+,\d+", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", token):
        return float(token)
    raise ValueError(
        f"Không đọc được số “{token}” trong “{shown}”: dùng dấu phẩy cho phần thập phân "
        f"(7,5) và dấu chấm để tách hàng nghìn (1.250)."
    )


def read_number(text: str) -> float:
    """A bare number ("1.250", "7,5") read the Vietnamese way; ValueError (Vietnamese) otherwise."""
    shown = text.strip()
    if not re.fullmatch(_NUMBER, shown):
        raise ValueError(f"«{shown}» phải là một số viết bằng chữ số, ví dụ 1.250 hoặc 7,5; đơn vị ghi ở trường unit")
    return _parse_number(shown, shown)


def adopt(value: Value, measure: str) -> Value:
    """A bare number ("dưới 1") takes the unit of its indicator's measure (‰, %).

    The catalogue says how the indicator is measured, so "dưới 1" for an
    under-5 mortality rate in per mille is "dưới 1‰": nothing is guessed.
    A number followed by words ("1.250 trẻ") stays a count.
    """
    if value.measure != "count" or measure not in ("percent", "permille"):
        return value
    if re.search(r"\d\s*[^\d\s.,]", value.text.lower().replace("trở lên", "").replace("trở xuống", "")):
        return value
    return Value(value.text, value.number, value.comparator, measure, None)


def check_measure(value: Value, measure: str) -> str | None:
    """Say (Vietnamese) why a value's form does not fit an indicator's measure; None if it fits."""
    if measure not in MEASURES:
        return f"Loại chỉ số “{measure}” không hợp lệ; dùng một trong: {', '.join(MEASURES)}."
    if value.number is None or value.measure == measure:
        return None
    expected = {
        "percent": "tỷ lệ phần trăm, ví dụ 80% hoặc trên 80%",
        "ratio": "số đơn vị trên tổng số, ví dụ 14/14",
        "count": "một số, ví dụ 1.250 hoặc 1.250 trẻ",
        "permille": "tỷ lệ phần nghìn, ví dụ 9,5‰",
    }[measure]
    return f"Giá trị “{value.text}” không hợp với chỉ số này: cần ghi {expected}."


def status(target: Value, result: Value | None, higher_is_better: bool = True) -> Status:
    """Decide whether a result meets a target, comparing in the target's units.

    A bound written in the target ("dưới 7,5%", "trên 80%") wins; higher_is_better
    only decides whether a bare number ("100%") is a floor or a ceiling.
    """
    if result is None:
        return Status.NO_REPORT
    if target.number is None or result.number is None:
        return Status.NOT_MEASURABLE
    if target.measure == "count" or result.measure == "count":
        if target.measure != result.measure:
            return Status.NOT_MEASURABLE
        wanted, got = target.number, result.number
    else:
        # Percent, ratio and per mille all describe a share, so "100%" can
        # meet "14/14"; comparing shares makes 13/14 fall short of 14/14.
        wanted, got = target.ratio, result.ratio
        if wanted is None or got is None:
            return Status.NOT_MEASURABLE
    return Status.MET if _meets(got, wanted, target.comparator, higher_is_better) else Status.NOT_MET


def _meets(got: float, wanted: float, comparator: Comparator, higher_is_better: bool) -> bool:
    """Apply a target's comparator; a bare number is a floor, or a ceiling when lower is better."""
    # Shares such as 7/14 and 50% should compare equal despite float rounding.
    same = math.isclose(got, wanted, rel_tol=1e-9, abs_tol=1e-12)
    if comparator is Comparator.ABOUT:
        return same or abs(got - wanted) <= 0.05 * abs(wanted)
    if comparator is Comparator.EQ:
        comparator = Comparator.GE if higher_is_better else Comparator.LE
    if comparator is Comparator.GE:
        return same or got > wanted
    if comparator is Comparator.GT:
        return not same and got > wanted
    if comparator is Comparator.LE:
        return same or got < wanted
    return not same and got < wanted


def format_number(x: float, decimals: int = 2) -> str:
    """Write a number the Vietnamese way: 7,5 ; 1.250 ; 100 (at most `decimals` decimals)."""
    # Decimal from repr rounds half up as readers expect (0,125 -> 0,13);
    # float rounding would give 0,12 because 0.125 is stored slightly below.
    rounded = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
