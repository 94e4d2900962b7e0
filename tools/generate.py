"""A synthetic national portal for benchmarks: ``python -m portal generate``.

It writes a complete portal folder (mkdocs.yml, docs/, plans/) shaped like the
real thing after the 2025 reform: 34 provinces, about 3,300 communes and wards,
the 29 provinces that merged away and pre-2025 districts and communes for
older years, with plans, news and reports in Vietnamese. The same seed always
gives the same bytes: one ``random.Random(seed)``, sorted iteration and no
wall clock.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.model import lunar
from portal.paths import slugify

REPO = Path(__file__).resolve().parents[1]
CORPUS_VERSION = "1"
"""Bumped whenever the generated content changes, so cached corpora are remade."""
END_OF_OLD = "2025-06-30"
START_OF_NEW = "2025-07-01"
YEARS = range(2020, 2027)
LAST_MONTH_2026 = 10
"""Generated documents stay before the end of October 2026."""

# The 34 provinces after 1 July 2025; the 6 centrally governed cities first.
CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
PROVINCES = (
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)
# Provinces that ceased on 30 June 2025 -> the province they joined.
MERGED = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ", "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng", "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh", "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh", "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}
# Syllables of synthetic place names; đ/Đ words on purpose (slugs fold đ -> d).
SYLLABLES = (
    "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Đông", "Tây", "Nam", "Bắc", "Hà",
    "Sơn", "Đồng", "Định", "Xuân", "Thuận", "Hưng", "Vĩnh", "Quảng", "Mỹ", "Phước", "Lộc",
    "Thành", "Trung", "Hải", "Cẩm", "Lâm", "Đức", "Hiệp", "Nghĩa", "Thái", "Kim", "Ngọc",
    "Minh", "Quang", "Tiên", "Yên", "Lạc", "Gia", "Hồng", "Hương", "Liên", "Phong", "Tường",
    "Lão", "Giang", "Điền", "Đoài", "Cát", "Thủy", "Khánh", "Châu", "Đạo", "Triệu",
)
# Names that recur across provinces, as they do in the real tree.
SHARED_NAMES = ("Hà Giang", "An Lão", "Đông Sơn", "Đồng Tâm", "Định Hóa", "Tân Phú")

CAMPAIGN_ACTIVITIES = {
    "thang-hanh-dong": "Tháng hành động vì trẻ em",
    "quoc-te-thieu-nhi": "Hoạt động nhân ngày Quốc tế thiếu nhi",
    "dien-dan-tre-em": "Diễn đàn trẻ em",
    "ngay-gia-dinh-viet-nam": "Ngày Gia đình Việt Nam",
    "tet-trung-thu": "Tết Trung thu cho thiếu nhi",
    "tet-nguyen-dan": "Thăm hỏi, tặng quà trẻ em dịp Tết Nguyên đán",
}
PLAIN_ACTIVITIES = (
    "Tập huấn kỹ năng bảo vệ trẻ em cho cộng tác viên",
    "Kiểm tra mô hình phòng, chống đuối nước cho trẻ em",
    "Rà soát trẻ em có hoàn cảnh đặc biệt",
    "Truyền thông phòng, chống xâm hại trẻ em tại trường học",
    "Lớp dạy bơi an toàn cho học sinh",
    "Đánh giá xã, phường phù hợp với trẻ em",
)
# Body text: subjects, verbs and objects recombined into sentences.
SUBJECTS = (
    "Ủy ban nhân dân", "Ban Chỉ đạo", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên",
    "các trường học", "cộng tác viên thôn, tổ dân phố", "trạm y tế", "Hội Chữ thập đỏ",
)
VERBS = (
    "tổ chức", "phối hợp triển khai", "rà soát", "thăm hỏi, tặng quà", "tuyên truyền về",
    "hỗ trợ", "kiểm tra việc thực hiện", "vận động nguồn lực cho",
)
OBJECTS = (
    "trẻ em có hoàn cảnh đặc biệt", "trẻ em mồ côi", "trẻ em khuyết tật", "trẻ em nghèo",
    "phòng, chống đuối nước cho trẻ em", "phòng, chống xâm hại, bạo lực trẻ em",
    "đêm hội Trung thu cho thiếu nhi", "Diễn đàn trẻ em", "sân chơi an toàn dịp hè",
    "Tổng đài quốc gia bảo vệ trẻ em 111", "học bổng cho học sinh vượt khó",
    "kỹ năng phòng tránh tai nạn thương tích", "chăm sóc dinh dưỡng cho trẻ dưới 5 tuổi",
)
ENDINGS = (
    "trên địa bàn", "ở các thôn, tổ dân phố", "trong dịp hè", "theo kế hoạch năm",
    "với sự tham gia của cha mẹ và nhà trường", "kịp thời và đúng đối tượng",
)
HEADINGS = ("Mục đích, yêu cầu", "Nhiệm vụ trọng tâm", "Giải pháp", "Tổ chức thực hiện", "Kinh phí", "Kết quả nổi bật")
ISSUER_SIGNS = ("KH-UBND", "KH-BCĐ", "KH-LĐTBXH", "KH-VHXH")

# Indicator id -> target forms (as plans write them) and result forms.
TARGET_FORMS = {
    "tre-em-hcdb-duoc-tro-giup": (("100%", ">= 95%", "ít nhất 98%"), ("100%", "97%", "99,5%")),
    "tre-em-bi-xam-hai-duoc-can-thiep": (("100%", "trên 95%"), ("100%", "96%")),
    "xa-phuong-phu-hop-tre-em": (("14/14", "12/15", "20/24"), ("13/14", "12/15", "21/24")),
    "ty-le-xa-phuong-phu-hop-tre-em": (("80% trở lên", ">= 80%", "trên 80%"), ("82%", "78%", "85%")),
    "nhan-luc-duoc-tap-huan": ((">= 80%", "90%", "trên 80%"), ("85%", "79%", "92%")),
    "gia-dinh-duoc-nang-cao-nhan-thuc": (("80%", "tăng dần", "duy trì"), ("81%", "83%")),
    "xa-duy-tri-ban-chi-dao": (("100%",), ("100%", "95%")),
    "tre-em-tham-gia-hoat-dong-cao-diem": (("ít nhất 90%", "90% trở lên"), ("92%", "88%")),
    "tre-duoi-5-suy-dinh-duong": (("dưới 7,5%", "không quá 10%"), ("7,2%", "8,1%")),
    "ty-suat-tu-vong-tre-duoi-1-tuoi": (("9,5‰", "dưới 10‰"), ("9,1‰", "10,2‰")),
    "tre-em-duoc-tang-qua": (("khoảng 100", "1.250", "1.250 trẻ", "500 trẻ trở lên"), ("1.300", "98", "520")),
}
COUNT_INDICATOR = {
    "id": "tre-em-duoc-tang-qua",
    "name": "Trẻ em được thăm hỏi, tặng quà trong các dịp lễ, Tết",
    "measure": "count",
    "better": "higher",
    "description": "Số lượt trẻ em có hoàn cảnh đặc biệt, trẻ em nghèo được thăm hỏi, tặng quà trong năm.",
}


@dataclass(eq=False)
class _Unit:
    path: str
    name: str
    level: str
    old: bool
    """Ceased on 30 June 2025."""
    new: bool = False
    """Created on 1 July 2025."""
    merged_into: tuple[str, ...] = ()
    slugs: set[str] = field(default_factory=set)
    """Slugs taken in its folder (child units and documents)."""
    numbers: int = 0
    plans: dict[int, str] = field(default_factory=dict)
    """Year -> number of its latest plan, for references from below."""
    targets: dict[str, list[str]] = field(default_factory=dict)
    """Plan number -> indicators of its targets, for reports."""
    parent: _Unit | None = None

    @property
    def word(self) -> str:
        return {"tinh": "tỉnh", "thanh-pho-tw": "thành phố", "huyen": "huyện", "quan": "quận",
                "thi-xa": "thị xã", "xa": "xã", "phuong": "phường"}[self.level]

    @property
    def label(self) -> str:
        return f"{self.word} {self.name}"


@dataclass(frozen=True)
class Summary:
    """What a generation wrote."""

    units: int
    documents: int
    by_kind: dict[str, int]


def generate(out: Path | str, documents: int, seed: int = 1, communes: int = 3300) -> Summary:
    """Write a portal of ``documents`` documents into ``out`` (replaced if it exists)."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    plans = out / "plans"
    plans.mkdir(parents=True)
    write_frame(out)
    units = _tree(rng, communes)
    for unit in units:
        _write_unit(plans, unit)
    counts = _documents(rng, plans, units, documents)
    return Summary(len(units), sum(counts.values()), counts)


def write_frame(out: Path) -> None:
    """(Re)write mkdocs.yml, docs/ and the catalogues from this repository."""
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    shutil.copytree(REPO / "docs", out / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = (REPO / "hooks").as_posix()
    config = config.replace("site_name: Cổng thông tin bảo vệ, chăm sóc trẻ em", "site_name: Cổng thông tin mẫu toàn quốc (dữ liệu sinh tự động)", 1)
    # Every path into hooks/ (the hook file, the theme, watched folders) points
    # back to this repository; the portal's own content stays relative.
    config = re.sub(r"(?m)^(\s*(?:-\s+|custom_dir:\s+))hooks\b", lambda m: m.group(1) + hooks, config)
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy2(REPO / "plans" / "campaigns.yml", out / "plans" / "campaigns.yml")
    indicators = (REPO / "plans" / "indicators.yml").read_text(encoding="utf-8")
    # The sample catalogue has no count indicator; counts ("1.250 trẻ") need one.
    indicators += "\n" + _dump([COUNT_INDICATOR])
    (out / "plans" / "indicators.yml").write_text(indicators, encoding="utf-8")
    (out / "plans" / "privacy.yml").write_text(_dump({"phones": [], "emails": [], "domains": ["gov.vn"]}), encoding="utf-8")


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _name(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    """A place name whose slug is free in ``taken`` (and now taken)."""
    while True:
        if rng.random() < 0.04:
            name = rng.choice(SHARED_NAMES)
        else:
            first, second = rng.sample(SYLLABLES, 2)
            name = f"{first} {second}"
        slug = slugify(name)
        if slug not in taken:
            taken.add(slug)
            return name, slug


def _tree(rng: random.Random, communes: int) -> list[_Unit]:
    current = [(n, "thanh-pho-tw") for n in CITIES] + [(n, "tinh") for n in PROVINCES]
    provinces = {n: _Unit(slugify(n), n, level, old=False) for n, level in sorted(current)}
    units: list[_Unit] = list(provinces.values())
    for name in sorted(MERGED):
        heir = provinces[MERGED[name]]
        units.append(_Unit(slugify(name), name, "tinh", old=True, merged_into=(heir.path,)))
    new_by_province: dict[str, list[_Unit]] = {}
    names = sorted(provinces)
    share = max(1, communes // len(names))
    for i, name in enumerate(names):
        province = provinces[name]
        count = share + (communes - share * len(names) if i == len(names) - 1 else 0)
        made = []
        for _ in range(max(1, count)):
            cname, slug = _name(rng, province.slugs)
            level = "phuong" if rng.random() < 0.25 else "xa"
            made.append(_Unit(f"{province.path}/{slug}", cname, level, old=False, new=True, parent=province))
        new_by_province[province.path] = made
        units.extend(made)
    # Pre-2025 districts: a few per province (old ones too), three communes each.
    districts_per_province = max(1, communes // 550)
    for province in [u for u in units if u.level in ("tinh", "thanh-pho-tw")]:
        heir = province.merged_into[0] if province.merged_into else province.path
        for _ in range(districts_per_province):
            dname, dslug = _name(rng, province.slugs)
            level = rng.choice(("huyen", "huyen", "quan", "thi-xa"))
            district = _Unit(f"{province.path}/{dslug}", dname, level, old=True, parent=province)
            units.append(district)
            for _ in range(3):
                cname, cslug = _name(rng, district.slugs)
                successor = rng.choice(new_by_province[heir])
                units.append(_Unit(f"{district.path}/{cslug}", cname, "phuong" if level == "quan" else "xa",
                                   old=True, merged_into=(successor.path,), parent=district))
    return sorted(units, key=lambda u: u.path)


def _write_unit(plans: Path, unit: _Unit) -> None:
    data: dict[str, object] = {"name": unit.name, "level": unit.level}
    if unit.new:
        data["valid_from"] = START_OF_NEW
        data["history"] = "Đơn vị hành chính cấp xã mới, hoạt động từ ngày 01/7/2025 sau khi sắp xếp lại các xã, phường, thị trấn (dữ liệu sinh tự động)."
    if unit.old:
        data["valid_to"] = END_OF_OLD
        if unit.merged_into:
            data["merged_into"] = list(unit.merged_into)
        data["history"] = "Đơn vị thôi tồn tại từ sau ngày 30/6/2025 theo đợt sắp xếp đơn vị hành chính năm 2025 (dữ liệu sinh tự động)."
    folder = plans / unit.path
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_unit.yml").write_text(_dump(data), encoding="utf-8")


def _documents(rng: random.Random, plans: Path, units: list[_Unit], wanted: int) -> dict[str, int]:
    old_era = [u for u in units if not u.new]
    new_era = [u for u in units if not u.old]
    counts = {"plan": 0, "news": 0, "report": 0}
    made = 0
    while made < wanted:
        year = rng.choice(YEARS)
        # 2025 is split: units that ceased on 30 June keep the first half.
        late = year == 2026 or (year == 2025 and rng.random() < 0.5)
        unit = rng.choice(new_era if late else old_era)
        first_month = 7 if (late and year == 2025) else 1
        last_month = 6 if (unit.old and year == 2025) else (LAST_MONTH_2026 if year == 2026 else 12)
        number = _plan(rng, plans, unit, year, first_month)
        counts["plan"] += 1
        made += 1
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            if made >= wanted:
                break
            _news(rng, plans, unit, year, max(first_month, 2), last_month, number)
            counts["news"] += 1
            made += 1
        if made < wanted and last_month == 12 and rng.random() < 0.35:
            _report(rng, plans, unit, year, number)
            counts["report"] += 1
            made += 1
    return counts


def _slug(unit: _Unit, base: str) -> str:
    slug, n = base, 2
    while slug in unit.slugs:
        slug, n = f"{base}-{n}", n + 1
    unit.slugs.add(slug)
    return slug


def _number(rng: random.Random, unit: _Unit) -> str:
    unit.numbers += 1
    return f"{unit.numbers * 7 + rng.randrange(7)}/{rng.choice(ISSUER_SIGNS)}"


def _targets(rng: random.Random) -> list[tuple[str, str]]:
    chosen = rng.sample(sorted(TARGET_FORMS), rng.randint(2, 5))
    return [(indicator, rng.choice(TARGET_FORMS[indicator][0])) for indicator in sorted(chosen)]


def _day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> dt.date:
    month = rng.randint(first_month, last_month)
    return dt.date(year, month, rng.randint(1, 28))


def _activities(rng: random.Random, year: int, first_month: int, last_month: int) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    if first_month <= 6 <= last_month:
        found.append({"title": CAMPAIGN_ACTIVITIES["thang-hanh-dong"], "date": f"{year}-06-01..{year}-06-30", "campaign": "thang-hanh-dong"})
        found.append({"title": CAMPAIGN_ACTIVITIES["quoc-te-thieu-nhi"], "date": f"{year}-06-01", "campaign": "quoc-te-thieu-nhi"})
    if rng.random() < 0.6:
        found.append({"title": CAMPAIGN_ACTIVITIES["dien-dan-tre-em"], "date": str(year), "campaign": "dien-dan-tre-em"})
    trung_thu = lunar.trung_thu(year)
    if first_month <= trung_thu.month <= last_month:
        # Month only in some plans, the exact lunar date in others: both occur in real ones.
        when = trung_thu.isoformat() if rng.random() < 0.5 else f"{year}-{trung_thu.month:02d}"
        found.append({"title": CAMPAIGN_ACTIVITIES["tet-trung-thu"], "date": when, "campaign": "tet-trung-thu"})
    for title in rng.sample(PLAIN_ACTIVITIES, 2):
        month = rng.randint(first_month, last_month)
        found.append({"title": title, "date": f"{year}-{month:02d}"})
    return found


def _sentence(rng: random.Random, unit: _Unit) -> str:
    text = f"{rng.choice(SUBJECTS)} {unit.label} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"
    if rng.random() < 0.3:
        text += f", đạt {rng.randint(80, 100)}% kế hoạch"
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, unit: _Unit, year: int, sections: int) -> str:
    parts: list[str] = []
    for heading in rng.sample(HEADINGS, sections):
        parts.append(f"## {heading}")
        parts.append(" ".join(_sentence(rng, unit) for _ in range(rng.randint(3, 6))))
        if rng.random() < 0.6:
            parts.append("\n".join(f"- {_sentence(rng, unit)}" for _ in range(rng.randint(2, 5))))
    if rng.random() < 0.3:
        rows = "\n".join(
            f"| {name} | {rng.randint(10, 900)} | {rng.randint(60, 100)}% |"
            for name in rng.sample(OBJECTS, 3)
        )
        parts.append(f"| Nội dung năm {year} | Số trẻ em | Tỷ lệ |\n|---|---|---|\n{rows}")
    parts.append("Khi phát hiện trẻ em bị bạo lực, xâm hại, hãy gọi **Tổng đài quốc gia bảo vệ trẻ em 111**.")
    return "\n\n".join(parts) + "\n"


def _write(plans: Path, unit: _Unit, slug: str, meta: dict[str, object], body: str) -> None:
    text = f"---\n{_dump(meta)}---\n\n{body}"
    (plans / unit.path / f"{slug}.md").write_text(text, encoding="utf-8")


def _plan(rng: random.Random, plans: Path, unit: _Unit, year: int, first_month: int) -> str:
    number = _number(rng, unit)
    slug = _slug(unit, f"{year}-ke-hoach-{number.split('/')[0]}")
    issued = _day(rng, year, first_month, first_month + 2)
    meta: dict[str, object] = {
        "kind": "plan",
        "title": f"Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em năm {year} của {unit.label}",
        "summary": f"{unit.label[0].upper()}{unit.label[1:]} đặt mục tiêu bảo vệ, chăm sóc trẻ em có hoàn cảnh đặc biệt, phòng, chống đuối nước và xâm hại trẻ em năm {year}.",
        "year": year,
        "number": number,
        "issued": issued.isoformat() if rng.random() < 0.7 else f"{year}-{issued.month:02d}",
        "issuer": f"Ủy ban nhân dân {unit.label}",
    }
    implements = []
    if unit.parent is not None and year in unit.parent.plans:
        implements.append({"unit": unit.parent.path, "number": unit.parent.plans[year]})
    if rng.random() < 0.3:
        # A decision of the provincial department, outside the portal; "QĐ" never
        # matches a number of this unit, so it cannot resolve to a local plan.
        implements.append({"issuer": "Sở Y tế", "number": f"{rng.randint(10, 999)}/QĐ-SYT", "title": f"Ban hành Chương trình công tác trẻ em năm {year}"})
    if implements:
        meta["implements"] = implements
    meta["targets"] = [{"indicator": i, "value": v} for i, v in _targets(rng)]
    meta["activities"] = _activities(rng, year, first_month, 12 if not (unit.old and year == 2025) else 6)
    _write(plans, unit, slug, meta, _body(rng, unit, year, rng.randint(3, 5)))
    unit.plans[year] = number
    unit.targets[number] = [t["indicator"] for t in meta["targets"]]
    return number


def _news(rng: random.Random, plans: Path, unit: _Unit, year: int, first_month: int, last_month: int, plan_number: str) -> None:
    day = _day(rng, year, first_month, last_month)
    campaign = rng.choice(sorted(CAMPAIGN_ACTIVITIES))
    what = CAMPAIGN_ACTIVITIES[campaign]
    title = f"{unit.label[0].upper()}{unit.label[1:]}: {what} năm {year}"
    slug = _slug(unit, f"{year}-{day.month:02d}-{slugify(what)[:40].rstrip('-')}")
    meta: dict[str, object] = {
        "kind": "news",
        "title": title,
        "summary": f"Tin về hoạt động {what[0].lower()}{what[1:]} của {unit.label}, quan tâm trẻ em có hoàn cảnh đặc biệt.",
        "date": day.isoformat() if rng.random() < 0.8 else f"{year}-{day.month:02d}",
        "campaign": campaign,
        "plan": {"number": plan_number},
        "activities": [{"title": what, "date": day.isoformat(), "campaign": campaign}],
    }
    _write(plans, unit, slug, meta, _body(rng, unit, year, rng.randint(2, 3)))


def _report(rng: random.Random, plans: Path, unit: _Unit, year: int, plan_number: str) -> None:
    number = _number(rng, unit).replace("KH-", "BC-")
    slug = _slug(unit, f"{year}-bao-cao-ket-qua-{number.split('/')[0]}")
    indicators = unit.targets[plan_number]
    meta: dict[str, object] = {
        "kind": "report",
        "title": f"Báo cáo kết quả thực hiện Kế hoạch {plan_number} năm {year}",
        "year": year,
        "number": number,
        "issued": f"{year}-12" if not unit.old or year < 2025 else f"{year}-06",
        "issuer": f"Ủy ban nhân dân {unit.label}",
        "plan": {"number": plan_number},
        "results": [
            {"indicator": i, "value": rng.choice(TARGET_FORMS[i][1]), "measured": f"{year}-12" if year < 2025 or not unit.old else f"{year}-06"}
            for i in indicators if TARGET_FORMS[i][1]
        ],
    }
    _write(plans, unit, slug, meta, _body(rng, unit, year, 2))
