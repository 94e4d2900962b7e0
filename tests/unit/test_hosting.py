"""Whether a built site fits the free static hosts: figures, limits and the Vietnamese messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.build.options import OptionsError, options
from portal.output.hosting import HOSTS, SiteSize, excess, measure, refusal, summary

CLOUDFLARE, GITHUB, NETLIFY = HOSTS["cloudflare-pages"], HOSTS["github-pages"], HOSTS["netlify"]


def test_measure_counts_every_file_and_finds_the_largest(tmp_path: Path) -> None:
    (tmp_path / "don-vi/a").mkdir(parents=True)
    (tmp_path / "index.html").write_bytes(b"x" * 10)
    (tmp_path / "don-vi/a/index.html").write_bytes(b"x" * 300)
    (tmp_path / "don-vi/lich.ics").write_bytes(b"")
    assert measure(tmp_path) == SiteSize(files=3, bytes=310, largest=(300, "don-vi/a/index.html"))


def test_each_host_at_its_limits() -> None:
    small = SiteSize(20_000, 1_000_000_000, (25 * 2**20, "a.pdf"))
    assert [excess(small, host) for host in (CLOUDFLARE, GITHUB, NETLIFY)] == [[], [], []]
    national = SiteSize(46_651, 853_700_000, (90_100, "huong-dan/tham-chieu/index.html"))
    assert excess(national, CLOUDFLARE) == ["46.651 tệp, quá giới hạn 20.000 tệp"]
    assert excess(national, GITHUB) == []
    big = SiteSize(20_001, 1_000_000_001, (25 * 2**20 + 1, "assets/ban-scan.pdf"))
    assert excess(big, GITHUB) == ["1.000 MB, quá giới hạn 1 GB"]
    assert excess(big, CLOUDFLARE) == ["20.001 tệp, quá giới hạn 20.000 tệp",
                                       "tệp assets/ban-scan.pdf 26,2 MB, quá giới hạn 25 MiB mỗi tệp"]
    assert excess(big, NETLIFY) == []


def test_summary_names_the_hosts_a_site_fits() -> None:
    national = SiteSize(46_651, 853_700_000, (90_100, "x.html"))
    assert summary(national) == ("Bản dựng: 46.651 tệp, 853,7 MB; vừa GitHub Pages, Netlify; "
                                 "không vừa Cloudflare Pages (gói miễn phí) (46.651 tệp, quá giới hạn 20.000 tệp)")
    assert summary(SiteSize(212, 4_484_504, (90_000, "x.html"))) == (
        "Bản dựng: 212 tệp, 4,5 MB; vừa GitHub Pages, Netlify, Cloudflare Pages (gói miễn phí)")


def test_refusal_says_what_to_do() -> None:
    national = SiteSize(46_651, 853_700_000, (90_100, "x.html"))
    assert refusal(national, GITHUB) is None
    message = refusal(national, CLOUDFLARE)
    assert message is not None
    assert message.startswith("mkdocs.yml, extra.portal.host: bản dựng không vừa Cloudflare Pages (gói miễn phí): "
                              "46.651 tệp, quá giới hạn 20.000 tệp.")
    assert "đăng trên GitHub Pages hoặc Netlify (đổi extra.portal.host)" in message
    assert "docs/huong-dan/luu-tru.md" in message
    # Nothing else fits: no host to suggest, the other fixes remain.
    huge = SiteSize(50_000, 2_000_000_000, (10, "x"))
    assert "đăng trên Netlify (đổi extra.portal.host)" in refusal(huge, GITHUB)
    assert "tách cổng theo tỉnh" in refusal(huge, GITHUB)


def test_host_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_SHELLS", raising=False)
    assert options({"host": "cloudflare-pages"}).host == "cloudflare-pages"
    assert options({}).host is None
    with pytest.raises(OptionsError, match="extra.portal.host: không biết dịch vụ «vercel»; ghi một trong "
                                           "github-pages, netlify, cloudflare-pages"):
        options({"host": "vercel"})
    with pytest.raises(OptionsError, match="«shells», «workers» và «host»"):
        options({"hosts": "netlify"})
