"""A generated portal with empty units: what their pages subscribe to, and how few files it writes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree

from conftest import build_site, parse
from portal import paths
from portal.content.check import check_portal
from tools.generate import generate
from portal.derive.search import EXCERPTS_PER_CHUNK, MANIFEST

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = tmp_path_factory.mktemp("hosting") / "portal"
    generate(project, 60, seed=5, communes=40)
    site = project / "site"
    done = build_site(project, site)
    assert done.returncode == 0, done.stderr[-3000:]
    return project, site


def _offered(site: Path, unit_path: str) -> tuple[str, str]:
    page = paths.unit_page(unit_path)
    links = parse(site / page / "index.html").xpath("//p[@class='pt-links']/a/@href")
    base = "http://x/" + page
    feed, ics = (urljoin(base, href).removeprefix("http://x/") for href in links)
    return feed, ics


def test_empty_units_have_no_files_of_their_own_and_subscribe_to_what_will_hold_their_news(generated) -> None:
    project, site = generated
    portal = check_portal(project).portal
    news_units = {d.unit for d in portal.documents if d.kind == "news"}
    dated_units = {d.unit for d in portal.documents if any(a.date for a in d.activities)}
    without_feed = without_ics = 0
    for unit in portal.units:
        feed, ics = _offered(site, unit.path)
        has_news = any(u == unit.path or u.startswith(unit.path + "/") for u in news_units)
        assert (site / paths.unit_feed(unit.path)).is_file() == has_news, unit.path
        assert (site / paths.unit_ics(unit.path)).is_file() == (unit.path in dated_units), unit.path
        if not has_news:
            without_feed += 1
            # An ancestor's feed (it holds the news of every unit below it) or the national one.
            owner = feed.removeprefix(paths.UNITS).removesuffix("/atom.xml")
            assert feed == paths.news_feed() or unit.path.startswith(owner + "/"), (unit.path, feed)
        if unit.path not in dated_units:
            without_ics += 1
            assert ics == paths.campaigns_ics()
        # Whatever is offered exists and parses: a subscription never gets a 404.
        assert etree.fromstring((site / feed).read_bytes()).tag == f"{ATOM}feed"
        assert (site / ics).read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert without_feed > 0 and without_ics > 0
    # The national campaigns calendar has events: the empty commune's subscription shows something.
    assert (site / paths.campaigns_ics()).read_bytes().count(b"BEGIN:VEVENT") > 5


def test_search_excerpts_are_packed(generated) -> None:
    _, site = generated
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    index = site / MANIFEST.rsplit("/", 1)[0]
    chunks = sorted((index / "t").iterdir())
    assert len(chunks) == -(-manifest["pages"] // EXCERPTS_PER_CHUNK) and all(p.suffix == ".json" for p in chunks)
    texts = [t for n in range(len(chunks)) for t in json.loads((index / "t" / f"{n}.json").read_text(encoding="utf-8"))]
    assert len(texts) == manifest["pages"] and sum(1 for t in texts if t) > manifest["pages"] // 2
