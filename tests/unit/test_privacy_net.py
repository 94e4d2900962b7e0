"""The last net over the finished site (portal.output.privacy_net), on small files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.content.privacy import AllowList
from portal.content.trust import Trust
from portal.output import privacy_net

TRUST = Trust(site=AllowList.build(phones=["0987 000 111"]), contacts={"son-hai": AllowList.build(["0912 000 222"])})


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "site"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("name", "text"), [
    # Markup the source check never saw: a reference link's text joined to the rest of the number.
    ("a/index.html", '<p>Gọi <a href="/x/">0912</a>345678 nhé.</p>'),
    ("a/index.html", "<p>Gọi 0912<strong>345</strong>678</p>"),
    ("a/index.html", '<p><img src="x.jpg" alt="Em Lan, SĐT 0912 345 678"></p>'),
    ("a/index.html", '<p><a href="tel:+84912345678">Gọi</a></p>'),
    ("a/index.html", '<meta name="description" content="CCCD 001099012345">'),
    ("a/index.html", '<script type="application/ld+json">{"telephone": "0912345678"}</script>'),
    ("a/index.html", "<p>Thư: em.lan&#64;gmail.com</p>"),
    ("feed.xml", "<feed><entry><summary>&lt;p&gt;Gọi 0912 345 678&lt;/p&gt;</summary></entry></feed>"),
    ("lich.ics", "BEGIN:VEVENT\r\nSUMMARY:Trao quà\\, liên hệ 0912 3\r\n 45 678\r\nEND:VEVENT\r\n"),
    ("du-lieu/a.csv", "\ufeffunit,note\nson-hai,Mẹ em: 0912.345.678\n"),
    ("du-lieu/a.json", json.dumps([{"note": "CCCD: 038 205 001 234"}], ensure_ascii=False)),
    ("tim-kiem/t/0.json", json.dumps(["Số CMND 186543210 của bố em"], ensure_ascii=False)),
])
def test_each_output_channel_is_scanned(tmp_path: Path, name: str, text: str) -> None:
    root = site(tmp_path, {name: text})
    lines = privacy_net.scan_site(root, TRUST)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{name}: ")
    with pytest.raises(privacy_net.PersonalDataInOutput, match=f"{name}: .*không được đăng công khai"):
        privacy_net.check_site(root, TRUST)


def test_what_the_net_does_not_refuse(tmp_path: Path) -> None:
    root = site(tmp_path, {
        # Trusted numbers (privacy.yml anywhere, a unit's contact on lists of units too) and hotlines.
        "a/index.html": "<p>Gọi 0987 000 111, 0912 000 222 hoặc 111.</p>",
        # Scripts, styles and drawings are the portal's own; the calendar's UID is no address.
        "b/index.html": "<script>var x = 912345678;</script><style>a{width:0912345678px}</style>"
                        '<svg><path d="M0 912 345 678"/></svg><p class="x0912345678">Kế hoạch</p>',
        "lich.ics": "BEGIN:VEVENT\r\nUID:2023-thang-hanh-dong@example.github.io\r\nDTSTART:20230601\r\nEND:VEVENT\r\n",
        # Bare numbers in data are typed values; their text form is checked where it is written.
        "du-lieu/a.csv": "unit,number,text\nson-hai,123456789,123456789 lượt\n",
        "du-lieu/a.json": json.dumps({"number": 123456789, "text": "123456789", "dates": "01/06–30/06/2020"}),
        # Amounts and dates as templates print them.
        "c/index.html": "<td>300.000.000 đồng</td><td>01/06–30/06/2023</td>",
        "tim-kiem/chi-muc/f/0.bin": "0912345678",
    })
    assert privacy_net.scan_site(root, TRUST) == []


def test_blocks_repeated_on_every_page_are_scanned_once_and_hits_named_per_file(tmp_path: Path) -> None:
    chrome = "<nav>" + "".join(f"<li>Mục {i}</li>" for i in range(50)) + "</nav>"
    files = {f"p{i}/index.html": chrome + f"<p>Trang {i}</p>" for i in range(30)}
    files["p7/index.html"] += "<p>Gọi 0912 345 678 hoặc 0912 345 678</p>"
    files["p8/index.html"] += "<p>Gọi 0912 345 678</p>"
    lines = privacy_net.scan_site(site(tmp_path, files), TRUST)
    # Once per file, however many times the file repeats it.
    assert [line.partition(":")[0] for line in lines] == ["p7/index.html", "p8/index.html"]


def test_the_source_is_named_when_it_can_be_found(tmp_path: Path) -> None:
    root = site(tmp_path, {"a/index.html": "<p>Gọi 0912 345 678</p>"})
    project = tmp_path / "project"
    (project / "docs" / "huong-dan").mkdir(parents=True)
    (project / "plans").mkdir()
    (project / "docs" / "huong-dan" / "lien-he.md").write_text("Gọi 0912.345.678\n", encoding="utf-8")
    [line] = privacy_net.scan_site(root, TRUST, project)
    assert line.startswith("a/index.html (có trong docs/huong-dan/lien-he.md): Số điện thoại di động (0912345678")


def test_the_net_cast_while_filling_scans_each_part_and_the_disk_pass_skips_what_it_covered(tmp_path: Path) -> None:
    allow = TRUST.everywhere()
    net = privacy_net.Net(allow)
    content = "<article><h1>Tin</h1>\n<p>Gọi 0912<em>345</em>678</p>\n</article>"
    # A part of a later page that repeats an earlier page's line is not read again,
    # a new line is; the title and description are parts too.
    net.merge(net.html("a/index.html", ["Tin", "", content]), ["a/index.html"])
    net.merge(net.html("b/index.html", ["Tin", "CCCD 001099012345", content]), ["b/index.html"])
    net.merge(net.file("lich/a.ics", "BEGIN:VEVENT\r\nSUMMARY:SĐT 0912 345 679\r\nEND:VEVENT\r\n".encode()),
              ["lich/a.ics"])
    assert [(where, found.read) for where, found in net.hits] == [
        ("a/index.html", "0912345678"), ("b/index.html", "001099012345"), ("lich/a.ics", "0912345679")]
    root = site(tmp_path, {
        # Covered files are not read again (this one holds a number the net never saw) ...
        "a/index.html": "<p>0987 654 321</p>",
        # ... the others are.
        "du-lieu/a.csv": "unit,note\nson-hai,Mẹ em: 0913.345.678\n",
    })
    lines = privacy_net.scan_site(root, TRUST, net=net)
    assert [line.partition(":")[0] for line in lines] == ["a/index.html", "b/index.html", "du-lieu/a.csv", "lich/a.ics"]
    assert "0987654321" not in "".join(lines)


def test_a_page_line_comes_before_the_line_of_its_excerpt() -> None:
    net = privacy_net.Net(TRUST.everywhere())
    net.merge(net.texts("a/index.html (đoạn trích tìm kiếm)", ["Gọi 0912 345 678"]), [])
    net.merge(net.html("a/index.html", ["<p>Gọi 0912 345 678</p>"]), [])
    lines = privacy_net.scan_site(Path("/nonexistent-site"), TRUST, net=net)
    assert [line.partition(":")[0] for line in lines] == ["a/index.html", "a/index.html (đoạn trích tìm kiếm)"]
