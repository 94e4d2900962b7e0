"""Build options from mkdocs.yml's ``extra: portal:`` section, and their environment overrides."""

from __future__ import annotations

import pytest

from portal import parallel
from portal.build.options import Options, OptionsError, options


def test_defaults_and_values_from_the_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_SHELLS", raising=False)
    assert options(None) == Options(shells=True, workers=0)
    assert options({"shells": False, "workers": 3}) == Options(shells=False, workers=3)


@pytest.mark.parametrize(("section", "message"), [
    ({"shell": True}, "không có tùy chọn «shell»"),
    ({"shells": "off"}, "extra.portal.shells: cần ghi true hoặc false"),
    ({"workers": -1}, "extra.portal.workers: cần một số nguyên từ 0 trở lên"),
    ({"workers": "4"}, "extra.portal.workers"),
    ({"workers": True}, "extra.portal.workers"),
])
def test_bad_values_are_refused_in_vietnamese(section: dict, message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        options(section)


def test_environment_overrides_for_the_benchmark(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_SHELLS", "off")
    assert options({"shells": True}).shells is False
    monkeypatch.setenv("PORTAL_WORKERS", "2")
    parallel.configure(5)
    try:
        assert parallel.workers() == 2
        monkeypatch.delenv("PORTAL_WORKERS")
        assert parallel.workers() == 5
    finally:
        parallel.configure(None)


def _square_plus(shared: int, task: int) -> int:
    return task * task + shared


def test_parallel_run_gives_results_in_task_order_with_or_without_workers() -> None:
    tasks = list(range(40))
    expected = [t * t + 7 for t in tasks]
    assert list(parallel.run(_square_plus, tasks, 7, parallel=False)) == expected
    assert list(parallel.run(_square_plus, tasks, 7, processes=2)) == expected
