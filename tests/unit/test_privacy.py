"""Tests for the children's-privacy scanner (portal.privacy)."""

from __future__ import annotations

import pytest

from conftest import attack_corpus
from portal.content.privacy import AllowList, PiiHit, normalize_phone, scan

EMPTY = AllowList()
KINDS = {"cccd", "cmnd", "insurance", "phone", "email"}

PII_CASES = [tuple(line.split("\t")) for line in attack_corpus("pii.txt")]
NOT_PII = attack_corpus("not-pii.txt")


def test_attack_files_are_well_formed() -> None:
    # The 31 forms of the first corpus and the 54 forms of the audit of issue 21, at least.
    assert len(PII_CASES) >= 31 + 54
    assert all(len(case) == 3 and case[0] in KINDS for case in PII_CASES)
    assert {case[0] for case in PII_CASES} == KINDS
    assert len(NOT_PII) >= 50


@pytest.mark.parametrize(("kind", "found", "content"), PII_CASES)
def test_each_identifier_is_found_once_with_its_kind(kind: str, found: str, content: str) -> None:
    hits = scan(content, EMPTY)
    assert [(h.line, h.kind, h.text) for h in hits] == [(1, kind, found)]
    # The message shows the number as read and, on one line, as written.
    assert " ".join(found.split()) in hits[0].message


@pytest.mark.parametrize(("kind", "found", "content"), PII_CASES)
def test_line_numbers_count_from_one_within_the_text(kind: str, found: str, content: str) -> None:
    text = "---\ntitle: Kế hoạch\n---\n\nĐoạn mở đầu.\n" + content + "\nĐoạn cuối."
    hits = scan(text, EMPTY)
    assert [(h.line, h.kind) for h in hits] == [(6, kind)]


@pytest.mark.parametrize("content", NOT_PII)
def test_ordinary_plan_text_is_not_flagged(content: str) -> None:
    assert scan(content, EMPTY) == []


def test_several_hits_in_one_text_are_ordered_by_position() -> None:
    text = (
        "Hồ sơ em B:\n"
        "- CCCD: 001099012345, liên hệ 0987 654 321\n"
        "\n"
        "- Thư: em.b@gmail.com; bố: +84 912 345 678\n"
        "- CMND của mẹ 186543210\n"
    )
    hits = scan(text, EMPTY)
    assert [(h.line, h.kind, h.text) for h in hits] == [
        (2, "cccd", "001099012345"),
        (2, "phone", "0987 654 321"),
        (4, "email", "em.b@gmail.com"),
        (4, "phone", "+84 912 345 678"),
        (5, "cmnd", "186543210"),
    ]


def test_message_explains_the_law_and_the_way_out_in_vietnamese() -> None:
    (hit,) = scan("Gọi 0912 345 678.", EMPTY)
    assert hit == PiiHit(line=1, kind="phone", text="0912 345 678", message=hit.message)
    assert "Số điện thoại di động (0912345678, viết là «0912 345 678»)" in hit.message
    assert "Luật Trẻ em 2016" in hit.message
    assert "Điều 21" in hit.message
    assert "plans/privacy.yml" in hit.message
    (email,) = scan("x.y@gmail.com", EMPTY)
    assert "domains" in email.message and "thư điện tử" in email.message
    (cccd,) = scan("CCCD 001099012345", EMPTY)
    assert "căn cước công dân" in cccd.message and "56/2017/NĐ-CP" in cccd.message


def test_service_numbers_are_always_allowed() -> None:
    for number in ["111", "112", "113", "114", "115", "18001567", "1900 1567", "1800599920", "1900123456"]:
        assert EMPTY.is_allowed_phone(number), number
    for number in ["116", "1800123", "19001234567", "0912345678"]:
        assert not EMPTY.is_allowed_phone(number), number


def test_listed_phone_is_allowed_in_every_written_form() -> None:
    allow = AllowList.build(phones=["+84 912 345 678"])
    assert allow.phones == frozenset({"0912345678"})
    text = "Cán bộ trực: 0912.345.678, +84912345678, 84 912 345 678; nhà riêng 0912 345 679."
    hits = scan(text, allow)
    assert [h.text for h in hits] == ["0912 345 679"]


def test_listed_email_and_official_domains_are_allowed() -> None:
    allow = AllowList.build(emails=["TreEm.QuangNam@Gmail.com"], domains=["gov.vn", "@molisa.gov.vn"])
    assert allow.is_allowed_email("treem.quangnam@gmail.com")
    assert allow.is_allowed_email("vanthu@quangnam.gov.vn")
    assert allow.is_allowed_email("a@gov.vn")
    assert not allow.is_allowed_email("a@notgov.vn")
    assert not allow.is_allowed_email("gov.vn@gmail.com")
    text = "Gửi về treem.quangnam@gmail.com, vanthu@ubnd.quangnam.gov.vn hoặc me.em@gmail.com."
    assert [h.text for h in scan(text, allow)] == ["me.em@gmail.com"]


def test_allow_list_from_privacy_yml_mapping() -> None:
    allow = AllowList.from_mapping(
        {"phones": ["0235 3 812 345", 912345678], "emails": ["A@B.VN"], "domains": ["gov.vn"]}
    )
    # YAML read 912345678 as a number and dropped its leading 0: it is the mobile 0912345678.
    assert allow == AllowList(
        phones=frozenset({"02353812345", "0912345678"}),
        emails=frozenset({"a@b.vn"}),
        domains=frozenset({"gov.vn"}),
    )
    assert AllowList.from_mapping(None) == AllowList()


def test_normalize_phone() -> None:
    assert normalize_phone("+84 912-345-678") == "0912345678"
    assert normalize_phone("84912345678") == "0912345678"
    assert normalize_phone("0912.345.678") == "0912345678"
    assert normalize_phone("1900 1567") == "19001567"


def test_grouped_nine_digits_are_money_unless_an_id_is_named() -> None:
    assert scan("Hỗ trợ 186 543 210 cho các xã.", EMPTY) == []
    (hit,) = scan("Số CMND: 186 543 210.", EMPTY)
    assert (hit.kind, hit.text) == ("cmnd", "186 543 210")


def test_numbers_touching_other_digits_are_not_phones() -> None:
    assert scan("Mã hồ sơ 12345091234567890.", EMPTY) == []
    # 091234567 has nine digits: it is read as an old ID card number, not a phone.
    hits = scan("Số 10912345678 và 091234567.", EMPTY)
    assert [(h.kind, h.text) for h in hits] == [("cmnd", "091234567")]


def test_twelve_digits_not_starting_with_zero_are_not_cccd() -> None:
    assert scan("Mã giao dịch 123456789012.", EMPTY) == []
