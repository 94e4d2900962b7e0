"""News photos: published without metadata, resized, upright; bad photos get a check error."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import ROOT, parse
from portal.content import images
from portal import paths
from portal.content.check import check_portal
from portal.model.records import Document, Image as ImageRef
from portal.content.validate import MAX_IMAGE_BYTES

NEWS = "plans/ha-noi/long-bien/2020-10-vui-tet-trung-thu-mau.md"
PHOTO = "plans/ha-noi/long-bien/2020-10-dem-hoi-trang-ram.jpg"
SAMPLE = check_portal(ROOT).portal


def news_with_photos() -> list[Document]:
    return [d for d in SAMPLE.documents if d.images]


def test_the_sample_source_photo_does_carry_gps() -> None:
    # Without this, "no GPS in the output" would prove nothing.
    with Image.open(ROOT / PHOTO) as source:
        assert source.getexif().get_ifd(0x8825)
        assert source.width > images.MAX_WIDTH


def test_published_photos_carry_no_metadata_and_are_resized(sample_site: Path) -> None:
    docs = news_with_photos()
    assert len({d.unit for d in docs}) >= 2
    for doc in docs:
        page = paths.document_page(doc.unit, doc.slug)
        tree = parse(sample_site / page / "index.html")
        tags = tree.xpath("//div[@class='pt-gallery']//img")
        assert len(tags) == len(doc.images)
        for number, (tag, ref) in enumerate(zip(tags, doc.images), start=1):
            assert tag.get("alt") == ref.alt
            published = sample_site / paths.document_image(doc.unit, doc.slug, number)
            assert tag.get("src") == published.name
            with Image.open(published) as img:
                assert img.format == "JPEG"
                assert not img.getexif()
                assert not img.getexif().get_ifd(0x8825)
                assert not {"exif", "icc_profile", "xmp", "comment"} & set(img.info)
                assert img.width <= images.MAX_WIDTH
                assert (str(img.width), str(img.height)) == (tag.get("width"), tag.get("height"))
                # No "Exif" or XMP segment hides anywhere in the bytes either.
                data = published.read_bytes()
                assert b"Exif\x00\x00" not in data and b"http://ns.adobe.com/xap" not in data
    big = sample_site / paths.document_image("ha-noi/long-bien", "2020-10-vui-tet-trung-thu-mau", 1)
    with Image.open(big) as img:
        assert img.size == (1200, 800)
    small = sample_site / paths.document_image("ha-noi/long-bien", "2020-10-vui-tet-trung-thu-mau", 1, images.SMALL_WIDTH)
    with Image.open(small) as img:
        assert img.size == (480, 320) and not img.getexif()


def photo_doc(tmp_path: Path, name: str) -> Document:
    (tmp_path / "plans/u").mkdir(parents=True, exist_ok=True)
    template = news_with_photos()[0]
    return dataclasses.replace(template, unit="u", slug="tin", source="plans/u/tin.md",
                               images=(ImageRef(file=name, alt="Ảnh thử"),))


def test_exif_orientation_is_applied_before_stripping(tmp_path: Path) -> None:
    doc = photo_doc(tmp_path, "xoay.jpg")
    source = Image.new("RGB", (1600, 1000), (0, 0, 255))
    ImageDraw.Draw(source).rectangle([0, 0, 799, 999], fill=(255, 0, 0))  # left half red
    exif = source.getexif()
    exif[0x0112] = 6  # shown turned a quarter clockwise
    exif.get_ifd(0x8825)[2] = (10.0, 0.0, 0.0)
    source.save(tmp_path / "plans/u/xoay.jpg", exif=exif, quality=95)
    [shown] = images.published(tmp_path, doc)
    assert (shown.width, shown.height) == (1000, 1600)
    outputs = dict(images.outputs(tmp_path, doc))
    with Image.open(io.BytesIO(outputs[shown.path])) as img:
        assert img.size == (1000, 1600) and not img.getexif()
        top, bottom = img.getpixel((500, 200)), img.getpixel((500, 1400))
    assert top[0] > 200 and top[2] < 60  # the red half is now on top
    assert bottom[2] > 200 and bottom[0] < 60
    assert dict(images.outputs(tmp_path, doc)) == outputs  # same bytes every time


def test_transparent_png_becomes_a_white_backed_jpeg(tmp_path: Path) -> None:
    doc = photo_doc(tmp_path, "trong-suot.png")
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(tmp_path / "plans/u/trong-suot.png")
    [(path, data)] = list(images.outputs(tmp_path, doc))
    assert path.endswith("anh-1.jpg")
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG" and img.size == (300, 200)
        assert min(img.getpixel((150, 100))) > 245


# -- check errors ------------------------------------------------------------


def portal_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    return tmp_path


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in check_portal(root).problems]


def only_problem(root: Path) -> str:
    found = problems_of(root)
    assert len(found) == 1, found
    assert "Traceback" not in found[0]
    return found[0]


def test_photo_without_alt_is_refused(tmp_path: Path) -> None:
    root = portal_copy(tmp_path)
    news = root / NEWS
    text = news.read_text(encoding="utf-8")
    news.write_text(text.replace("    alt: Tranh vẽ minh họa thiếu nhi rước đèn dưới trăng\n", ""), encoding="utf-8")
    problem = only_problem(root)
    assert problem.startswith(NEWS + ":")
    assert "images[1]" in problem and "alt" in problem


def test_photo_larger_than_the_limit(tmp_path: Path) -> None:
    root = portal_copy(tmp_path)
    photo = root / PHOTO
    # Trailing bytes after the JPEG's end: still a readable photo, just too big.
    with photo.open("ab") as f:
        f.write(b"\0" * (MAX_IMAGE_BYTES + 1))
    problem = only_problem(root)
    assert problem.startswith(NEWS + ":") and "images[0].file" in problem
    assert "ảnh quá lớn" in problem and "tối đa 5 MB" in problem


def test_missing_photo_file(tmp_path: Path) -> None:
    root = portal_copy(tmp_path)
    (root / PHOTO).unlink()
    problem = only_problem(root)
    assert "images[0].file" in problem and "không tìm thấy ảnh plans/ha-noi/long-bien/2020-10-dem-hoi-trang-ram.jpg" in problem


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_photo_gets_a_vietnamese_error(tmp_path: Path, damage: str) -> None:
    root = portal_copy(tmp_path)
    photo = root / PHOTO
    data = photo.read_bytes()
    photo.write_bytes(b"day khong phai la anh" * 10 if damage == "garbage" else data[: len(data) // 3])
    problem = only_problem(root)
    assert problem.startswith(NEWS + ":") and "images[0].file" in problem
    assert "không đọc được ảnh 2020-10-dem-hoi-trang-ram.jpg" in problem


def test_photo_with_too_many_pixels_is_refused_before_decoding(tmp_path: Path) -> None:
    root = portal_copy(tmp_path)
    # 8000 × 6000 of one grey: a tiny file that would need 144 MB once decoded.
    Image.new("L", (8000, 6000), 128).save(root / PHOTO.replace(".jpg", ".png"))
    news = root / NEWS
    news.write_text(news.read_text(encoding="utf-8").replace("2020-10-dem-hoi-trang-ram.jpg", "2020-10-dem-hoi-trang-ram.png"), encoding="utf-8")
    (root / PHOTO).unlink()
    assert (root / PHOTO.replace(".jpg", ".png")).stat().st_size < MAX_IMAGE_BYTES
    problem = only_problem(root)
    assert "images[0].file" in problem
    assert "quá nhiều điểm ảnh (8000×6000 điểm ảnh), tối đa 40 triệu" in problem
