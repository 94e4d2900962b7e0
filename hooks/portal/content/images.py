"""Photos of news items: checked, resized for the web and stripped of metadata.

Pillow is the maintained Python imaging library: it reads JPEG, PNG and WebP,
applies the EXIF orientation, resizes with a good filter and encodes JPEG with
the same bytes for the same input, which keeps builds reproducible.

A published photo is rebuilt from its pixels only, so nothing of the source's
metadata survives: no EXIF (GPS position, camera serial, time), no XMP, no
ICC profile, no comments. Phone photos carry the place they were taken, which
for a child's home or school must never be published.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PIL import Image, ImageOps, UnidentifiedImageError

from .. import paths
from ..model.records import Document
from ..model.records import Image as ImageRef
from ..model.site import Context, Output

MAX_WIDTH = 1200
"""Widest published copy, in pixels (enough for a laptop screen)."""
MAX_HEIGHT = 2400
"""Tallest published copy: tall infographics are scaled down too."""
SMALL_WIDTH = 480
"""Width of the small copy that phones download instead."""
MAX_PIXELS = 40_000_000
"""Larger sources are refused: decoding them would need gigabytes of memory
(a "decompression bomb" fits a huge blank image in a small file)."""
JPEG_QUALITY = 82
"""Visually close to the source at about a tenth of a camera file's size."""

# Pillow's own guard warns at 89 Mpx and fails at twice that; ours is lower and
# checked from the header before decoding, so its warning never fires first.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS * 2


@dataclass(frozen=True)
class PublishedImage:
    """A photo as the document page shows it."""

    path: str
    """Site path of the large copy."""
    width: int
    """Pixel width of the large copy."""
    height: int
    """Pixel height of the large copy."""
    small_path: str | None
    """Site path of the small copy; None when the photo is already small."""
    small_width: int
    """Pixel width of the small copy (the large width when there is none)."""
    alt: str
    """Text for readers who do not see the photo."""
    caption: str | None
    """Caption under the photo."""
    source: Path
    """The source file in the unit folder."""


class ImageError(Exception):
    """A photo that cannot be published; the message is Vietnamese."""


def source_path(root: Path, doc: Document, image: ImageRef) -> Path:
    return root / "plans" / doc.unit / image.file


def problem(path: Path) -> str | None:
    """Why the photo at ``path`` cannot be published, or None when it can."""
    try:
        with _open(path) as img:
            # A reduced-scale decode finds truncated and corrupt data at a
            # fraction of the cost of a full one.
            img.draft("RGB", (MAX_WIDTH, MAX_WIDTH))
            img.load()
    except ImageError as error:
        return str(error)
    except (OSError, SyntaxError, ValueError) as error:
        return _corrupt(path, error)
    return None


def published(root: Path, doc: Document) -> list[PublishedImage]:
    """The photos of ``doc`` with their published paths and sizes (headers only)."""
    found = []
    for number, image in enumerate(doc.images, start=1):
        source = source_path(root, doc, image)
        with _open(source) as img:
            width, height = _oriented_size(img)
        large = _fit(width, height, MAX_WIDTH, MAX_HEIGHT)
        small = _fit(width, height, SMALL_WIDTH, MAX_HEIGHT)
        has_small = small[0] < large[0]
        found.append(PublishedImage(
            path=paths.document_image(doc.unit, doc.slug, number),
            width=large[0], height=large[1],
            small_path=paths.document_image(doc.unit, doc.slug, number, SMALL_WIDTH) if has_small else None,
            small_width=small[0] if has_small else large[0],
            alt=image.alt, caption=image.caption, source=source,
        ))
    return found


def outputs(root: Path, doc: Document) -> Iterator[tuple[str, bytes]]:
    """(site path, JPEG bytes) of every published copy of the photos of ``doc``."""
    for image in published(root, doc):
        pixels = _clean_pixels(image.source)
        yield image.path, _encode(pixels, (image.width, image.height))
        if image.small_path:
            small_height = max(1, round(image.height * image.small_width / image.width))
            yield image.small_path, _encode(pixels, (image.small_width, small_height))


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
    except FileNotFoundError:
        raise ImageError(f"không tìm thấy ảnh {path.name}") from None
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        if isinstance(error, UnidentifiedImageError):
            raise ImageError(f"không đọc được ảnh {path.name}: tệp hỏng hoặc không phải ảnh JPEG, PNG, WebP") from None
        raise ImageError(_too_many_pixels(path.name, None)) from None
    if img.width * img.height > MAX_PIXELS:
        img.close()
        raise ImageError(_too_many_pixels(path.name, (img.width, img.height)))
    return img


def _too_many_pixels(name: str, size: tuple[int, int] | None) -> str:
    shown = f" ({size[0]}×{size[1]} điểm ảnh)" if size else ""
    return (f"ảnh {name} quá nhiều điểm ảnh{shown}, tối đa {MAX_PIXELS // 1_000_000} triệu: "
            "hãy thu nhỏ ảnh (ví dụ rộng 2000 điểm ảnh) trước khi tải lên")


def _corrupt(path: Path, error: BaseException) -> str:
    # The library's own (English) wording is left out: it helps no contributor.
    return f"không đọc được ảnh {path.name}: tệp có thể bị hỏng hoặc tải lên chưa hết, hãy xuất lại ảnh rồi tải lên"


def _oriented_size(img: Image.Image) -> tuple[int, int]:
    # EXIF orientations 5-8 turn the photo a quarter: width and height swap.
    orientation = img.getexif().get(0x0112, 1)
    return (img.height, img.width) if orientation in (5, 6, 7, 8) else (img.width, img.height)


def _fit(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """Size within the box, keeping the aspect ratio; never enlarged."""
    scale = min(1.0, max_width / width, max_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _clean_pixels(source: Path) -> Image.Image:
    """The upright photo as a new RGB image that holds pixels and nothing else."""
    with _open(source) as img:
        # Decode JPEGs at a reduced scale still at least the large size: faster, same result.
        img.draft("RGB", (MAX_WIDTH, MAX_WIDTH))
        upright = ImageOps.exif_transpose(img)
        if upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info):
            # Transparent areas become white, as on the page background.
            rgba = upright.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            upright = flat
        rgb = upright.convert("RGB")
        # frombytes makes a fresh image: no info dict, no EXIF, no ICC profile.
        return Image.frombytes("RGB", rgb.size, rgb.tobytes())


def _encode(pixels: Image.Image, size: tuple[int, int]) -> bytes:
    resized = pixels if pixels.size == size else pixels.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or comment: the file carries pixels only.
    resized.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def provide(ctx: Context) -> Iterator[Output]:
    """Every published copy of every photo of the portal."""
    for doc in ctx.portal.documents:
        for path, data in outputs(ctx.root, doc):
            yield Output(path, data)
