"""Command line: ``python -m portal check|serve|calendar|new|codeowners|generate``.

Every message a user reads is Vietnamese; content problems are printed one a
line as ``file:line: field: message`` and never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..derive import campaigns, timeline
from ..model import lunar
from ..content.check import check_portal

# argparse's own words ("usage:", "error:", "options") come through gettext;
# officers read them too, so they are given in Vietnamese here.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
}
argparse._ = lambda text: _ARGPARSE_VI.get(text, text)  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["new", "unit"]:
        # A unit takes other options than a document: its own parser.
        from ..content.newunit import main as new_unit

        return new_unit(argv[2:])
    parser = argparse.ArgumentParser(prog="python -m portal", description="Công cụ của cổng thông tin bảo vệ, chăm sóc trẻ em")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    check = sub.add_parser("check", help="kiểm tra toàn bộ nội dung trong plans/")
    check.add_argument("path", nargs="?", default=".", help="thư mục của cổng (mặc định: thư mục hiện tại)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: in mỗi lỗi thành chú thích trên dòng tương ứng của pull request")
    base = check.add_mutually_exclusive_group()
    base.add_argument("--base-ref", metavar="NHÁNH",
                      help="đọc danh sách được phép đăng (plans/privacy.yml) và liên hệ của đơn vị từ nhánh gốc "
                           "này (ví dụ origin/main) thay vì từ pull request, và liệt kê các thay đổi cần người quản trị duyệt")
    base.add_argument("--base", metavar="THƯ_MỤC", help="như --base-ref, với nhánh gốc là một thư mục")

    serve = sub.add_parser("serve", help="xem trước cổng tại máy mình: lưu một tệp là trang tự dựng lại và tải lại")
    serve.add_argument("path", nargs="?", default=".", help="thư mục của cổng (mặc định: thư mục hiện tại)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                       help="nơi phục vụ trang (mặc định: 127.0.0.1:8000)")
    serve.add_argument("--site-dir", help="thư mục ghi trang đã dựng (mặc định: một thư mục tạm)")

    cal = sub.add_parser("calendar", help="in lịch các chiến dịch của một năm")
    cal.add_argument("year", type=int, help="năm dương lịch, ví dụ 2024")
    cal.add_argument("--json", action="store_true", help="in dạng JSON")
    cal.add_argument("--path", default=".", help="thư mục của cổng")

    new = sub.add_parser("new", help="tạo tệp văn bản mới (kế hoạch, tin, báo cáo) trong thư mục của đơn vị; "
                                     "«new unit» tạo đơn vị mới (xem python -m portal new unit --help)")
    new.add_argument("kind", choices=("plan", "news", "report"), help="plan (kế hoạch), news (tin tức) hoặc report (báo cáo)")
    new.add_argument("--unit", required=True, help="đường dẫn đơn vị trong plans/, ví dụ thanh-hoa/ha-trung/ha-giang")
    new.add_argument("--year", type=int, help="năm của văn bản (mặc định: năm nay)")
    new.add_argument("--title", help="tiêu đề văn bản")
    new.add_argument("--name", help="tên tệp, chữ thường không dấu (mặc định: theo mẫu, ví dụ 2024-ke-hoach-1)")
    new.add_argument("--path", default=".", help="thư mục của cổng")

    gen = sub.add_parser("generate", help="sinh một cổng mẫu toàn quốc để đo hiệu năng")
    gen.add_argument("--out", required=True, help="thư mục sẽ ghi cổng mẫu (bị thay thế nếu đã có)")
    gen.add_argument("--documents", type=int, required=True, help="số văn bản cần sinh")
    gen.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống cho cùng kết quả)")
    gen.add_argument("--communes", type=int, default=3300, help="số xã, phường sau năm 2025 (mặc định 3300)")

    owners = sub.add_parser("codeowners", help="tạo lại tệp .github/CODEOWNERS từ người duyệt của các đơn vị")
    owners.add_argument("path", nargs="?", default=".", help="thư mục của cổng")

    decap = sub.add_parser("decap", help="tạo cấu hình Decap CMS (docs/admin/config.yml) từ bộ quy tắc")
    decap.add_argument("--backend", choices=("github", "git-gateway"), default="github",
                       help="nơi lưu bài: github (đăng nhập GitHub) hoặc git-gateway (Netlify Identity)")
    decap.add_argument("--repo", help="kho GitHub dạng to-chuc/kho (cần cho --backend github)")
    decap.add_argument("--branch", default="main", help="nhánh chính (mặc định: main)")
    decap.add_argument("--oauth", help="địa chỉ dịch vụ đăng nhập OAuth của GitHub (base_url)")
    decap.add_argument("--local", nargs="?", const="http://localhost:8081/api/v1", metavar="URL",
                       help="khi mở trang soạn thảo trên máy mình: ghi thẳng vào bản sao bằng decap-server (mặc định http://localhost:8081/api/v1)")
    decap.add_argument("--site-url", help="địa chỉ của cổng, để nút «xem trên trang» mở đúng chỗ")
    decap.add_argument("--path", default=".", help="thư mục của cổng")

    args = parser.parse_args(argv)
    if args.command == "decap":
        from . import decap as decap_config

        if args.backend == "github" and not args.repo:
            print("Với --backend github cần ghi kho: --repo to-chuc/kho", file=sys.stderr)
            return 2
        written = decap_config.write(Path(args.path), args.backend, args.repo, args.branch, args.oauth,
                                     args.site_url, args.local)
        print(f"Đã ghi {written.relative_to(Path(args.path)).as_posix()}. Xem docs/huong-dan/soan-tren-web.md để bật trang soạn thảo.")
        return 0
    if args.command == "codeowners":
        return _codeowners(Path(args.path))
    if args.command == "generate":
        # The corpus generator lives in the repository's tools/, outside the shipped package.
        try:
            from tools.generate import generate
        except ImportError:
            print("Lệnh generate chỉ có trong bản sao kho mã nguồn: hãy chạy nó từ thư mục gốc của kho "
                  "(nơi có thư mục tools/).", file=sys.stderr)
            return 2
        summary = generate(Path(args.out), args.documents, args.seed, args.communes)
        print(f"Đã sinh {summary.units} đơn vị, {summary.documents} văn bản vào {args.out}")
        return 0
    if args.command == "new":
        return _new(Path(args.path), args.kind, args.unit, args.year, args.title, args.name)
    if args.command == "check":
        return _check(Path(args.path), args.format, args.base_ref, args.base)
    if args.command == "calendar":
        return _calendar(Path(args.path), args.year, args.json)
    if args.command == "serve":
        return _serve(Path(args.path), args.dev_addr, args.site_dir)
    return 2


ADAPTER = "mkdocs_hooks"
"""The engine adapter beside the package (hooks/), whose ``serve_build`` is the preview's full build."""


def _serve(root: Path, address: str, site_dir: str | None) -> int:
    import importlib

    from ..serve.app import run

    host, _, port = address.rpartition(":")
    if not port.isdigit():
        print(f"Địa chỉ «{address}» không hợp lệ: hãy ghi dạng 127.0.0.1:8000", file=sys.stderr)
        return 2
    if not (root / "mkdocs.yml").is_file():
        print(f"Không thấy {root / 'mkdocs.yml'}: hãy chạy lệnh trong thư mục của cổng hoặc ghi đường dẫn tới nó.",
              file=sys.stderr)
        return 2
    try:
        adapter = importlib.import_module(ADAPTER)
    except ImportError as error:
        print(f"Không nạp được bộ chuyển đổi {ADAPTER} ({error}): hãy đặt PYTHONPATH=hooks, "
              "như trong Makefile, hoặc chạy make serve.", file=sys.stderr)
        return 2
    try:
        return run(root, adapter.serve_build, host or "127.0.0.1", int(port), Path(site_dir) if site_dir else None)
    except OSError as error:
        print(f"Không mở được cổng {address}: {error.strerror}", file=sys.stderr)
        return 2


def _check(root: Path, output: str = "text", base_ref: str | None = None, base_dir: str | None = None) -> int:
    from ..content.basetree import BaseError
    from .annotations import github_annotation, github_review

    try:
        report = check_portal(root, base_ref, base_dir)
    except BaseError as error:
        print(error, file=sys.stderr)
        return 2
    for problem in report.problems:
        print(github_annotation(problem) if output == "github" else problem)
    if output == "github":
        for review in report.reviews:
            print(github_review(review))
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 1 if report.problems else 0


def _calendar(root: Path, year: int, as_json: bool) -> int:
    if year not in lunar.SUPPORTED_YEARS:
        print(f"Năm {year} nằm ngoài phạm vi hỗ trợ ({lunar.SUPPORTED_YEARS.start}–{lunar.SUPPORTED_YEARS.stop - 1})", file=sys.stderr)
        return 2
    report = check_portal(root)
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        return 1
    items = campaigns.year_occurrences(report.portal.campaigns, year)
    if as_json:
        data = [
            {"campaign": o.campaign.id, "name": o.campaign.name, "calendar": o.campaign.calendar,
             "start": o.start.isoformat(), "end": o.end.isoformat(), "theme": o.theme}
            for o in items
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for o in items:
        dates = o.start.strftime("%d/%m/%Y") if o.start == o.end else f"{o.start:%d/%m/%Y}–{o.end:%d/%m/%Y}"
        lunar_day = timeline.lunar_label(o.campaign)
        lunar_note = f" ({lunar_day})" if lunar_day else ""
        theme = f" — chủ đề: {o.theme}" if o.theme else ""
        print(f"{dates}  {o.campaign.name}{lunar_note}{theme}")
    return 0


def _new(root: Path, kind: str, unit: str, year: int | None, title: str | None, name: str | None) -> int:
    from ..content.scaffold import ScaffoldError, scaffold, write

    try:
        planned = scaffold(root, kind, unit, year=year, title=title, name=name)
        write(planned)
    except (ScaffoldError, FileExistsError) as error:
        print(error if isinstance(error, ScaffoldError) else f"Tệp {error.filename} đã có; công cụ không ghi đè.", file=sys.stderr)
        return 2
    where = planned.path.relative_to(root).as_posix() if planned.path.is_relative_to(root) else planned.path
    print(f"Đã tạo {where} ({planned.unit_label}).")
    print("Mở tệp, điền các trường đang để trống, rồi chạy: python -m portal check")
    return 0


def _codeowners(root: Path) -> int:
    from ..content import codeowners
    from ..content.load import load

    loaded = load(root)
    if loaded.problems:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        print("Sửa các lỗi trên trước: người duyệt được đọc từ các tệp _unit.yml.", file=sys.stderr)
        return 1
    path, problems = codeowners.write(root, loaded.portal)
    for problem in problems:
        print(problem, file=sys.stderr)
    if path is None:
        return 1
    print(f"Đã ghi {codeowners.CODEOWNERS}.")
    return 0
