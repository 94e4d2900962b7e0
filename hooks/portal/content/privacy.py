"""Finding personal identifiers in content about children before it is published.

Luật Trẻ em 2016 (Điều 6 khoản 11, Điều 21) and Nghị định 56/2017/NĐ-CP
(Điều 33) protect the private information of children; a public portal must not
print a child's or a family's ID number, mobile number or e-mail address.

The rules run on the text as a reader sees it (:mod:`portal.content.readerview`:
entities, percent-encoding, NFKC, invisible characters), so an identifier
cannot hide behind its spelling; hits are reported at the place it was written.
Numbers follow :mod:`portal.content.pii_numbers`; e-mail addresses are found
in their plain and obfuscated forms (``[at]``, ``(at)``, `` at ``, ``＠``,
``[dot]``, ``(dot)``, `` dot ``, Vietnamese «a còng» and «chấm»).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import pii_numbers
from .readerview import Lines, View, reader_view


@dataclass(frozen=True)
class PiiHit:
    """One personal identifier found in a text."""

    line: int
    """1-based line within the scanned text."""
    kind: str
    """"cccd", "cmnd", "insurance", "phone" or "email"."""
    text: str
    """The identifier exactly as written."""
    message: str
    """Why it must not be published and what to do, in Vietnamese."""


@dataclass(frozen=True)
class Found:
    """A hit with its place in the written text and its reading."""

    start: int
    end: int
    kind: str
    written: str
    read: str
    """The identifier as a reader reads it: digits of a number, the plain e-mail address."""


def normalize_phone(text: str) -> str:
    """Digits of a phone number in national form: "+84 912 345 678" → "0912345678"."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("840") and len(digits) == 12:
        return digits[2:]
    if digits.startswith("84") and len(digits) == 11:
        return "0" + digits[2:]
    if len(digits) == 9 and digits[0] in "35789":
        return "0" + digits
    return digits


# Emergency and public service numbers: 111 (child protection hotline), 112,
# 113, 114, 115, and toll-free or shared-cost 1800/1900 lines.
_SERVICE_NUMBER = re.compile(r"11[1-5]|1[89]00\d{4,6}")


@dataclass(frozen=True)
class AllowList:
    """Official contacts that may be published (from plans/privacy.yml and units' contacts)."""

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

    def __or__(self, other: AllowList) -> AllowList:
        return AllowList(self.phones | other.phones, self.emails | other.emails, self.domains | other.domains)

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

    def allows(self, found: Found) -> bool:
        if found.kind == "phone":
            return self.is_allowed_phone(found.read)
        if found.kind == "email":
            return self.is_allowed_email(found.read)
        return False


# --- e-mail addresses ---------------------------------------------------------

_MARK = r"(?:\*{1,2}|_{1,2}|~~|`|</?[A-Za-z]{1,6}>)?"
_AT_WORD = r"(?:at|a còng|a móc|a cong|a moc)"
_DOT_WORD = r"(?:dot|chấm|cham)"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT = (
    rf"(?P<plain>\s?{_MARK}@{_MARK}\s?)"
    rf"|(?P<bracket>\s?{_OPEN}\s?(?i:{_AT_WORD}|@)\s?{_CLOSE}\s?)"
    rf"|(?P<word>\s(?i:{_AT_WORD})\s)"
)
_DOT = rf"(?:{_MARK}\.{_MARK}|\s?{_OPEN}\s?(?i:{_DOT_WORD}|\.)\s?{_CLOSE}\s?|\s(?i:{_DOT_WORD})\s)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_EMAIL = re.compile(
    rf"(?<![\w.%+\-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]*)(?:{_AT})"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}})(?![\w])"
)
_DOT_SPLIT = re.compile(_DOT)
# " at " between two words is English too ("children at risk dot org"): that
# loosest form only counts when the address ends in a usual mail domain.
_USUAL_TLD = frozenset({"com", "vn", "net", "org", "edu", "gov", "info", "io", "me", "biz", "co"})
_EMAIL_HINT = re.compile(r"@|(?i:\b(?:at|a còng|a móc|a cong|a moc)\b)")


def _emails(view: str) -> Iterable[tuple[int, int, str]]:
    if "@" not in view and not _EMAIL_HINT.search(view):
        return
    for match in _EMAIL.finditer(view):
        labels = _DOT_SPLIT.split(match.group("domain"))
        if match.group("word") and labels[-1].lower() not in _USUAL_TLD:
            continue
        address = f"{match.group('local')}@{'.'.join(labels)}"
        yield match.start(), match.end(), address


# --- messages -----------------------------------------------------------------

_LAW = "Luật Trẻ em 2016 (Điều 6 khoản 11, Điều 21) và Nghị định 56/2017/NĐ-CP (Điều 33)"
_MESSAGES = {
    "phone": (
        "Số điện thoại di động ({text}) không được đăng công khai: {law} bảo vệ bí mật "
        "đời sống riêng tư của trẻ em và gia đình. Hãy xóa số này; nếu đây là số điện "
        "thoại chính thức của cơ quan, nhờ người quản trị cổng thêm nó vào mục phones trong plans/privacy.yml."
    ),
    "email": (
        "Địa chỉ thư điện tử ({text}) không được đăng công khai: {law} bảo vệ bí mật "
        "đời sống riêng tư của trẻ em và gia đình. Hãy xóa địa chỉ này; nếu đây là hộp "
        "thư chính thức của cơ quan, nhờ người quản trị cổng thêm nó (hoặc tên miền của cơ quan) vào mục emails "
        "hoặc domains trong plans/privacy.yml."
    ),
    "cccd": (
        "Số căn cước công dân ({text}) không được đăng công khai: đây là thông tin định "
        "danh cá nhân, thuộc bí mật đời sống riêng tư mà {law} bảo vệ. Hãy xóa số này "
        "khỏi nội dung; nếu đây là số tiền hay số lượng, hãy viết kèm đơn vị ngay sau số (ví dụ: đồng, lượt)."
    ),
    "cmnd": (
        "Số chứng minh nhân dân ({text}) không được đăng công khai: đây là thông tin định "
        "danh cá nhân, thuộc bí mật đời sống riêng tư mà {law} bảo vệ. Hãy xóa số này "
        "khỏi nội dung; nếu đây không phải số giấy tờ tùy thân, hãy viết kèm đơn vị "
        "ngay sau số (ví dụ: đồng, lượt, người) hoặc tách bằng dấu chấm (125.000.000)."
    ),
    "insurance": (
        "Số bảo hiểm xã hội, bảo hiểm y tế ({text}) không được đăng công khai: đây là thông tin định "
        "danh cá nhân, thuộc bí mật đời sống riêng tư mà {law} bảo vệ. Hãy xóa số này khỏi nội dung."
    ),
}


def message(found: Found, note: str = "") -> str:
    """The Vietnamese message for a hit; ``note`` adds why an allow-list entry did not count."""
    text = found.read
    written = " ".join(found.written.split())
    if written != text:
        shown = written if len(written) <= 80 else written[:77] + "…"
        text = f"{text}, viết là «{shown}»"
    return _MESSAGES[found.kind].format(text=text, law=_LAW) + (f" {note}" if note else "")


# --- scanning -----------------------------------------------------------------

def _maybe_email(written: str) -> bool:
    """False when ``written`` cannot show an e-mail address.

    Substring tests, no pattern: this runs on every text. "@" can be written as
    itself, fullwidth or small, as an entity or escape ("&", "\\") or as "%40";
    an "at" word begins after a space or a bracket ("date" and "indicator" hold
    "at" too).
    """
    if "@" in written or "&" in written or "%40" in written or "\uff20" in written or "\ufe6b" in written \
            or "\\" in written:
        return True
    lower = written.lower()
    return (" at" in lower or "[at" in lower or "(at" in lower or "{at" in lower or "<at" in lower or "\nat" in lower
            or "\tat" in lower or "a còng" in lower or "a móc" in lower or "a cong" in lower or "a moc" in lower)


def find(text: str, yaml: bool = False, view: View | None = None) -> list[Found]:
    """Every identifier in ``text``, allowed or not, ordered by position in the written text."""
    numbers = pii_numbers.maybe(text)
    emails = _maybe_email(text)
    if not numbers and not emails:
        return []
    view = view or reader_view(text, yaml)
    shown = view.text
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for start, end, address in _emails(shown) if emails else ():
        taken.append((start, end))
        first, last = view.span(start, end)
        found.append(Found(first, last, "email", text[first:last], address))
    for hit in pii_numbers.find(shown) if numbers else ():
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue
        first, last = view.span(hit.start, hit.end)
        read = normalize_phone(hit.digits) if hit.kind == "phone" else hit.digits
        found.append(Found(first, last, hit.kind, text[first:last], read))
    found.sort(key=lambda f: (f.start, f.end))
    return found


def scan(text: str, allow: AllowList, yaml: bool = False) -> list[PiiHit]:
    """Return every CCCD, CMND, insurance, mobile number and e-mail address in ``text`` not allowed.

    Hits are ordered by position; lines are 1-based within ``text``.
    """
    hits = [f for f in find(text, yaml) if not allow.allows(f)]
    if not hits:
        return []
    lines = Lines(text)
    return [PiiHit(lines.of(f.start), f.kind, f.written, message(f)) for f in hits]
