"""Generated pages of the contributor guide: the front-matter reference."""

from __future__ import annotations

from typing import Iterator

from ... import paths
from ...derive import reference
from ...model import schema
from ..render import render
from ...content.scaffold import document_text
from ...model.site import Context, Page

REFERENCE_SOURCE = "hooks/portal/model/schema.py"
"""The file that "edit this page" opens: the reference is made from it."""


def provide(ctx: Context) -> Iterator[Page]:
    path = paths.guide_reference()
    # Paste-ready templates for the web editor, dated at the build's year.
    today = ctx.settings.today
    templates = [(kind, label, document_text(kind, today.year, None, today)) for kind, label in schema.KINDS]
    yield Page(
        path=path,
        title="Tham chiếu các trường thông tin",
        render=lambda _: render("reference.html", path, sections=reference.sections(), templates=templates,
                                 indicators=ctx.portal.indicators, campaigns=ctx.portal.campaigns,
                                 date_forms=reference.DATE_FORMS),
        source=REFERENCE_SOURCE,
        description="Mọi trường của kế hoạch, tin tức, báo cáo, đơn vị và danh mục: bắt buộc hay không, dạng giá trị, ví dụ",
    )
