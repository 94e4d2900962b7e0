"""GitHub Actions workflows and host configs: valid, pinned, least privilege."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML follows YAML 1.1, where the key `on` reads as True.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_both_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"check.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(path: Path) -> None:
    workflow = load(path)
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses, path
    for ref in uses:
        assert PINNED.match(ref), ref
    # The version stays readable in a comment after each pin.
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_write_access(path: Path) -> None:
    workflow = load(path)
    on = triggers(workflow)
    assert "pull_request_target" not in on
    assert "workflow_run" not in on
    assert "${{ secrets." not in path.read_text(encoding="utf-8")
    # Top-level token: read-only.
    assert workflow["permissions"] == {"contents": "read"}


def test_pull_request_check_uses_only_pull_request_and_reads_only() -> None:
    workflow = load(ROOT / ".github/workflows/check.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}
    runs = [step.get("run", "") for step in steps(workflow)]
    assert any("python -m portal check --format github" in run for run in runs)
    # Trust from main (issue 21, item 4): the allow-list comes from the base branch, fetched by the checkout.
    check = next(step for step in steps(workflow) if "python -m portal check" in step.get("run", ""))
    assert '--base-ref "origin/$BASE_REF"' in check["run"]
    assert check["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert any(re.search(r"mkdocs build --strict", run) for run in runs)
    checkout = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0


def test_deploy_runs_on_main_only_and_only_its_deploy_job_may_write_pages() -> None:
    workflow = load(ROOT / ".github/workflows/deploy.yml")
    on = triggers(workflow)
    assert set(on) <= {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    writers = {name for name, job in jobs.items() if "permissions" in job}
    assert writers == {"deploy"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    build_uses = [s.get("uses", "").split("@")[0] for s in jobs["build"]["steps"]]
    assert "actions/upload-pages-artifact" in build_uses
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    upload = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"


def test_netlify_builds_with_make_into_site() -> None:
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert (config["build"]["command"], config["build"]["publish"]) == ("make build", "site")
    assert config["build"]["environment"]["PYTHON_VERSION"] == "3.11"
    # The target exists and builds into site/, the folder Netlify publishes.
    assert re.search(r"^build:.*\n\t.*mkdocs build --strict\s*$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)


def test_pull_request_template_is_a_vietnamese_checklist() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 4
    assert any("trẻ em" in box for box in boxes)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_node_packages_are_installed_before_the_build_when_the_editor_is_on(path: Path) -> None:
    names = [step.get("run", "") for step in steps(load(path))]
    builds = [i for i, run in enumerate(names) if "mkdocs build" in run]
    if not builds:
        return
    installs = [step for step in steps(load(path))[: builds[0]] if step.get("run", "").startswith("npm ci")]
    assert len(installs) == 1, path
    assert installs[0]["if"] == "hashFiles('docs/admin/config.yml') != ''"
    assert "--ignore-scripts" in installs[0]["run"]
