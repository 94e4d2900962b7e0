"""Trust from the base branch: what a pull request may publish is decided by main, not by itself.

``plans/privacy.yml`` (the official numbers and addresses that may be
published) and the ``contact`` of each ``_unit.yml`` are what switches the
privacy scan off for a number. Read from the pull request under check, they
would let it allow whatever it wants to publish. So ``check --base-ref
origin/main`` (or ``--base DIR``) reads them from the base tree instead:

- an entry the pull request adds counts only once it is merged: until then
  the number is refused wherever it is published, with a message saying why;
- a unit's contact is allowed on that unit's own pages (its ``_unit.yml``
  and the documents in its folder), not on its descendants' nor site-wide: the
  unit's reviewers vouch for their office's number, and a commune's pages are
  not about the province; a province number that every page may print belongs
  in ``privacy.yml``, which only the portal maintainers own;
- every change to these lists, and to the code that builds the site (hooks,
  templates, ``mkdocs.yml``, workflows, CI scripts, dependency pins), is listed
  in the check's summary as needing a portal maintainer's review, with the
  owners the base branch's CODEOWNERS gives.

Without a base the tree trusts itself: that is the local ``check`` and the build.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import frontmatter
from .basetree import BaseError, Folder, GitRef
from .privacy import AllowList, Found
from ..model.records import Portal

PRIVACY = "plans/privacy.yml"
CODEOWNERS = ".github/CODEOWNERS"
CODE = (
    "hooks/", "mkdocs.yml", ".github/", ".ci/", "package.json", "package-lock.json", "requirements*.txt",
    "docs/assets/", "docs/admin/", "Makefile", "pyproject.toml", "netlify.toml", "tools/",
)
"""What a pull request may not change unreviewed: code, templates, configuration, workflows, pins."""
_AREAS = {
    "hooks/": "mã nguồn và giao diện (hooks/)", ".github/": "quy trình tự động và người duyệt (.github/)",
    ".ci/": "tập lệnh CI (.ci/)", "docs/assets/": "mã chạy trên trình duyệt (docs/assets/)",
    "docs/admin/": "trang soạn thảo trên web (docs/admin/)", "tools/": "công cụ (tools/)",
}

Tree = Folder | GitRef


@dataclass(frozen=True)
class Trust:
    """The allow-lists a check may rely on, and the changes to them that need review."""

    site: AllowList = AllowList()
    """plans/privacy.yml of the base: allowed on every page."""
    contacts: Mapping[str, AllowList] = field(default_factory=dict)
    """Unit path -> that unit's contact in the base: allowed on the unit's own pages."""
    claimed_site: AllowList = AllowList()
    """plans/privacy.yml of the tree under check (only to explain a refusal)."""
    claimed_contacts: Mapping[str, AllowList] = field(default_factory=dict)
    base: str | None = None
    """Where the trusted lists come from ("origin/main", a folder); None: the tree itself."""
    reviews: tuple[str, ...] = ()
    """Changes that need a portal maintainer's review, in Vietnamese."""

    def for_unit(self, unit: str) -> AllowList:
        """What may be published on the pages of ``unit``."""
        own = self.contacts.get(unit)
        return self.site | own if own else self.site

    def everywhere(self) -> AllowList:
        """The union of every trusted entry: for the rendered outputs, where a page's unit is not known."""
        allow = self.site
        for contact in self.contacts.values():
            allow = allow | contact
        return allow

    def note(self, found: Found, unit: str | None) -> str:
        """Why a number that some list names is still refused (empty when no list names it)."""
        where = f" ({self.base})" if self.base else ""
        if self.claimed_site.allows(found) and not self.site.allows(found):
            return (f"Số hoặc địa chỉ này có trong plans/privacy.yml của pull request nhưng chưa có ở nhánh chính{where}: "
                    "danh sách được phép đăng chỉ có hiệu lực khi người quản trị cổng đã duyệt và hợp nhất nó "
                    "(hãy đề nghị thêm trong một pull request riêng).")
        if unit is not None and unit in self.claimed_contacts and self.claimed_contacts[unit].allows(found):
            return (f"Đây là liên hệ mới khai báo trong _unit.yml của pull request, chưa có ở nhánh chính{where}: "
                    "liên hệ của đơn vị chỉ được đăng khi người quản trị cổng đã duyệt và hợp nhất nó.")
        owners = sorted(u for u, allow in self.contacts.items() if u != unit and allow.allows(found))
        if owners:
            return (f"Đây là số liên hệ của đơn vị plans/{owners[0]}/: số liên hệ của một đơn vị chỉ được đăng "
                    "trên trang của chính đơn vị đó; số dùng chung cho mọi trang phải có trong plans/privacy.yml.")
        return ""


def contacts_of(portal: Portal) -> dict[str, AllowList]:
    return {u.path: AllowList.build([u.contact.phone or ""], [u.contact.email or ""])
            for u in portal.units if u.contact and (u.contact.phone or u.contact.email)}


def from_head(portal: Portal) -> Trust:
    """The tree trusts itself (local check, build)."""
    site = AllowList.build(portal.privacy.phones, portal.privacy.emails, portal.privacy.domains)
    contacts = contacts_of(portal)
    return Trust(site, contacts, site, contacts)


def open_base(root: Path, base_ref: str | None, base_dir: str | None) -> Tree | None:
    """The base tree named on the command line (None: no base)."""
    if base_dir:
        folder = Path(base_dir)
        if not folder.is_dir():
            raise BaseError(f"Không tìm thấy thư mục nhánh gốc «{base_dir}»")
        return Folder(folder, base_dir)
    if base_ref:
        return GitRef(Path(root), base_ref)
    return None


def from_base(portal: Portal, root: Path, base: Tree) -> Trust:
    """Allow-lists from ``base``; the head's own lists only explain refusals; the review list."""
    head = Folder(Path(root), ".")
    unit_files = {p for p in base.files(("plans/",)) if p.endswith("/_unit.yml")}
    texts = base.read(sorted({PRIVACY, CODEOWNERS, *unit_files}))
    site = _privacy(texts.get(PRIVACY))
    contacts: dict[str, AllowList] = {}
    for path in unit_files:
        contact = _contact(texts.get(path))
        if contact.phones or contact.emails:
            contacts[path[len("plans/") : -len("/_unit.yml")]] = contact
    claimed = AllowList.build(portal.privacy.phones, portal.privacy.emails, portal.privacy.domains)
    claimed_contacts = contacts_of(portal)
    owners = _Owners(texts.get(CODEOWNERS, b"").decode("utf-8", "replace"))
    # What is trusted is the base as it is now; what the pull request changes
    # is measured from where it left the base.
    fork = base.fork_point() if isinstance(base, GitRef) else base
    if fork is not base:
        fork_units = {p for p in fork.files(("plans/",)) if p.endswith("/_unit.yml")}
        fork_texts = fork.read(sorted({PRIVACY, *fork_units}))
        fork_site = _privacy(fork_texts.get(PRIVACY))
        fork_contacts = {p[len("plans/") : -len("/_unit.yml")]: c for p in fork_units
                         if (c := _contact(fork_texts.get(p))).phones or c.emails}
    else:
        fork_site, fork_contacts = site, contacts
    reviews = [
        *_list_changes(fork_site, claimed, owners),
        *_contact_changes(fork_contacts, claimed_contacts, owners),
        *_code_changes(fork.files(CODE), head.files(CODE), owners, base.label),
    ]
    return Trust(site, contacts, claimed, claimed_contacts, base.label, tuple(reviews))


def _node(data: bytes | None) -> yaml.Node | None:
    if not data:
        return None
    try:
        return frontmatter.compose(data.decode("utf-8").lstrip("\ufeff"))
    except (frontmatter.YamlProblem, UnicodeDecodeError):
        return None


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _strings(node: yaml.Node | None) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [item.value for item in node.value if isinstance(item, yaml.ScalarNode)]
    return []


def _privacy(data: bytes | None) -> AllowList:
    node = _node(data)
    return AllowList.build(_strings(_get(node, "phones")), _strings(_get(node, "emails")), _strings(_get(node, "domains")))


def _contact(data: bytes | None) -> AllowList:
    contact = _get(_node(data), "contact")
    return AllowList.build(_strings(_get(contact, "phone")), _strings(_get(contact, "email")))


class _Owners:
    """Owners of a path by the base's CODEOWNERS (GitHub: the last matching line wins)."""

    def __init__(self, text: str) -> None:
        self.rules: list[tuple[str, list[str]]] = []
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                pattern, *owners = line.split()
                self.rules.append((pattern, owners))

    def of(self, path: str) -> str:
        found: list[str] = []
        for pattern, owners in self.rules:
            anchored = pattern.startswith("/")
            body = pattern.lstrip("/")
            if pattern == "*" or (body.endswith("/") and ("/" + path).startswith("/" + body if anchored else body)) \
                    or fnmatch.fnmatch(path, body.replace("**/", "*")) or (not anchored and fnmatch.fnmatch(path.rpartition("/")[2], body)):
                found = owners
        return " ".join(found) if found else "người quản trị cổng (chưa khai báo trong .github/portal-maintainers)"


def _describe(allow: AllowList) -> list[str]:
    return [*sorted(allow.phones), *sorted(allow.emails), *(f"tên miền {d}" for d in sorted(allow.domains))]


def _list_changes(base: AllowList, head: AllowList, owners: _Owners) -> list[str]:
    added = _describe(AllowList(head.phones - base.phones, head.emails - base.emails, head.domains - base.domains))
    removed = _describe(AllowList(base.phones - head.phones, base.emails - head.emails, base.domains - head.domains))
    if not added and not removed:
        return []
    change = "; ".join(part for part in (
        f"thêm {', '.join(added)}" if added else "", f"bỏ {', '.join(removed)}" if removed else "") if part)
    return [f"{PRIVACY}: danh sách được phép đăng thay đổi ({change}); cần {owners.of(PRIVACY)} duyệt. "
            "Mục mới chỉ có hiệu lực sau khi được hợp nhất vào nhánh chính."]


def _contact_changes(base: Mapping[str, AllowList], head: Mapping[str, AllowList], owners: _Owners) -> list[str]:
    notes = []
    for unit in sorted(set(base) | set(head)):
        before, after = base.get(unit, AllowList()), head.get(unit, AllowList())
        if before != after:
            path = f"plans/{unit}/_unit.yml"
            shown = ", ".join(_describe(after)) or "không có"
            notes.append(f"{path}: liên hệ (contact) thay đổi, nay là {shown}; cần {owners.of(path)} duyệt. "
                         "Liên hệ mới chỉ được đăng sau khi được hợp nhất vào nhánh chính.")
    return notes


def _code_changes(base: dict[str, str], head: dict[str, str], owners: _Owners, label: str) -> list[str]:
    changed = sorted(p for p in set(base) | set(head) if base.get(p) != head.get(p))
    by_area: dict[str, list[str]] = {}
    for path in changed:
        area = next((a for a in _AREAS if path.startswith(a)), path)
        by_area.setdefault(area, []).append(path)
    notes = []
    for area, paths in by_area.items():
        what = _AREAS.get(area, area)
        sample = ", ".join(paths[:3]) + (f" và {len(paths) - 3} tệp khác" if len(paths) > 3 else "")
        notes.append(f"{what}: pull request sửa {len(paths)} tệp so với {label} ({sample}); "
                     f"mã và cấu hình dựng trang cần {owners.of(paths[0])} duyệt trước khi hợp nhất.")
    return notes
