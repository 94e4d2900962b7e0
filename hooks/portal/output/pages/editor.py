"""The web editor (Decap CMS), served by the portal itself: no CDN.

When ``docs/admin/config.yml`` exists (``python -m portal decap`` writes it),
the build writes ``admin/``: the editor's page from a template, its start
script and the Decap bundle copied from ``node_modules/decap-cms/dist``
(pinned in package.json, installed by ``npm ci``). The engine copies
config.yml itself, as any file of docs/.

``decap-cms`` is the release that carries React inside; ``decap-cms-app``
expects React as a browser global, which React 19 no longer ships.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from ... import paths
from ...model.site import Context, Deferred, Output
from ..editor_policy import editor_policy
from ..render import TEMPLATES, render

CONFIG = Path("docs") / paths.EDITOR / "config.yml"
BUNDLE = Path("node_modules") / "decap-cms" / "dist"
MAIN = "decap-cms.js"
# The bundle loads its lazy chunks and image codecs from beside itself; the
# other files of dist/ (the React-less build, source maps) are never fetched.
_SERVED = re.compile(r"(?:[0-9]+\.)?decap-cms\.js|[0-9a-f]{20}\.wasm")


class EditorSetupError(Exception):
    """The editor is turned on but cannot be served: its files are missing or its configuration unreadable (message in Vietnamese)."""


def bundle_files(dist: Path) -> list[str]:
    """Names of the files of ``dist`` the editor's page loads, sorted."""
    return sorted(p.name for p in dist.iterdir() if p.is_file() and _SERVED.fullmatch(p.name))


def read_config(root: Path) -> dict | None:
    """The editor's configuration, or None when the editor is off."""
    path = root / CONFIG
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise EditorSetupError(
            f"{CONFIG.as_posix()}{line}: không đọc được cấu hình trang soạn thảo; "
            "hãy tạo lại bằng «python -m portal decap …» thay vì sửa tay"
        ) from None
    return data if isinstance(data, dict) else {}


def provide(ctx: Context) -> Iterator[Output | Deferred]:
    config = read_config(ctx.root)
    if config is None:
        return
    dist = ctx.root / BUNDLE
    if not (dist / MAIN).is_file():
        raise EditorSetupError(
            f"{CONFIG.as_posix()} bật trang soạn thảo nhưng chưa có tệp của Decap CMS ({(BUNDLE / MAIN).as_posix()}): "
            "hãy chạy «npm ci» trong thư mục của cổng (cần Node.js 20), hoặc xóa docs/admin/config.yml để tắt trang soạn thảo"
        )
    page = paths.editor_file("index.html")
    html = render("editor.html", page, policy=editor_policy(config, for_meta=True),
                  site_name=ctx.settings.site_name, bundle=MAIN)
    yield Output(page, html.encode("utf-8"))
    yield Output(paths.editor_file("start.js"), (TEMPLATES / "editor_start.js").read_bytes())
    for name in bundle_files(dist):
        yield Deferred(paths.editor_file(name), (dist / name).read_bytes)
