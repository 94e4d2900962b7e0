"""The open data page (/du-lieu/) and its files."""

from __future__ import annotations

from typing import Iterator

from ... import paths
from ...derive.opendata import LIST_SEPARATOR, SCHEMA_FILE, TABLES, files, table_rows
from ..render import render
from ...model.site import Context, Output, Page


def provide(ctx: Context) -> Iterator[Page | Output]:
    # Rows made once for the files and the page's counts (3 s at 20,000 documents each time).
    tables = {t.name: table_rows(t, ctx.index) for t in TABLES}
    data = files(ctx.index, tables)
    sizes = {name: len(content) for name, content in data}
    for name, content in data:
        yield Output(paths.data_file(name), content)
    path = paths.OPEN_DATA
    counts = {name: len(rows) for name, rows in tables.items()}
    yield Page(
        path=path,
        title="Dữ liệu mở",
        render=lambda _: render(
            "opendata.html", path, tables=TABLES, counts=counts, sizes=sizes,
            schema_file=SCHEMA_FILE, separator=LIST_SEPARATOR,
        ),
        description="Văn bản, chỉ tiêu, kết quả, hoạt động và đơn vị hành chính của cổng dưới dạng JSON và CSV",
    )
