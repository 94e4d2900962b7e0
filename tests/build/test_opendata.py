"""Open data files read back from the built sample and compared with the content."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, parse, text_of
from portal import paths
from portal.model import schema
from portal.content.check import check_portal
from portal.model.index import PortalIndex
from portal.derive.opendata import TABLES, files
from portal.derive.progress import plan_rows

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def portal():
    report = check_portal(ROOT)
    assert not report.problems
    return report.portal


def _csv(site: Path, name: str) -> list[dict[str, str]]:
    data = (site / paths.data_file(name)).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _json(site: Path, name: str) -> list[dict]:
    return json.loads((site / paths.data_file(name)).read_text(encoding="utf-8"))


def _number(text: str) -> float | None:
    return float(text) if text else None


def test_every_table_in_json_and_csv_with_the_same_rows(sample_site: Path) -> None:
    for table in TABLES:
        as_csv = _csv(sample_site, f"{table.name}.csv")
        as_json = _json(sample_site, f"{table.name}.json")
        header = (sample_site / paths.data_file(f"{table.name}.csv")).read_text(encoding="utf-8-sig").splitlines()[0]
        assert header.split(",") == [c.name for c in table.columns]
        # The sample's news are illustrations and state no figures; the fidelity suite checks that table.
        assert len(as_csv) == len(as_json) > (-1 if table.name == "so-lieu" else 0), table.name
        for from_csv, from_json in zip(as_csv, as_json):
            assert list(from_json) == [c.name for c in table.columns]
            flat = {k: "" if v is None else ";".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else str(v)
                    for k, v in from_json.items()}
            assert from_csv == flat, table.name


def test_targets_file_matches_every_plan_target(sample_site: Path, portal) -> None:
    rows = _csv(sample_site, "chi-tieu.csv")
    index = PortalIndex(portal)
    expected = []
    for plan in (d for d in portal.documents if d.kind == "plan"):
        for row in plan_rows(index, plan):
            value = row.target.value
            expected.append((plan.unit, plan.slug, plan.year, row.indicator.id, value.text, value.number,
                             value.measure, value.total, row.status.value, row.result.value.text if row.result else None))
    got = [(r["unit"], r["plan_slug"], int(r["year"]), r["indicator"], r["text"], _number(r["number"]),
            r["measure"] or None, _number(r["total"]), r["status"], r["result_text"] or None) for r in rows]
    assert sorted(got, key=repr) == sorted(expected, key=repr)
    # Stable ordering: sorted by unit, year, plan, indicator.
    keys = [(r["unit"], int(r["year"]), r["plan_slug"], r["indicator"]) for r in rows]
    assert keys == sorted(keys)
    ratio = next(r for r in rows if r["unit"] == "ha-noi/long-bien" and r["indicator"] == "xa-phuong-phu-hop-tre-em")
    assert (ratio["number"], ratio["total"], ratio["comparator"], ratio["status"], ratio["result_text"]) == ("14", "14", "=", "chua-dat", "13/14")
    wordy = next(r for r in rows if r["text"] == "duy trì")
    assert (wordy["number"], wordy["comparator"], wordy["measure"]) == ("", "", "")


def test_results_file_matches_every_reported_result(sample_site: Path, portal) -> None:
    rows = _json(sample_site, "ket-qua.json")
    expected = sorted(
        (d.unit, d.slug, r.indicator, r.value.text, r.value.number, r.value.total, r.measured.iso() if r.measured else None)
        for d in portal.documents for r in d.results
    )
    got = sorted((r["unit"], r["report_slug"], r["indicator"], r["text"], r["number"], r["total"], r["measured"]) for r in rows)
    assert got == expected and got
    assert all(r["plan_slug"] == "2020-ke-hoach-04" for r in rows if r["unit"] == "ha-noi/long-bien")


def test_activities_have_full_iso_dates_and_their_precision(sample_site: Path, portal) -> None:
    rows = _json(sample_site, "hoat-dong.json")
    assert len(rows) == sum(len(d.activities) for d in portal.documents)
    long_bien = {r["title"]: r for r in rows if r["unit"] == "ha-noi/long-bien" and r["document_slug"] == "2020-ke-hoach-04"}
    month = long_bien["Tháng hành động vì trẻ em"]
    assert (month["start"], month["end"], month["start_precision"]) == ("2020-06-01", "2020-06-30", "day")
    year = long_bien["Diễn đàn trẻ em"]  # written as "2020"
    assert (year["start"], year["end"], year["start_precision"], year["end_precision"]) == ("2020-01-01", "2020-12-31", "year", "year")


def test_documents_and_units_cover_the_content(sample_site: Path, portal) -> None:
    documents = _csv(sample_site, "van-ban.csv")
    assert [(r["unit"], r["slug"]) for r in documents] == sorted((d.unit, d.slug) for d in portal.documents)
    by_key = {(r["unit"], r["slug"]): r for r in documents}
    for doc in portal.documents:
        row = by_key[(doc.unit, doc.slug)]
        assert (row["kind"], row["title"], int(row["year"]), row["number"] or None) == (doc.kind, doc.title, doc.year, doc.number)
        assert (sample_site / row["page"] / "index.html").is_file()
    report = by_key[("ha-noi/long-bien", "2020-bao-cao-ket-qua-mau")]
    assert (report["plan_unit"], report["plan_slug"], report["plan_number"]) == ("ha-noi/long-bien", "2020-ke-hoach-04", "04/KH-UBND")
    units = _json(sample_site, "don-vi.json")
    assert [u["path"] for u in units] == sorted(u.path for u in portal.units)
    merged = [u for u in units if u["merged_into"]]
    assert merged and all(isinstance(u["merged_into"], list) for u in merged)


def test_schema_is_published(sample_site: Path) -> None:
    assert json.loads((sample_site / paths.data_file("schema.json")).read_text(encoding="utf-8")) == schema.json_schema()


def test_files_are_identical_between_builds(portal) -> None:
    # No build time in the files: the same content gives the same bytes.
    assert files(PortalIndex(portal)) == files(PortalIndex(check_portal(ROOT).portal))


def test_open_data_page_documents_every_file_and_column(sample_site: Path) -> None:
    tree = parse(sample_site / "du-lieu/index.html")
    for table in TABLES:
        section = tree.xpath(f"//section[@aria-labelledby='tep-{table.name}']")[0]
        documented = [text_of(code) for code in section.xpath(".//tbody/tr/th/code")]
        assert documented == [c.name for c in table.columns]
        assert all(text_of(td) for td in section.xpath(".//tbody/tr/td"))
        links = {urljoin("http://s/du-lieu/", h)[len("http://s/"):] for h in section.xpath(".//a/@href")}
        assert links == {paths.data_file(f"{table.name}.csv"), paths.data_file(f"{table.name}.json")}
    schema_links = tree.xpath("//section[@aria-labelledby='luoc-do']//a/@href")
    assert (sample_site / "du-lieu" / schema_links[0]).is_file()
