"""Finding personal identifiers in content about children before it is published.

Luật Trẻ em 2016 (Điều 6 khoản 11, Điều 21) and Nghị định 56/2017/NĐ-CP
(Điều 33) protect the private information of children; a public portal must not
print a child's or a family's ID number, mobile number or e-mail address.

The scanner looks for the forms those identifiers take in Vietnamese text and
stays quiet on the numbers plans are full of: document numbers (2189/KH-UBND),
dates, years, money (1.250.000 đồng), counts (14/14), decree ids and unit codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PiiHit:
    """One personal identifier found in a text."""

    line: int
    """1-based line within the scanned text."""
    kind: str
    """"cccd", "cmnd", "phone" or "email"."""
    text: str
    """The identifier exactly as written."""
    message: str
    """Why it must not be published and what to do, in Vietnamese."""


def normalize_phone(text: str) -> str:
    """Digits of a phone number in national form: "+84 912 345 678" → "0912345678"."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and len(digits) == 11:
        return "0" + digits[2:]
    return digits


# Emergency and public service numbers: 111 (child protection hotline), 112,
# 113, 114, 115, and toll-free or shared-cost 1800/1900 lines.
_SERVICE_NUMBER = re.compile(r"11[1-5]|1[89]00\d{4,6}")


@dataclass(frozen=True)
class AllowList:
    """Official contacts that may be published (from plans/privacy.yml)."""

    phones: frozenset[str] = frozenset()
    """Phone numbers, digits only, in national form with a leading 0."""
    emails: frozenset[str] = frozenset()
    """Whole e-mail addresses, lowercase."""
    domains: frozenset[str] = frozenset()
    """Official domain suffixes, lowercase: "gov.vn" allows "a@ubnd.x.gov.vn"."""

    @classmethod
    def build(
        cls,
        phones: Iterable[str] = (),
        emails: Iterable[str] = (),
        domains: Iterable[str] = (),
    ) -> AllowList:
        """Make an allow-list from entries as people write them (spaces, +84, capitals)."""
        return cls(
            phones=frozenset(normalize_phone(p) for p in phones if re.search(r"\d", p)),
            emails=frozenset(e.strip().lower() for e in emails if e.strip()),
            domains=frozenset(d.strip().lower().lstrip("@.") for d in domains if d.strip()),
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> AllowList:
        """Make an allow-list from the parsed privacy.yml: keys phones, emails, domains."""
        data = data or {}

        def strings(key: str) -> list[str]:
            value = data.get(key) or []
            return [str(item) for item in value] if isinstance(value, list) else []

        return cls.build(strings("phones"), strings("emails"), strings("domains"))

    def is_allowed_phone(self, digits: str) -> bool:
        """True for service numbers (111…115, 1800/1900…) and listed numbers."""
        normalized = normalize_phone(digits)
        return bool(_SERVICE_NUMBER.fullmatch(normalized)) or normalized in self.phones

    def is_allowed_email(self, address: str) -> bool:
        """True for listed addresses and addresses at a listed domain or its subdomains."""
        address = address.strip().lower()
        if address in self.emails:
            return True
        domain = address.rpartition("@")[2]
        return any(domain == d or domain.endswith("." + d) for d in self.domains)


# --- patterns ---------------------------------------------------------------

# A separator people put between digit groups: one space, dot or dash.
_SEP = r"[ \u00a0.\-]"

# Vietnamese mobile numbers: 0, 84 or +84 then 3/5/7/8/9 and eight more
# digits (10 digits in national form). Not preceded by a digit, '_' or '+',
# nor by a number and a separator (that would be the tail of a larger number).
# A letter before is fine ("ĐT0912…"), and so is '/' (zalo.me/0912345678),
# but not '/' after (a document number such as 0912/QĐ).
_MOBILE = re.compile(
    rf"""
    (?<![\d_+])(?<!\d[.,\-])
    (?:
        (?:\(\s*\+?84\s*\)|\+\s?84|84)(?:{_SEP}?\(0\))?   # "+84 (0) 912…" in letterheads
        | 0
    )
    {_SEP}?[35789](?:{_SEP}?\d){{8}}
    (?![\w/]|[.,\-]\d)
    """,
    re.VERBOSE,
)

# Landlines (0 + 2xx area code + number) are not flagged on purpose: plans and
# news print the office lines of People's Committees, schools and health
# stations, which are public by design, while a child's family is reached by
# mobile. A landline cannot be told apart from an office line by its form, so
# flagging them would mostly teach contributors to ignore the checker.

# Citizen ID (CCCD, 12 digits, starting with a 0 from the province code) and
# old ID card (CMND, 9 digits). Written as one block, they are unambiguous;
# grouped with spaces or dots they look like money (150.000.000), so grouped
# forms are only taken when the line names an ID document.
_ID_NUMBER = re.compile(
    rf"(?<![\w/+])(?<!\d[.,\-])\d(?:{_SEP}?\d){{8,11}}(?![\w/]|[.,\-]\d)"
)
_ID_CONTEXT = re.compile(
    r"cccd|cmnd|căn cước|can cuoc|chứng minh|chung minh|định danh|dinh danh|hộ chiếu",
    re.IGNORECASE,
)
# A number followed by a currency or unit is an amount, not an identifier.
_AMOUNT_AFTER = re.compile(
    r"\W{0,3}(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|%|người|lượt|trẻ|em\b|hộ\b|m2|m²|km|kg)",
    re.IGNORECASE,
)
# Codes of organisations, budget units and accounts are not personal data.
_CODE_BEFORE = re.compile(
    r"(?<!\w)(?:mã số thuế|mst|mã số|mã đơn vị|mã qhns|mã ngân sách|số tài khoản|stk|tài khoản|mã bưu chính)"
    r"\W{0,5}$",
    re.IGNORECASE,
)

# Long numbers inside web addresses are page and document ids, not ID cards;
# mobile numbers there (zalo.me/0912…) are still reported.
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.IGNORECASE)

# Every mobile and ID number above holds nine digits with at most one
# separator between two of them; texts without such a run (most documents)
# skip both patterns, which cost most of `check` when run on every text.
_DIGIT_RUN = re.compile(rf"\d(?:{_SEP}?\d){{8}}")

_EMAIL = re.compile(
    r"(?<![\w.%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)

_LAW = "Luật Trẻ em 2016 (Điều 6 khoản 11, Điều 21) và Nghị định 56/2017/NĐ-CP (Điều 33)"
_MESSAGES = {
    "phone": (
        "Số điện thoại di động ({text}) không được đăng công khai: {law} bảo vệ bí mật "
        "đời sống riêng tư của trẻ em và gia đình. Hãy xóa số này; nếu đây là số điện "
        "thoại chính thức của cơ quan, thêm nó vào mục phones trong plans/privacy.yml."
    ),
    "email": (
        "Địa chỉ thư điện tử ({text}) không được đăng công khai: {law} bảo vệ bí mật "
        "đời sống riêng tư của trẻ em và gia đình. Hãy xóa địa chỉ này; nếu đây là hộp "
        "thư chính thức của cơ quan, thêm nó (hoặc tên miền của cơ quan) vào mục emails "
        "hoặc domains trong plans/privacy.yml."
    ),
    "cccd": (
        "Số căn cước công dân ({text}) không được đăng công khai: đây là thông tin định "
        "danh cá nhân, thuộc bí mật đời sống riêng tư mà {law} bảo vệ. Hãy xóa số này "
        "khỏi nội dung."
    ),
    "cmnd": (
        "Số chứng minh nhân dân ({text}) không được đăng công khai: đây là thông tin định "
        "danh cá nhân, thuộc bí mật đời sống riêng tư mà {law} bảo vệ. Hãy xóa số này "
        "khỏi nội dung; nếu đây không "
        "phải số giấy tờ tùy thân, hãy viết kèm đơn vị (ví dụ: đồng) hoặc tách bằng dấu chấm."
    ),
}


def _message(kind: str, text: str) -> str:
    return _MESSAGES[kind].format(text=text, law=_LAW)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _line_around(text: str, offset: int) -> tuple[str, str]:
    """Text of the line before and after ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:offset], text[offset : len(text) if end < 0 else end]


def scan(text: str, allow: AllowList) -> list[PiiHit]:
    """Return every CCCD, CMND, mobile number and e-mail address in ``text`` not allowed.

    Hits are ordered by position; lines are 1-based within ``text``.
    """
    found: list[tuple[int, int, str, str]] = []  # start, end, kind, text
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    # Every address has an "@": skipping the pattern on texts without one
    # saves a tenth of `check` on 20,000 documents.
    for match in _EMAIL.finditer(text) if "@" in text else ():
        taken.append(match.span())
        if not allow.is_allowed_email(match.group(0)):
            found.append((match.start(), match.end(), "email", match.group(0)))

    if not _DIGIT_RUN.search(text):
        return _hits(text, found)

    for match in _MOBILE.finditer(text):
        if overlaps(*match.span()):
            continue
        taken.append(match.span())
        before, _rest = _line_around(text, match.start())
        if _CODE_BEFORE.search(before):
            continue
        if not allow.is_allowed_phone(match.group(0)):
            found.append((match.start(), match.end(), "phone", match.group(0)))

    taken.extend(m.span() for m in _URL.finditer(text))
    for match in _ID_NUMBER.finditer(text):
        if overlaps(*match.span()):
            continue
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        if len(digits) == 12 and digits.startswith("0"):
            kind = "cccd"
        elif len(digits) == 9:
            kind = "cmnd"
        else:
            continue
        before, rest = _line_around(text, match.start())
        after = rest[len(raw) :]
        grouped = raw != digits
        if grouped and not _ID_CONTEXT.search(before + rest):
            continue
        if _AMOUNT_AFTER.match(after) or _CODE_BEFORE.search(before):
            continue
        found.append((match.start(), match.end(), kind, raw))
    return _hits(text, found)


def _hits(text: str, found: list[tuple[int, int, str, str]]) -> list[PiiHit]:
    found.sort()
    return [
        PiiHit(line=_line_of(text, start), kind=kind, text=raw, message=_message(kind, raw))
        for start, _end, kind, raw in found
    ]
