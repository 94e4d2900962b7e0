"""The guide's front-matter reference and the Decap config come from the schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import ROOT, parse, text_of

from portal.cli import decap
from portal.derive import reference
from portal.model import schema
from portal.cli.main import main


def test_reference_rows_cover_every_field_including_nested_ones() -> None:
    sections = {s.anchor: s for s in reference.sections()}
    plan = {row.name: row for row in sections["van-ban-plan"].rows}
    for f in schema.PLAN.fields:
        assert plan[f.name].required == f.required
        assert plan[f.name].form == f.spec.describe()
    for f in schema.TARGET.fields:
        assert plan[f"targets[].{f.name}"].help == f.help
    report = {row.name for row in sections["van-ban-report"].rows}
    assert {"plan.number", "results[].value", "results[].measured"} <= report
    # The unit is the folder: no document section has a top-level `unit` field.
    for kind in schema.DOCUMENTS:
        assert "unit" not in {row.name for row in sections[f"van-ban-{kind}"].rows}
    assert "maintainers" in {row.name for row in sections["don-vi"].rows}


def test_reference_page_on_the_site_lists_every_field(sample_site: Path) -> None:
    page = parse(sample_site / "huong-dan/tham-chieu/index.html")
    for section in reference.sections():
        (table,) = page.xpath(f'//h2[@id="{section.anchor}"]/following-sibling::div[1]//table')
        names = [text_of(cell) for cell in table.xpath(".//tbody/tr/td[1]")]
        assert names == [row.name for row in section.rows]
    # Choice forms keep their values as code.
    assert "news" in page.xpath('//h2[@id="van-ban-plan"]/following-sibling::div[1]//tbody/tr[1]/td[3]/code/text()')
    # Paste-ready templates, one per kind, start a front matter.
    blocks = [text_of(b) for b in page.xpath("//pre/code")]
    assert len(blocks) == 3 and all(b.startswith("---") for b in blocks)
    assert len((sample_site / "huong-dan/tham-chieu/index.html").read_bytes()) < 100_000


def test_decap_config_is_generated_from_the_schema(tmp_path: Path) -> None:
    assert main(["decap", "--repo", "org/cong", "--oauth", "https://oauth.example.org", "--path", str(tmp_path)]) == 0
    data = yaml.safe_load((tmp_path / decap.CONFIG).read_text(encoding="utf-8"))
    assert data["publish_mode"] == "editorial_workflow"
    assert data["backend"] == {"name": "github", "repo": "org/cong", "branch": "main", "base_url": "https://oauth.example.org"}
    collections = {c["name"]: c for c in data["collections"]}
    assert set(collections) == set(schema.DOCUMENTS) | {"unit", "catalogues"}
    for kind, record in schema.DOCUMENTS.items():
        fields = {f["name"]: f for f in collections[kind]["fields"]}
        assert set(fields) == {f.name for f in record.fields} | {"body"}
        assert fields["kind"] == {**fields["kind"], "widget": "hidden", "default": kind}
        assert all(fields[f.name]["required"] == f.required for f in record.fields)
        assert collections[kind]["filter"] == {"field": "kind", "value": kind}
    targets = {f["name"] for f in {f["name"]: f for f in collections["plan"]["fields"]}["targets"]["fields"]}
    assert targets == {f.name for f in schema.TARGET.fields}
