"""The certificate PDF: what it prints (read back with pypdf) and its QR code (zxing-cpp)."""

import datetime as dt
import io
import tempfile
import unicodedata
from decimal import Decimal

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.images import get_image_model

from certificates import rendering
from certificates.rendering import (
    certificate_pdf,
    format_hours,
    issue_line,
    preview_pdf,
    verification_url,
)
from people.models import Ethnicity
from tests.factories.certificates import make_certificate

NAME = "Nguyễn Thị Ánh Tuyết"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def pdf_qr_codes(data: bytes) -> list[str]:
    """Every QR code found in the page's images, decoded."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    found = []
    for image in page.images:
        found += [
            result.text
            for result in zxingcpp.read_barcodes(image.image)
            if result.format == zxingcpp.BarcodeFormat.QRCode
        ]
    return found


def make_image(colour="#b0121a", size=(120, 80), mode="RGB"):
    buffer = io.BytesIO()
    PillowImage.new(mode, size, colour).save(buffer, format="PNG")
    image = get_image_model()(
        title="Ảnh", file=ImageFile(io.BytesIO(buffer.getvalue()), name="anh.png")
    )
    image.save()
    return image


@pytest.fixture
def certificate(participant, class_rule, learner):
    return make_certificate(
        learner,
        class_rule,
        full_name=NAME,
        date_of_birth=dt.date(1985, 2, 5),
        position="Công chức Văn hóa - Xã hội",
        organisation_name="UBND xã Tịnh Khê",
        subject_title="Tập huấn Luật BĐG",
        starts_on=dt.date(2026, 3, 10),
        ends_on=dt.date(2026, 3, 11),
        place="phường Cẩm Thành",
        hours=Decimal("16.00"),
        result="Đạt",
        grade="Khá",
        number="015/GCN-SNV",
        issued_on=dt.date(2026, 2, 5),
    )


def test_prints_every_frozen_field_in_the_administrative_layout(certificate):
    text = pdf_text(certificate_pdf(certificate))

    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN",
        "HOÀN THÀNH KHÓA BỒI DƯỠNG",
        "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI",
        f"Ông/Bà: {NAME}",
        "Sinh ngày: 05/02/1985",
        "Chức vụ, đơn vị công tác: Công chức Văn hóa - Xã hội, UBND xã Tịnh Khê",
        'Đã hoàn thành khóa bồi dưỡng: "Tập huấn Luật BĐG"',
        "từ ngày 10/03/2026 đến ngày 11/03/2026, tại phường Cẩm Thành",
        "Kết quả: Đạt (Xếp loại: Khá)",
        "Số vào sổ: 015/GCN-SNV",
        "Quảng Ngãi, ngày 05 tháng 02 năm 2026",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Bình",
    ):
        assert expected in text, expected


def test_a_name_typed_with_combining_marks_prints_as_its_letters(certificate):
    certificate.full_name = unicodedata.normalize("NFD", NAME)
    assert certificate.full_name != NAME

    text = pdf_text(certificate_pdf(certificate))

    assert f"Ông/Bà: {NAME}" in text
    assert unicodedata.is_normalized("NFC", text)


def test_markup_in_a_name_is_printed_literally(certificate):
    certificate.full_name = "<script>alert('x')</script> Lê {title} Văn"

    text = pdf_text(certificate_pdf(certificate))

    assert "Ông/Bà: <script>alert('x')</script> Lê {title} Văn" in text


def test_the_qr_code_decodes_to_the_verification_url(certificate, settings):
    settings.CERTIFICATES_VERIFY_BASE_URL = "https://lms.quangngai.gov.vn/"

    data = certificate_pdf(certificate)

    url = f"https://lms.quangngai.gov.vn/verify/{certificate.verification_code}/"
    assert verification_url(certificate.verification_code) == url
    assert pdf_qr_codes(data) == [url]
    assert url in pdf_text(data)


def test_the_verification_url_falls_back_to_the_site_root(settings):
    settings.CERTIFICATES_VERIFY_BASE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "http://lms.example"

    assert verification_url("abc") == "http://lms.example/verify/abc/"


def test_ethnicity_is_never_printed(certificate, learner):
    learner.ethnicity = Ethnicity.objects.get(name="Hrê")
    learner.ethnicity_consent_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    learner.save()

    text = pdf_text(certificate_pdf(certificate))

    assert "Hrê" not in text
    assert "dân tộc" not in text.lower()


def test_portrait_and_landscape_pages_are_a4(certificate, template):
    landscape = PdfReader(io.BytesIO(certificate_pdf(certificate))).pages[0]
    template.orientation = "portrait"
    template.save()
    certificate.rule.template.refresh_from_db()
    portrait = PdfReader(io.BytesIO(certificate_pdf(certificate))).pages[0]

    def size_mm(page):
        box = page.mediabox
        return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)

    assert size_mm(landscape) == (297, 210)
    assert size_mm(portrait) == (210, 297)


def test_signature_seal_and_background_are_drawn(certificate, template):
    template.signature_image = make_image("#1a237e")
    template.seal_image = make_image("#c62828", size=(100, 100), mode="RGBA")
    template.background_image = make_image("#fff8e1", size=(297, 210))
    template.save()
    certificate.rule.template.refresh_from_db()

    data = certificate_pdf(certificate)

    page = PdfReader(io.BytesIO(data)).pages[0]
    assert len(page.images) == 4  # background, QR, signature, seal
    assert len(pdf_qr_codes(data)) == 1


def test_an_unknown_placeholder_is_named(certificate, template):
    template.body = "Ông/Bà: {full_name}, dân tộc {ethnicity}"
    template.save()
    certificate.rule.template.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        certificate_pdf(certificate)

    assert "{ethnicity}" in str(error.value)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Ông/Bà: {full_name", "expected '}'"),
        ("Ông/Bà: {full_name.upper}", "{full_name.upper}"),
        ("Ông/Bà: {full_name!r}", "{full_name!r}"),
        ("Ông/Bà: {}", "{}"),
    ],
)
def test_a_broken_placeholder_is_refused(certificate, template, body, named):
    template.body = body
    template.save()
    certificate.rule.template.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        certificate_pdf(certificate)

    assert named in str(error.value)


def test_the_preview_uses_sample_data_and_the_registers_pattern(template):
    template.issuing_body.number_pattern = "{number:04d}/{year}/GCN-{code}"
    year = dt.date.today().year

    text = pdf_text(preview_pdf(template))

    assert "Ông/Bà: Nguyễn Thị Ánh" in text
    assert f"Số vào sổ: 0015/{year}/GCN-{template.issuing_body.code}" in text


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2026, 2, 5), "Quảng Ngãi, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 3, 11), "Quảng Ngãi, ngày 11 tháng 3 năm 2026"),
        (dt.date(2026, 1, 9), "Quảng Ngãi, ngày 09 tháng 01 năm 2026"),
        (dt.date(2026, 12, 25), "Quảng Ngãi, ngày 25 tháng 12 năm 2026"),
    ],
)
def test_place_and_date_are_written_in_full(day, written):
    assert issue_line("Quảng Ngãi", day) == written


@pytest.mark.parametrize(
    ("hours", "written"),
    [(Decimal("16.00"), "16"), (Decimal("7.50"), "7,5"), (None, "")],
)
def test_hours(hours, written):
    assert format_hours(hours) == written


def test_letters_beyond_vietnamese_are_drawn_with_the_whole_fonts(certificate):
    certificate.full_name = "Hồ Thị Mai (Маи)"

    assert f"Ông/Bà: {certificate.full_name}" in pdf_text(certificate_pdf(certificate))


def test_a_long_body_is_made_smaller_to_keep_clear_of_the_signature(
    certificate, template
):
    template.body = (
        "Ông/Bà: {full_name}\n" + "Nội dung chi tiết của khóa bồi dưỡng. " * 60
    )
    template.save()
    certificate.rule.template.refresh_from_db()

    page = PdfReader(io.BytesIO(certificate_pdf(certificate))).pages[0]

    text = page.extract_text()
    assert text.index("Nội dung chi tiết") < text.index("Số vào sổ: 015/GCN-SNV")
    assert text.rstrip().endswith("Trần Văn Bình")


VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
EVERY_LETTER = " ".join(
    "".join(unicodedata.normalize("NFC", vowel + tone) for tone in TONES)
    for vowel in VOWELS
)


def test_every_vietnamese_letter_prints_with_its_font_embedded(certificate):
    name = f"{EVERY_LETTER}đ {EVERY_LETTER.upper()}Đ"
    assert len(EVERY_LETTER.replace(" ", "")) == 72
    certificate.full_name = name

    data = certificate_pdf(certificate)

    # A name this long wraps: compare with the line breaks read as spaces.
    assert f"Ông/Bà: {name}" in " ".join(pdf_text(data).split())
    page = PdfReader(io.BytesIO(data)).pages[0]
    fonts = page["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descriptor["/FontDescriptor"].get_object()


def test_the_cut_down_fonts_are_written_again_when_the_temporary_folder_is_cleaned(
    certificate, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    rendering._subset_target.cache_clear()
    try:
        certificate_pdf(certificate)
        fonts = list((tmp_path / "lms-certificate-fonts").glob("*.ttf"))
        assert len(fonts) == 3
        for font in fonts:
            font.unlink()

        assert NAME in pdf_text(certificate_pdf(certificate))
        assert len(list((tmp_path / "lms-certificate-fonts").glob("*.ttf"))) == 3
    finally:
        rendering._subset_target.cache_clear()
