"""The upload checks (lms.uploads) and their wiring into every upload form."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from assessments.admin.importing import QuestionImportForm
from lms import uploads
from people.import_views import AccountImportForm
from training.forms_admin import SpreadsheetUploadForm

MB = 1024 * 1024


# --- Files built here ----------------------------------------------------------


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ và tên", "Giới tính"])
    workbook.active.append(["Nguyễn Thị Lan", "Nữ"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document>Bình đẳng giới</w:document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def add_zeros_member(data: bytes, name: str, size: int) -> bytes:
    """A member of `size` zero bytes, streamed: a real zip bomb of ~1,000x."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            chunk = bytes(MB)
            for _ in range(size // MB):
                member.write(chunk)
    return out.getvalue()


def add_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, content)
    return out.getvalue()


def zip_with_members(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"f{index}.txt", "x")
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def image_bytes(
    image_format: str = "JPEG", size=(40, 20), exif: Image.Exif | None = None
) -> bytes:
    picture = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(out, format=image_format, **options)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (15.0, 7.0, 30.0)  # Quảng Ngãi
    gps[3] = "E"
    gps[4] = (108.0, 48.0, 0.0)
    return exif


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(validator, file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value


def vietnamese(error: ValidationError) -> str:
    with translation.override("vi"):
        return " ".join(error.messages)


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- The validator -------------------------------------------------------------


def test_a_good_xlsx_docx_pdf_csv_and_jpeg_pass():
    uploads.validate_spreadsheet_upload(upload("lop.xlsx", xlsx_bytes()))
    uploads.validate_document_upload(upload("tai-lieu.docx", docx_bytes()))
    uploads.validate_document_upload(upload("tai-lieu.pdf", b"%PDF-1.7\n%...\n"))
    uploads.validate_account_import_upload(upload("ds.csv", "Họ tên\nLan\n".encode()))
    uploads.validate_image_upload(upload("anh.jpg", image_bytes()))


def test_a_zip_bomb_xlsx_is_refused_before_opening():
    bomb = add_zeros_member(xlsx_bytes(), "xl/media/zeros.bin", 100 * MB)
    assert len(bomb) < 300 * 1024
    error = refusal(uploads.validate_spreadsheet_upload, upload("lop.xlsx", bomb))
    assert error.code == "zip_ratio"
    assert "zip bomb" in vietnamese(error)


def test_a_zip_bomb_docx_over_the_expanded_limit_is_refused(settings):
    settings.UPLOAD_ZIP_MAX_RATIO = 10_000  # so the expanded size speaks
    settings.UPLOAD_ZIP_MAX_EXPANDED_BYTES = 50 * MB
    bomb = add_zeros_member(docx_bytes(), "word/media/zeros.bin", 100 * MB)
    error = refusal(uploads.validate_document_upload, upload("bai.docx", bomb))
    assert error.code == "zip_expanded"


def test_a_zip_of_ten_thousand_members_is_refused():
    error = refusal(
        uploads.validate_document_upload, upload("bo.zip", zip_with_members(10_000))
    )
    assert error.code == "zip_members"
    assert "10000" in vietnamese(error)


@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "C:/x.txt"])
def test_a_zip_member_escaping_its_folder_is_refused(name):
    data = zip_of({"ok.txt": b"x", name: b"x"})
    error = refusal(uploads.validate_document_upload, upload("bo.zip", data))
    assert error.code == "zip_unsafe_name"


def test_an_archive_inside_a_zip_is_refused():
    data = zip_of({"a.txt": b"x", "inner.bin": zip_of({"b.txt": b"y"})})
    error = refusal(uploads.validate_document_upload, upload("bo.zip", data))
    assert error.code == "zip_nested"


def test_an_office_file_may_embed_a_workbook_once_but_not_deeper():
    with_chart = docx_bytes({"word/embeddings/Sheet1.xlsx": xlsx_bytes()})
    uploads.validate_document_upload(upload("bai.docx", with_chart))
    deeper = docx_bytes(
        {
            "word/embeddings/Sheet1.xlsx": docx_bytes(
                {"x/embeddings/y.zip": b"PK\x03\x04"}
            )
        }
    )
    error = refusal(uploads.validate_document_upload, upload("bai.docx", deeper))
    assert error.code in {"zip_nested", "zip_broken"}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bao-cao.pdf", docx_bytes()),
        ("bao-cao.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("lop.xlsx", b"%PDF-1.4 not a workbook"),
        ("lop.xlsx", docx_bytes()),  # a ZIP, but a Word file
        ("lop.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old .xls"),
        ("ghi-chu.txt", b"<html><body onload=alert(1)>"),
        ("ds.csv", b"MZ\x90\x00 a program"),
        ("anh.jpg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
    ],
)
def test_a_file_whose_content_is_not_its_extension_is_refused(name, data):
    validator = (
        uploads.validate_image_upload
        if name.endswith(".jpg")
        else uploads.validate_document_upload
    )
    error = refusal(validator, upload(name, data))
    assert error.code == "content_mismatch"
    assert "nội dung" in vietnamese(error)


def test_svg_is_refused_with_the_reason():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    error = refusal(uploads.validate_image_upload, upload("logo.svg", svg))
    assert error.code == "svg"
    assert "SVG" in vietnamese(error)


def test_an_extension_not_on_the_list_and_an_oversize_file_are_refused(settings):
    error = refusal(uploads.validate_document_upload, upload("x.exe", b"MZ"))
    assert error.code == "extension"
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    error = refusal(uploads.validate_document_upload, upload("x.xlsx", xlsx_bytes()))
    assert error.code == "too_large"
    assert "quá lớn" in vietnamese(error)


def test_imports_leave_extension_size_and_unreadable_content_to_their_own_checks():
    """Each import refuses those in its own words; only the archive is checked here."""
    for name, data in [
        ("x.xls", b"\xd0\xcf"),
        ("x.xlsx", b"not a zip"),
        ("x.txt", b"\0"),
    ]:
        uploads.validate_account_import_upload(upload(name, data))
        uploads.validate_question_import_upload(upload(name, data))
    error = refusal(
        uploads.validate_account_import_upload, upload("ds.xlsx", docx_bytes())
    )
    assert error.code == "content_mismatch"


def test_an_empty_file_is_refused():
    error = refusal(uploads.validate_document_upload, upload("x.pdf", b""))
    assert error.code == "empty"


# --- Images re-encoded ---------------------------------------------------------


def test_a_jpeg_loses_its_exif_and_gps_and_stays_upright():
    file = upload("anh.jpg", image_bytes(size=(40, 20), exif=gps_exif(orientation=6)))
    uploads.image_reencode(file)
    file.seek(0)
    data = file.read()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG"
        assert not picture.getexif()
        assert "exif" not in picture.info
        assert picture.size == (20, 40)  # rotated as the phone meant
    assert file.size == len(data)


def test_a_png_polyglot_loses_the_appended_script():
    polyglot = image_bytes("PNG") + b"<html><script>alert(document.cookie)</script>"
    file = upload("anh.png", polyglot)
    uploads.validate_image_upload(file)
    uploads.image_reencode(file)
    file.seek(0)
    data = file.read()
    assert b"<script>" not in data
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "PNG"
        assert picture.size == (40, 20)


def test_an_animated_gif_keeps_its_frames():
    frames = [Image.new("RGB", (10, 10), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=80)
    file = upload("dong.gif", out.getvalue() + b"<script>x</script>")
    uploads.image_reencode(file)
    file.seek(0)
    data = file.read()
    assert b"<script>" not in data
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.n_frames == 3


def test_an_image_over_the_pixel_limit_or_frame_limit_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 500
    error = refusal(uploads.image_reencode, upload("anh.png", image_bytes("PNG")))
    assert error.code == "image_pixels"
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000_000
    settings.UPLOAD_IMAGE_MAX_FRAMES = 2
    frames = [Image.new("RGB", (10, 10), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    error = refusal(uploads.image_reencode, upload("dong.gif", out.getvalue()))
    assert error.code == "image_frames"


def test_a_decompression_bomb_png_is_refused_before_decoding():
    # 30,000 x 30,000 pixels in a few kilobytes: the header alone says too many.
    picture = Image.new("1", (30_000, 30_000))
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 1 * MB
    error = refusal(uploads.image_reencode, upload("bom.png", out.getvalue()))
    assert error.code == "image_pixels"


# --- Wiring: Wagtail's image and document forms ----------------------------------


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.mark.django_db
def test_document_upload_refuses_a_zip_bomb_and_saves_nothing(admin_client, settings):
    bomb = add_zeros_member(docx_bytes(), "word/media/zeros.bin", 100 * MB)
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Bom", "file": upload("bom.docx", bomb), "collection": 1},
    )
    assert response.status_code == 200
    assert "zip bomb" in response.content.decode()
    assert not get_document_model().objects.exists()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_document_upload_refuses_html_named_pdf(admin_client, settings):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Giả",
            "file": upload("gia.pdf", b"<html><script>alert(1)</script>"),
            "collection": 1,
        },
    )
    assert response.status_code == 200
    assert not get_document_model().objects.exists()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_document_upload_keeps_a_good_docx(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bài giảng",
            "file": upload("bai.docx", docx_bytes()),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Bài giảng"


@pytest.mark.django_db
def test_image_upload_stores_a_jpeg_without_exif(admin_client):
    data = image_bytes(size=(40, 20), exif=gps_exif(orientation=6))
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh", "file": upload("anh.jpg", data), "collection": 1},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (20, 40)
    with image.open_file() as stored:
        stored_bytes = stored.read()
    assert b"PhoneMaker" not in stored_bytes
    assert image.file_size == len(stored_bytes)
    with Image.open(io.BytesIO(stored_bytes)) as picture:
        assert not picture.getexif()


@pytest.mark.django_db
def test_multiple_uploader_stores_a_png_polyglot_re_encoded(admin_client):
    polyglot = image_bytes("PNG") + b"<script>alert(1)</script>"
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("anh.png", polyglot), "collection": 1},
    )
    assert response.json()["success"] is True
    with get_image_model().objects.get().open_file() as stored:
        assert b"<script>" not in stored.read()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("to.png", "big"),
    ],
)
def test_image_upload_refuses_svg_and_too_many_pixels(
    admin_client, settings, name, data
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 2_000
    if data == "big":
        data = image_bytes("PNG", size=(100, 100))
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "X", "file": upload(name, data), "collection": 1},
    )
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert media_files(settings) == []


# --- Wiring: the import forms ----------------------------------------------------


def bomb_xlsx() -> bytes:
    return add_zeros_member(xlsx_bytes(), "xl/media/zeros.bin", 100 * MB)


@pytest.mark.parametrize(
    ("form_class", "data"),
    [
        (AccountImportForm, {}),
        (SpreadsheetUploadForm, {}),  # participants, sign-in sheets, populations
        (QuestionImportForm, {"format": "xlsx"}),
    ],
)
def test_every_import_form_refuses_a_zip_bomb_and_takes_a_good_workbook(
    form_class, data
):
    form = form_class(data=data, files={"file": upload("ds.xlsx", bomb_xlsx())})
    assert not form.is_valid()
    assert "zip bomb" in " ".join(form.errors["file"])
    good = form_class(data=data, files={"file": upload("ds.xlsx", xlsx_bytes())})
    good.is_valid()
    assert "file" not in good.errors
    assert good.cleaned_data["file"].read(2) == b"PK"  # left at the start


def test_the_question_import_refuses_a_workbook_escaping_its_folder():
    data = add_member(xlsx_bytes(), "../../lms/settings/base.py", b"x")
    form = QuestionImportForm(
        data={"format": "xlsx"}, files={"file": upload("cau-hoi.xlsx", data)}
    )
    assert not form.is_valid()
    assert "không an toàn" in vietnamese(form.errors.as_data()["file"][0])


def test_a_large_upload_kept_on_disk_is_re_encoded_in_place():
    data = image_bytes(size=(40, 20), exif=gps_exif())
    file = TemporaryUploadedFile("anh.jpg", "image/jpeg", len(data), None)
    file.write(data)
    file.seek(0)
    uploads.image_reencode(file)
    with open(file.temporary_file_path(), "rb") as on_disk:
        stored = on_disk.read()
    assert b"PhoneMaker" not in stored
    assert file.size == len(stored)
    file.close()
