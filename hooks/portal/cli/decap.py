"""Decap CMS configuration generated from the schema (optional web editing).

``python -m portal decap --repo org/repo`` writes ``docs/admin/config.yml``:
one collection per document kind, its fields taken from the same records that
``check`` validates, and ``publish_mode: editorial_workflow`` so that saving
an entry opens a pull request instead of writing to ``main``; the pull request
then goes through the same check as any other.

The unit is the folder (never a field): Decap's ``nested`` folder collections
let the editor pick the unit folder under ``plans/``. Decap needs a GitHub
OAuth provider to log users in; the guide says so (docs/huong-dan/soan-tren-web.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..model import schema

CONFIG = "docs/admin/config.yml"
UNIT_DEPTH = 4
"""Deepest unit folder under plans/ (province/district/commune, plus one spare level)."""


def widget(f: schema.Field) -> dict[str, Any]:
    """Decap field for one schema field."""
    spec = f.spec
    out: dict[str, Any] = {"name": f.name, "label": f.help or f.name, "required": f.required}
    if f.example:
        out["hint"] = f"Ví dụ: {f.example}. Dạng: {spec.describe()}"
    else:
        out["hint"] = f"Dạng: {spec.describe()}"
    if isinstance(spec, schema.Choice):
        out |= {"widget": "select", "options": [{"label": f"{meaning} ({value})", "value": value} for value, meaning in spec.choices]}
    elif isinstance(spec, schema.Boolean):
        out |= {"widget": "boolean", "default": False}
    elif isinstance(spec, schema.Integer):
        # Kept as text: the checker reads every value as text and rejects what is not a plain integer.
        out |= {"widget": "string", "pattern": ["^(0|[1-9][0-9]*)$", "Số nguyên, ví dụ 2024"]}
    elif isinstance(spec, schema.Record):
        out |= {"widget": "object", "collapsed": not f.required, "fields": [widget(sub) for sub in spec.fields]}
    elif isinstance(spec, schema.ListOf) and isinstance(spec.item, schema.Record):
        out |= {"widget": "list", "fields": [widget(sub) for sub in spec.item.fields]}
    elif isinstance(spec, schema.ListOf):
        out |= {"widget": "list"}
    elif isinstance(spec, schema.Text) and spec.max_length > 600:
        out |= {"widget": "text"}
    else:
        # Dates stay text too: partial dates (2024-06) are valid and Decap's date widget cannot write them.
        out |= {"widget": "string"}
    return out


def config(repo: str, branch: str = "main", base_url: str | None = None, site_url: str | None = None) -> dict[str, Any]:
    """The whole Decap configuration as plain data."""
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch}
    if base_url:
        backend["base_url"] = base_url
    collections = []
    for (kind, label), record in zip(schema.KINDS, schema.DOCUMENTS.values()):
        fields = [widget(f) for f in record.fields]
        for field in fields:
            if field["name"] == "kind":
                field |= {"widget": "hidden", "default": kind}
        collections.append({
            "name": kind,
            "label": label[:1].upper() + label[1:],
            "folder": "plans",
            "create": True,
            "nested": {"depth": UNIT_DEPTH},
            "meta": {"path": {"widget": "string", "label": "Thư mục đơn vị (ví dụ thanh-hoa/ha-trung/ha-giang)", "index_file": "_unit"}},
            "filter": {"field": "kind", "value": kind},
            "extension": "md",
            "format": "frontmatter",
            "slug": "{{year}}-{{slug}}",
            "fields": [*fields, {"name": "body", "label": "Nội dung", "widget": "markdown"}],
        })
    data: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "media_folder": "plans",
        "public_folder": "",
        "collections": collections,
    }
    if site_url:
        data["site_url"] = site_url
    return data


def write(root: Path | str, repo: str, branch: str = "main", base_url: str | None = None, site_url: str | None = None) -> Path:
    path = Path(root) / CONFIG
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "# Tạo bởi «python -m portal decap» từ hooks/portal/model/schema.py; đừng sửa tay, hãy chạy lại lệnh.\n"
    text = yaml.safe_dump(config(repo, branch, base_url, site_url), allow_unicode=True, sort_keys=False, width=100)
    path.write_text(head + text, encoding="utf-8", newline="\n")
    return path
