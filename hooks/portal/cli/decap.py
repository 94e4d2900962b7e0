"""Decap CMS configuration generated from the schema (web editing).

``python -m portal decap --backend github --repo org/repo`` writes
``docs/admin/config.yml``; the build then serves the editor in ``admin/``
(:mod:`portal.output.pages.editor`). Every kind of the content model gets a
collection whose fields are the very records ``check`` validates, with their
Vietnamese help as labels: plans, news and reports (one file each in a unit
folder), units (``_unit.yml``), and the campaign, indicator and privacy
catalogues. ``publish_mode: editorial_workflow``: saving opens a pull request
instead of writing to ``main``, checked like any other.

The unit is the folder, never a field: Decap's nested folder collections let
the editor pick the unit folder under ``plans/`` (the entry's ``path``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..model import schema

CONFIG = "docs/admin/config.yml"
UNIT_DEPTH = 4
"""Deepest unit folder under plans/ (province/district/commune, plus one spare level)."""
LOCAL_URL = "http://localhost:8081/api/v1"
"""Where ``npx decap-server`` listens by default."""
BACKENDS = ("github", "git-gateway")
_UNIT_FOLDER = "Thư mục đơn vị trong plans/ (ví dụ thanh-hoa/ha-trung/ha-giang)"
_PHOTO = next(f for f in schema.IMAGE.fields if f.name == "file")


def widget(f: schema.Field) -> dict[str, Any]:
    """Decap field for one schema field."""
    spec = f.spec
    out: dict[str, Any] = {"name": f.name, "label": f.help or f.name, "required": f.required}
    if f.example:
        out["hint"] = f"Ví dụ: {f.example}. Dạng: {spec.describe()}"
    else:
        out["hint"] = f"Dạng: {spec.describe()}"
    if f == _PHOTO:
        # Uploaded beside the document (the collection's media folder is the
        # entry's own), and written as the bare file name the checker expects.
        return out | {"widget": "image", "choose_url": False, "media_library": {"config": {"multiple": False}}}
    if isinstance(spec, schema.Choice):
        out |= {"widget": "select", "options": [{"label": f"{meaning} ({value})", "value": value} for value, meaning in spec.choices]}
    elif isinstance(spec, schema.Boolean):
        out |= {"widget": "boolean", "default": False}
    elif isinstance(spec, schema.Integer):
        # Kept as text: the checker reads every value as text and rejects what is not a plain integer.
        out |= {"widget": "string", "pattern": ["^(0|[1-9][0-9]*)$", "Số nguyên, ví dụ 2024"]}
    elif isinstance(spec, schema.Record):
        out |= {"widget": "object", "collapsed": not f.required, "fields": [widget(sub) for sub in spec.fields]}
    elif isinstance(spec, schema.ListOf):
        out |= {"widget": "list", "default": []}
        if isinstance(spec.item, schema.Record):
            out["fields"] = [widget(sub) for sub in spec.item.fields]
        else:
            out["field"] = {"name": "item", "label": f.help or f.name, "widget": "string"}
        if spec.max_items:
            out["max"] = spec.max_items
    elif isinstance(spec, schema.Text) and spec.max_length > 600:
        out |= {"widget": "text"}
    else:
        # Dates stay text too: partial dates (2024-06) are valid and Decap's date widget cannot write them.
        out |= {"widget": "string"}
    return out


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _documents() -> list[dict[str, Any]]:
    collections = []
    for (kind, label), record in zip(schema.KINDS, schema.DOCUMENTS.values()):
        fields = [widget(f) for f in record.fields]
        for field in fields:
            if field["name"] == "kind":
                field |= {"widget": "hidden", "default": kind}
        collections.append({
            "name": kind,
            "label": _capital(label),
            "label_singular": _capital(label),
            "folder": "plans",
            "create": True,
            # subfolders false: the tree shows unit folders by name, and moving a
            # document to another unit moves that file alone, never its neighbours.
            "nested": {"depth": UNIT_DEPTH, "summary": "{{title}}", "subfolders": False},
            # No index_file: each document keeps its own file name in the unit
            # folder (admin/start.js makes a new one ASCII, year first).
            "meta": {"path": {"widget": "string", "label": _UNIT_FOLDER}},
            "filter": {"field": "kind", "value": kind},
            "extension": "md",
            "format": "frontmatter",
            "summary": "{{title}}",
            # Photos go into the unit folder, beside the document that shows them.
            "media_folder": "",
            "public_folder": "",
            "fields": [*fields, {"name": "body", "label": "Nội dung", "widget": "markdown", "required": False}],
        })
    return collections


def _units() -> dict[str, Any]:
    return {
        "name": "unit",
        "label": "Đơn vị",
        "label_singular": "Đơn vị",
        "folder": "plans",
        "create": True,
        "nested": {"depth": UNIT_DEPTH, "summary": "{{name}}"},
        "meta": {"path": {"widget": "string", "label": _UNIT_FOLDER, "index_file": "_unit"}},
        "extension": "yml",
        "format": "yml",
        "identifier_field": "name",
        "summary": "{{name}}",
        "fields": [widget(f) for f in schema.UNIT.fields],
    }


def _catalogue(name: str, label: str, record: schema.Record, file: str) -> dict[str, Any]:
    """A catalogue file of plans/ whose whole content is a list of records."""
    return {"name": name, "label": label, "file": file, "fields": [{
        "name": name, "label": label, "widget": "list", "default": [],
        "fields": [widget(f) for f in record.fields],
    }]}


def config(backend_name: str = "github", repo: str | None = None, branch: str = "main",
           base_url: str | None = None, site_url: str | None = None, local: str | None = None) -> dict[str, Any]:
    """The whole Decap configuration as plain data.

    ``local``: the URL of decap-server, used instead of the backend when the
    editor is opened on localhost (writing the files of the local clone).
    """
    if backend_name not in BACKENDS:
        raise ValueError(f"backend phải là một trong: {', '.join(BACKENDS)}")
    backend: dict[str, Any] = {"name": backend_name, "branch": branch}
    if backend_name == "github":
        if not repo:
            raise ValueError("backend github cần --repo to-chuc/kho")
        backend["repo"] = repo
    if base_url:
        backend["base_url"] = base_url
    catalogues = {
        "name": "catalogues",
        "label": "Danh mục chung",
        "files": [
            _catalogue("campaigns", "Chiến dịch, ngày lễ", schema.CAMPAIGN, "plans/campaigns.yml"),
            _catalogue("indicators", "Chỉ tiêu", schema.INDICATOR, "plans/indicators.yml"),
            {"name": "privacy", "label": "Thông tin liên hệ được phép đăng", "file": "plans/privacy.yml",
             "fields": [widget(f) for f in schema.PRIVACY.fields]},
        ],
    }
    data: dict[str, Any] = {"backend": backend}
    if local:
        data["local_backend"] = {"url": local}
    data |= {
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        # File names the slug option shapes (the entry's identifier) stay ASCII.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "media_folder": "plans",
        "public_folder": "",
        "collections": [*_documents(), _units(), catalogues],
    }
    if site_url:
        data["site_url"] = site_url
    return data


def write(root: Path | str, backend_name: str = "github", repo: str | None = None, branch: str = "main",
          base_url: str | None = None, site_url: str | None = None, local: str | None = None) -> Path:
    path = Path(root) / CONFIG
    data = config(backend_name, repo, branch, base_url, site_url, local)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "# Tạo bởi «python -m portal decap» từ hooks/portal/model/schema.py; đừng sửa tay, hãy chạy lại lệnh.\n"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(head + text, encoding="utf-8", newline="\n")
    return path
