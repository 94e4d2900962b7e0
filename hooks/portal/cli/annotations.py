"""Problems as GitHub Actions workflow commands, so a pull request shows each
one as an annotation on the line it is about (``check --format github``)."""

from __future__ import annotations

from ..model.problems import Problem


def _data(text: str) -> str:
    # Escaping rules of workflow commands: %, CR and LF in the message...
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    # ...and additionally ":" and "," inside a property value.
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """``::error file=…,line=…,title=…::message`` for one problem.

    Line 0 (a problem of the whole file) has no ``line`` property: GitHub then
    annotates the file itself.
    """
    props = [f"file={_property(problem.path)}"]
    if problem.line > 0:
        props.append(f"line={problem.line}")
    where = f"Lỗi ở trường {problem.field}" if problem.field else "Lỗi nội dung"
    title = f"{problem.code} · {where}"
    props.append(f"title={_property(title)}")
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::error {','.join(props)}::{_data(message)}"


def github_review(note: str) -> str:
    """``::warning …::`` for a change that needs a maintainer's review (``check --base-ref``).

    The note starts with the file or area it is about ("plans/privacy.yml: …"):
    a file becomes the annotation's place, so the pull request shows it there.
    """
    where, _, _ = note.partition(": ")
    props = [f"file={_property(where)}"] if " " not in where and ("/" in where or "." in where) else []
    props.append(f"title={_property('Cần người quản trị cổng duyệt')}")
    return f"::warning {','.join(props)}::{_data(note)}"
