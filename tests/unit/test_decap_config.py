"""The web editor's configuration (docs/admin/config.yml) is the schema, field for field."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from portal.cli import decap
from portal.cli.main import main
from portal.model import schema
from portal.output import headers
from portal.output.editor_policy import editor_policy
from portal.output.pages import editor


def _collections(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {c["name"]: c for c in data["collections"]}
    for group in found.pop("catalogues")["files"]:
        found[group["name"]] = group
    return found


def _assert_fields_match(fields: list[dict[str, Any]], record: schema.Record, where: str) -> None:
    """Every field of ``record``, in its order, with its required flag, label, hint and nested fields."""
    by_name = {f["name"]: f for f in fields}
    assert [f["name"] for f in fields if f["name"] != "body"] == [f.name for f in record.fields], where
    for declared in record.fields:
        field = by_name[declared.name]
        assert field["required"] is declared.required, f"{where}.{declared.name}"
        assert field["label"] == (declared.help or declared.name), f"{where}.{declared.name}"
        assert field["hint"].startswith("Ví dụ: " if declared.example else "Dạng: "), f"{where}.{declared.name}"
        assert declared.spec.describe() in field["hint"]
        spec = declared.spec
        if isinstance(spec, schema.ListOf):
            assert field["widget"] == "list" and field["default"] == [], f"{where}.{declared.name}"
            if isinstance(spec.item, schema.Record):
                _assert_fields_match(field["fields"], spec.item, f"{where}.{declared.name}[]")
            else:
                assert field["field"]["widget"] == "string"
        elif isinstance(spec, schema.Record):
            assert field["widget"] == "object"
            _assert_fields_match(field["fields"], spec, f"{where}.{declared.name}")
        elif isinstance(spec, schema.Choice):
            assert [o["value"] for o in field["options"]] == [value for value, _ in spec.choices]


def test_every_kind_and_every_field_of_the_content_model_is_editable() -> None:
    found = _collections(decap.config("github", "org/cong"))
    for kind, record in schema.DOCUMENTS.items():
        collection = found[kind]
        _assert_fields_match(collection["fields"], record, kind)
        kind_field = next(f for f in collection["fields"] if f["name"] == "kind")
        assert kind_field["widget"] == "hidden" and kind_field["default"] == kind
        assert collection["filter"] == {"field": "kind", "value": kind}
        assert collection["folder"] == "plans" and collection["extension"] == "md"
        # The file keeps its own name in the unit folder: an index_file would rename every edited document.
        assert "index_file" not in collection["meta"]["path"]
        # Moving a document moves it alone, not the rest of its unit folder.
        assert collection["nested"]["subfolders"] is False
        assert collection["fields"][-1] == {"name": "body", "label": "Nội dung", "widget": "markdown", "required": False}
    _assert_fields_match(found["unit"]["fields"], schema.UNIT, "unit")
    assert found["unit"]["meta"]["path"]["index_file"] == "_unit" and found["unit"]["extension"] == "yml"
    for name, record, path in (("campaigns", schema.CAMPAIGN, "plans/campaigns.yml"),
                               ("indicators", schema.INDICATOR, "plans/indicators.yml")):
        assert found[name]["file"] == path
        (listing,) = found[name]["fields"]
        assert listing["widget"] == "list" and listing["default"] == []
        _assert_fields_match(listing["fields"], record, name)
    assert found["privacy"]["file"] == "plans/privacy.yml"
    _assert_fields_match(found["privacy"]["fields"], schema.PRIVACY, "privacy")
    labels = {c["label"] for c in decap.config("github", "org/cong")["collections"]}
    assert labels == {"Kế hoạch", "Tin tức", "Báo cáo kết quả", "Đơn vị", "Danh mục chung"}


def test_required_flags_follow_each_kind() -> None:
    found = _collections(decap.config("git-gateway"))
    plan = {f["name"]: f for f in found["plan"]["fields"]}
    news = {f["name"]: f for f in found["news"]["fields"]}
    assert plan["year"]["required"] and plan["issuer"]["required"] and not plan["number"]["required"]
    assert news["date"]["required"] and "year" not in news and "results" not in news
    report = {f["name"]: f for f in found["report"]["fields"]}
    assert report["plan"]["required"] and report["results"]["required"]


def test_publishing_goes_through_a_pull_request_in_vietnamese() -> None:
    data = decap.config("github", "org/cong")
    assert data["publish_mode"] == "editorial_workflow"
    assert data["locale"] == "vi"
    assert data["slug"]["encoding"] == "ascii" and data["slug"]["clean_accents"] is True
    assert "local_backend" not in data


@pytest.mark.parametrize(("args", "backend"), [
    (("github", "org/cong", "main", "https://oauth.example.org"),
     {"name": "github", "repo": "org/cong", "branch": "main", "base_url": "https://oauth.example.org"}),
    (("git-gateway",), {"name": "git-gateway", "branch": "main"}),
    (("git-gateway", None, "xuat-ban"), {"name": "git-gateway", "branch": "xuat-ban"}),
])
def test_backends(args: tuple, backend: dict[str, str]) -> None:
    assert decap.config(*args)["backend"] == backend


def test_local_backend_points_at_decap_server() -> None:
    data = decap.config("git-gateway", local="http://127.0.0.1:9000/api/v1")
    assert data["local_backend"] == {"url": "http://127.0.0.1:9000/api/v1"}


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decap", "--backend", "github", "--path", str(tmp_path)]) == 2
    assert "--repo" in capsys.readouterr().err
    assert main(["decap", "--backend", "git-gateway", "--local", "--path", str(tmp_path)]) == 0
    written = (tmp_path / decap.CONFIG).read_text(encoding="utf-8")
    assert written.startswith("# Tạo bởi «python -m portal decap»")
    data = yaml.safe_load(written)
    assert data["local_backend"] == {"url": decap.LOCAL_URL}
    assert data == decap.config("git-gateway", local=decap.LOCAL_URL)


def test_editor_policy_opens_only_what_the_backend_needs() -> None:
    github = editor_policy(decap.config("github", "org/cong"))
    assert "connect-src 'self' blob: https://api.github.com;" in github
    assert "script-src 'self' 'unsafe-eval';" in github
    assert "style-src 'self' 'unsafe-inline';" in github
    assert "img-src 'self' data: blob: https://api.github.com;" in github
    assert github.endswith("frame-ancestors 'none'")
    gateway = editor_policy(decap.config("git-gateway"), for_meta=True)
    assert "connect-src 'self' blob:;" in gateway and "frame-ancestors" not in gateway
    local = editor_policy(decap.config("git-gateway", local="http://127.0.0.1:9000/api/v1"))
    assert "connect-src 'self' blob: http://127.0.0.1:9000;" in local


def test_headers_keep_the_strict_policy_off_the_editor(tmp_path: Path) -> None:
    for name in ("index.html", "404.html", "don-vi/x/index.html", "admin/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    entries = headers.top_entries(tmp_path)
    assert entries == ["/", "/404.html", "/don-vi/*", "/index.html"]
    text = headers.headers_file_with_editor("STRICT", "LOOSE", entries)
    rules: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, [])
        else:
            current.append(line.strip())
    assert rules["/admin/*"] == ["Content-Security-Policy: LOOSE"]
    assert not any(line.startswith("Content-Security-Policy") for line in rules["/*"])
    assert "X-Content-Type-Options: nosniff" in rules["/*"]
    assert all(rules[entry] == ["Content-Security-Policy: STRICT"] for entry in entries)


def test_bundle_is_the_main_script_its_chunks_and_codecs(tmp_path: Path) -> None:
    for name in ("decap-cms.js", "21.decap-cms.js", "21.decap-cms.js.map", "cms.js", "21.cms.js",
                 "dd5d52671a5763720504.wasm", "decap-cms.js.LICENSE.txt", "cms.css"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert editor.bundle_files(tmp_path) == ["21.decap-cms.js", "dd5d52671a5763720504.wasm", "decap-cms.js"]


def test_missing_node_modules_is_told_in_vietnamese(tmp_path: Path) -> None:
    decap.write(tmp_path, "git-gateway")
    ctx = SimpleNamespace(root=tmp_path, settings=SimpleNamespace(site_name="Cổng"))
    with pytest.raises(editor.EditorSetupError, match="hãy chạy «npm ci»"):
        list(editor.provide(ctx))


def test_no_editor_without_its_configuration(tmp_path: Path) -> None:
    ctx = SimpleNamespace(root=tmp_path, settings=SimpleNamespace(site_name="Cổng"))
    assert list(editor.provide(ctx)) == []


def test_photos_are_uploaded_beside_the_document() -> None:
    for kind in schema.DOCUMENTS:
        collection = _collections(decap.config("git-gateway"))[kind]
        assert collection["media_folder"] == "" and collection["public_folder"] == ""
        images = next(f for f in collection["fields"] if f["name"] == "images")
        photo = next(f for f in images["fields"] if f["name"] == "file")
        assert photo["widget"] == "image" and photo["choose_url"] is False and photo["required"] is True
    # Other file-name fields stay text.
    reference = next(f for f in _collections(decap.config("git-gateway"))["news"]["fields"] if f["name"] == "plan")
    assert next(f for f in reference["fields"] if f["name"] == "document")["widget"] == "string"


def test_a_broken_configuration_is_told_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "docs" / "admin").mkdir(parents=True)
    (tmp_path / decap.CONFIG).write_text("backend:\n  name: github\n repo: [x\n", encoding="utf-8")
    ctx = SimpleNamespace(root=tmp_path, settings=SimpleNamespace(site_name="Cổng"))
    with pytest.raises(editor.EditorSetupError, match=r"docs/admin/config.yml:\d+: không đọc được"):
        list(editor.provide(ctx))
