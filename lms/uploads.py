"""The one set of checks every uploaded file passes before anything is saved.

Every upload form of the platform (Wagtail images and documents, the account,
participant, sign-in sheet, population and question imports) runs its file
through `UploadValidator`: the extension is on the form's allow-list, the size
is under its limit, the first bytes say the same type as the name (a .pdf is a
PDF, an .xlsx is a ZIP holding a workbook), and a ZIP-based file is inspected
from its directory before anything opens it (members, expanded size,
compression ratio, nested archives, names escaping the folder). Images are
then decoded and re-encoded by Pillow (`image_reencode`), which drops EXIF
(GPS), comments and anything appended after the picture.

A refused file raises ValidationError with one of the messages below; the form
is then invalid and nothing is written. Limits are settings (UPLOAD_* and
Wagtail's own WAGTAIL*_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS), read at
call time.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# --- Messages ------------------------------------------------------------------

UPLOAD_EMPTY = _("The file is empty.")
UPLOAD_EXTENSION_REFUSED = _(
    "Files of type “%(extension)s” cannot be uploaded here. Accepted: %(allowed)s."
)
UPLOAD_TOO_LARGE = _("The file is too large (%(size)s); the limit is %(limit)s.")
UPLOAD_CONTENT_MISMATCH = _(
    "The file's content is not a .%(extension)s file: its name says one type and "
    "its content another."
)
UPLOAD_SVG_REFUSED = _(
    "SVG images are not accepted: they can carry scripts. Save the image as PNG "
    "and upload that."
)
UPLOAD_ARCHIVE_BROKEN = _("The file is damaged or is not a valid .%(extension)s file.")
UPLOAD_ARCHIVE_ENCRYPTED = _(
    "The file is protected by a password and cannot be checked; upload it without "
    "a password."
)
UPLOAD_ARCHIVE_TOO_MANY_MEMBERS = _(
    "The file holds too many parts (%(count)s; at most %(limit)s). It may be a zip "
    "bomb."
)
UPLOAD_ARCHIVE_TOO_LARGE_EXPANDED = _(
    "The file would expand to %(size)s when opened; the limit is %(limit)s. It may "
    "be a zip bomb."
)
UPLOAD_ARCHIVE_RATIO = _(
    "The file is compressed %(ratio)s times, far more than real documents are. It "
    "may be a zip bomb."
)
UPLOAD_ARCHIVE_NESTED = _(
    "The file holds another archive (%(name)s); archives inside archives are not "
    "accepted."
)
UPLOAD_ARCHIVE_UNSAFE_NAME = _(
    "The file holds a part with an unsafe name (%(name)s) that points outside its "
    "folder."
)
UPLOAD_IMAGE_UNREADABLE = _("The image cannot be read; it may be damaged.")
UPLOAD_IMAGE_TOO_MANY_PIXELS = _(
    "The image is too large (%(pixels)s pixels); the limit is %(limit)s pixels."
)
UPLOAD_IMAGE_TOO_MANY_FRAMES = _(
    "The animation has too many frames (%(count)s); the limit is %(limit)s."
)

# --- Limits (settings with these defaults) -------------------------------------

DEFAULTS: dict[str, int] = {
    # Office files hold 10-300 parts; a lesson's .zip a few hundred files.
    "UPLOAD_ZIP_MAX_MEMBERS": 2_000,
    "UPLOAD_ZIP_MAX_EXPANDED_BYTES": 200 * 1024 * 1024,
    # Spreadsheet and document XML compresses 5-30 times; a bomb 1,000 times.
    "UPLOAD_ZIP_MAX_RATIO": 100,
    # Below this expanded size a high ratio harms nothing (a blank sheet's XML).
    "UPLOAD_ZIP_RATIO_FLOOR_BYTES": 1024 * 1024,
    "UPLOAD_IMAGE_MAX_FRAMES": 100,
    "WAGTAILIMAGES_MAX_IMAGE_PIXELS": 40_000_000,
}


def _limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


# --- Content sniffing ----------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
OFFICE_PREFIXES = {"xlsx": "xl/", "docx": "word/", "pptx": "ppt/"}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
ZIP_EXTENSIONS = {"zip", *OFFICE_PREFIXES, *OPENDOCUMENT_TYPES}
TEXT_EXTENSIONS = {"txt", "csv", "gift", "xml"}
IMAGE_MAGIC: dict[str, tuple[bytes, ...]] = {
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
}
# The first bytes of archives and programs, refused inside text and as members.
ARCHIVE_MAGIC = (
    ZIP_MAGIC,
    b"PK\x05\x06",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)
BINARY_MAGIC = (
    *ARCHIVE_MAGIC,
    b"%PDF-",
    b"MZ",  # Windows programs
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",  # old Office (OLE)
)
ARCHIVE_SUFFIXES = (".zip", ".zipx", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar")
# Markup a browser would run if a text file were ever shown as HTML.
MARKUP_START = re.compile(
    rb"^\s*<(!doctype\s+html|html|script|svg|body|iframe)\b", re.I
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SNIFF_BYTES = 8192
IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower().lstrip(".")


def _read_head(upload: IO[bytes], size: int = SNIFF_BYTES) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _mismatch(extension: str) -> ValidationError:
    return ValidationError(
        UPLOAD_CONTENT_MISMATCH,
        code="content_mismatch",
        params={"extension": extension},
    )


def _check_text(head: bytes, extension: str) -> None:
    """Text imports and documents: no program, archive or HTML behind a text name."""
    if head.startswith(BINARY_MAGIC) or MARKUP_START.match(head):
        raise _mismatch(extension)
    if b"\x00" in head and not head.startswith(UTF16_BOMS):
        raise _mismatch(extension)


def _check_image_magic(head: bytes, extension: str) -> None:
    if extension == "webp":
        matches = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    else:
        matches = head.startswith(IMAGE_MAGIC.get(extension, (b"\x00never",)))
    if not matches:
        raise _mismatch(extension)


# --- ZIP-based files -----------------------------------------------------------


@dataclass
class _ArchiveTally:
    members: int = 0
    expanded: int = 0
    names: list[str] = field(default_factory=list)


def _declared_member_count(upload: IO[bytes]) -> int | None:
    """The entry count from the end-of-directory record, read before zipfile parses
    the whole directory (a forged directory of a million entries costs memory)."""
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    tail_size = min(size, 22 + 65_535)
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    upload.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    # 0xFFFF means a ZIP64 count: more entries than any limit here allows. A
    # forged, smaller count is caught when the directory itself is counted.
    return int(struct.unpack("<H", tail[at + 10 : at + 12])[0])


def _unsafe_name(name: str) -> bool:
    normalised = name.replace("\\", "/")
    if "\x00" in name or normalised.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in normalised.split("/")


def _is_archive_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    if info.filename.lower().endswith(ARCHIVE_SUFFIXES):
        return True
    if info.file_size < 4:
        return False
    with archive.open(info) as member:
        return member.read(8).startswith(ARCHIVE_MAGIC)


def _check_ratio(expanded: int, compressed: int) -> None:
    if expanded < _limit("UPLOAD_ZIP_RATIO_FLOOR_BYTES"):
        return
    ratio = expanded / max(compressed, 1)
    if ratio > _limit("UPLOAD_ZIP_MAX_RATIO"):
        raise ValidationError(
            UPLOAD_ARCHIVE_RATIO, code="zip_ratio", params={"ratio": f"{ratio:.0f}"}
        )


def _check_archive(
    archive: zipfile.ZipFile, *, tally: _ArchiveTally, depth: int, office: bool
) -> None:
    """Members, expanded size and ratios from the directory alone, then names and
    nesting. An Office file may embed Office files (a chart's workbook in a
    presentation, under */embeddings/): those are checked the same way, one level
    deep, and count towards the same totals. A plain .zip may hold no archive."""
    infos = archive.infolist()
    tally.members += len(infos)
    if tally.members > _limit("UPLOAD_ZIP_MAX_MEMBERS"):
        raise ValidationError(
            UPLOAD_ARCHIVE_TOO_MANY_MEMBERS,
            code="zip_members",
            params={"count": tally.members, "limit": _limit("UPLOAD_ZIP_MAX_MEMBERS")},
        )
    compressed_total = 0
    expanded_total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            raise ValidationError(
                UPLOAD_ARCHIVE_UNSAFE_NAME,
                code="zip_unsafe_name",
                params={"name": info.filename[:120]},
            )
        if info.flag_bits & 0x1:
            raise ValidationError(UPLOAD_ARCHIVE_ENCRYPTED, code="zip_encrypted")
        _check_ratio(info.file_size, info.compress_size)
        compressed_total += info.compress_size
        expanded_total += info.file_size
    tally.expanded += expanded_total
    limit = _limit("UPLOAD_ZIP_MAX_EXPANDED_BYTES")
    if tally.expanded > limit:
        raise ValidationError(
            UPLOAD_ARCHIVE_TOO_LARGE_EXPANDED,
            code="zip_expanded",
            params={
                "size": filesizeformat(tally.expanded),
                "limit": filesizeformat(limit),
            },
        )
    _check_ratio(expanded_total, compressed_total)
    for info in infos:
        if info.is_dir() or not _is_archive_member(archive, info):
            continue
        embedded = office and depth == 0 and "/embeddings/" in f"/{info.filename}"
        if not embedded:
            raise ValidationError(
                UPLOAD_ARCHIVE_NESTED,
                code="zip_nested",
                params={"name": info.filename[:120]},
            )
        with archive.open(info) as member:
            try:
                inner = zipfile.ZipFile(member)
            except zipfile.BadZipFile:
                raise ValidationError(
                    UPLOAD_ARCHIVE_NESTED,
                    code="zip_nested",
                    params={"name": info.filename[:120]},
                ) from None
            with inner:
                _check_archive(inner, tally=tally, depth=depth + 1, office=True)
    tally.names.extend(info.filename for info in infos)


def check_archive(upload: IO[bytes], *, extension: str) -> None:
    """Refuse a ZIP-based file (.zip, .xlsx, .docx, .pptx, .odt) that is damaged,
    a zip bomb, escapes its folder, nests archives or is not what its name says."""
    declared = _declared_member_count(upload)
    if declared is None:
        raise ValidationError(
            UPLOAD_ARCHIVE_BROKEN, code="zip_broken", params={"extension": extension}
        )
    if declared > _limit("UPLOAD_ZIP_MAX_MEMBERS"):
        raise ValidationError(
            UPLOAD_ARCHIVE_TOO_MANY_MEMBERS,
            code="zip_members",
            params={"count": declared, "limit": _limit("UPLOAD_ZIP_MAX_MEMBERS")},
        )
    tally = _ArchiveTally()
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive, tally=tally, depth=0, office=extension != "zip")
            if extension in OPENDOCUMENT_TYPES:
                _check_opendocument(archive, extension)
    # zipfile raises NotImplementedError for a compression method it cannot
    # read (e.g. deflate64): such a file is refused as unreadable, not a bug.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        raise ValidationError(
            UPLOAD_ARCHIVE_BROKEN, code="zip_broken", params={"extension": extension}
        ) from None
    finally:
        upload.seek(0)
    prefix = OFFICE_PREFIXES.get(extension)
    if prefix is not None and not (
        "[Content_Types].xml" in tally.names
        and any(name.startswith(prefix) for name in tally.names)
    ):
        raise _mismatch(extension)


def _check_opendocument(archive: zipfile.ZipFile, extension: str) -> None:
    try:
        with archive.open("mimetype") as member:
            mimetype = member.read(100).strip()
    except KeyError:
        raise _mismatch(extension) from None
    if mimetype != OPENDOCUMENT_TYPES[extension]:
        raise _mismatch(extension)


# --- The validator -------------------------------------------------------------


def _allowed_text(extensions: Iterable[str]) -> str:
    return ", ".join(f".{extension}" for extension in extensions)


def validate_upload(
    upload: Any,
    *,
    extensions: Iterable[str],
    max_bytes: int | None,
    archives_only: bool = False,
) -> None:
    """Extension, size and content of one uploaded file; ValidationError if refused.

    With archives_only, the form's own checks speak for a wrong extension, an
    oversize file and content its parser cannot read (each import has its own
    messages for those); this adds what a parser cannot see for itself: a ZIP's
    directory, checked before openpyxl opens the workbook.
    """
    allowed = [extension.lower() for extension in extensions]
    extension = _extension(getattr(upload, "name", "") or "")
    if archives_only:
        if (
            extension in allowed
            and extension in ZIP_EXTENSIONS
            and _read_head(upload, len(ZIP_MAGIC)) == ZIP_MAGIC
        ):
            check_archive(upload, extension=extension)
        return
    if extension == "svg":
        raise ValidationError(UPLOAD_SVG_REFUSED, code="svg")
    if extension not in allowed:
        raise ValidationError(
            UPLOAD_EXTENSION_REFUSED,
            code="extension",
            params={"extension": extension or "?", "allowed": _allowed_text(allowed)},
        )
    size = upload.size
    if not size:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    if max_bytes is not None and size > max_bytes:
        raise ValidationError(
            UPLOAD_TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    head = _read_head(upload)
    if extension in ZIP_EXTENSIONS:
        if not head.startswith(ZIP_MAGIC):
            raise _mismatch(extension)
        check_archive(upload, extension=extension)
    elif extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise _mismatch(extension)
    elif extension in TEXT_EXTENSIONS:
        _check_text(head, extension)
    elif extension in IMAGE_MAGIC or extension == "webp":
        _check_image_magic(head, extension)
    else:
        # An extension allowed by a setting but unknown here cannot be checked:
        # refuse it rather than store what nobody looked at.
        raise _mismatch(extension)


@deconstructible
class UploadValidator:
    """A form field validator: the extensions and the size limit of one kind of
    upload, read from settings when a file arrives (so override_settings holds)."""

    def __init__(
        self,
        *,
        extensions: Iterable[str] | None = None,
        extensions_setting: str | None = None,
        max_bytes_setting: str | None = None,
        default_max_bytes: int | None = None,
        archives_only: bool = False,
    ) -> None:
        self.extensions = tuple(extensions) if extensions is not None else None
        self.extensions_setting = extensions_setting
        self.max_bytes_setting = max_bytes_setting
        self.default_max_bytes = default_max_bytes
        self.archives_only = archives_only

    def allowed_extensions(self) -> list[str]:
        if self.extensions_setting:
            return list(getattr(settings, self.extensions_setting))
        return list(self.extensions or ())

    def max_bytes(self) -> int | None:
        if self.max_bytes_setting is None:
            return self.default_max_bytes
        value = getattr(settings, self.max_bytes_setting, self.default_max_bytes)
        return None if value is None else int(value)

    def __call__(self, upload: Any) -> None:
        validate_upload(
            upload,
            extensions=self.allowed_extensions(),
            max_bytes=self.max_bytes(),
            archives_only=self.archives_only,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadValidator) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((self.extensions, self.extensions_setting, self.max_bytes_setting))


validate_document_upload = UploadValidator(
    extensions_setting="WAGTAILDOCS_EXTENSIONS",
    max_bytes_setting="WAGTAILDOCS_MAX_UPLOAD_SIZE",
    default_max_bytes=20 * 1024 * 1024,
)
validate_image_upload = UploadValidator(
    extensions_setting="WAGTAILIMAGES_EXTENSIONS",
    max_bytes_setting="WAGTAILIMAGES_MAX_UPLOAD_SIZE",
    default_max_bytes=5 * 1024 * 1024,
)
# The imports refuse a wrong extension, an oversize file (ACCOUNT_IMPORT_MAX_BYTES,
# ASSESSMENTS_MAX_IMPORT_BYTES) and an unreadable one themselves, before reading it,
# in their own words; they are parsed, never served.
# Participant lists, sign-in sheets and target populations: the filled-in template.
validate_spreadsheet_upload = UploadValidator(extensions=("xlsx",), archives_only=True)
validate_account_import_upload = UploadValidator(
    extensions=("xlsx", "csv"), archives_only=True
)
# GIFT (.txt/.gift), Moodle XML and the Excel template.
validate_question_import_upload = UploadValidator(
    extensions=("txt", "gift", "xml", "xlsx"), archives_only=True
)


# --- Images --------------------------------------------------------------------


def _pixel_limit() -> int:
    return _limit("WAGTAILIMAGES_MAX_IMAGE_PIXELS")


def _replace_content(upload: Any, data: bytes) -> None:
    """Write the re-encoded bytes over the upload itself, so that every later
    reader (the form's save, Wagtail's multiple uploader keeping the file while
    its title is fixed) sees only them."""
    stream = upload.file
    stream.seek(0)
    stream.truncate()
    stream.write(data)
    stream.flush()
    stream.seek(0)
    upload.size = len(data)


def _frames_of(picture: Image.Image) -> list[Image.Image]:
    return [frame.copy() for frame in ImageSequence.Iterator(picture)]


def _encode(picture: Image.Image, image_format: str) -> bytes:
    """Pillow writes only what it is given here: no EXIF, XMP, comments or text
    chunks of the source, and nothing after the image data. The ICC colour
    profile stays (without it photos change colour); transparency and the
    animation timing stay."""
    out = io.BytesIO()
    info = picture.info
    options: dict[str, Any] = {}
    if info.get("icc_profile"):
        options["icc_profile"] = info["icc_profile"]
    if "transparency" in info and image_format in {"PNG", "GIF"}:
        options["transparency"] = info["transparency"]
    frame_count = getattr(picture, "n_frames", 1)
    if frame_count > 1 and image_format in {"GIF", "WEBP"}:
        frames = _frames_of(picture)
        for frame in frames:
            frame.info = {}
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=_frame_durations(picture),
            loop=info.get("loop", 0),
        )
        if image_format == "WEBP":
            options["quality"] = 90
        frames[0].save(out, format=image_format, **options)
        return out.getvalue()
    orientation = picture.getexif().get(0x0112, 1)
    if image_format == "JPEG" and orientation == 1:
        # The same quantisation as the source: no visible loss from re-encoding.
        picture.save(out, format="JPEG", quality="keep", subsampling="keep", **options)
        return out.getvalue()
    upright = ImageOps.exif_transpose(picture)
    upright.info = {}
    if image_format == "JPEG":
        options.update(quality=90, optimize=True)
    elif image_format == "WEBP":
        options["quality"] = 90
    upright.save(out, format=image_format, **options)
    return out.getvalue()


def _frame_durations(picture: Image.Image) -> list[int]:
    durations = []
    for index in range(getattr(picture, "n_frames", 1)):
        picture.seek(index)
        durations.append(int(picture.info.get("duration", 100)))
    picture.seek(0)
    return durations


def image_reencode(upload: Any) -> None:
    """Decode the uploaded image with Pillow and write it back re-encoded in its own
    format, upright (EXIF orientation applied) and without EXIF/GPS or appended
    bytes. Refuses images over the pixel limit (all frames counted) before decoding
    them, and animations over UPLOAD_IMAGE_MAX_FRAMES frames; animations under it
    keep every frame."""
    pixel_limit = _pixel_limit()
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as picture:
                image_format = picture.format or ""
                if image_format not in IMAGE_FORMATS:
                    raise ValidationError(UPLOAD_IMAGE_UNREADABLE, code="image_format")
                if IMAGE_FORMATS[image_format] != _extension(upload.name).replace(
                    "jpg", "jpeg"
                ):
                    raise _mismatch(_extension(upload.name))
                frames = getattr(picture, "n_frames", 1)
                frame_limit = _limit("UPLOAD_IMAGE_MAX_FRAMES")
                if frames > frame_limit:
                    raise ValidationError(
                        UPLOAD_IMAGE_TOO_MANY_FRAMES,
                        code="image_frames",
                        params={"count": frames, "limit": frame_limit},
                    )
                width, height = picture.size
                pixels = width * height * frames
                if pixels > pixel_limit:
                    raise _too_many_pixels(pixels, pixel_limit)
                picture.load()
                data = _encode(picture, image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(None, pixel_limit) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            UPLOAD_IMAGE_UNREADABLE, code="image_unreadable"
        ) from None
    _replace_content(upload, data)


def _too_many_pixels(pixels: int | None, limit: int) -> ValidationError:
    return ValidationError(
        UPLOAD_IMAGE_TOO_MANY_PIXELS,
        code="image_pixels",
        params={
            "pixels": f"{pixels:,}".replace(",", ".") if pixels else "?",
            "limit": f"{limit:,}".replace(",", "."),
        },
    )
