"""A certificate as a PDF, in the Vietnamese administrative layout (DOMAIN.md §5.2).

One engine, fpdf2, with DejaVu Serif embedded (every Vietnamese letter). The
page: the issuing body and its parent on the left, the national motto on the
right; the title and subtitle; who certifies; the body with its placeholders
filled; the register number and the QR code to the public verification page
at the bottom left; place and date of issue, the signer's authority, the
signature, seal and signer's name at the bottom right. Ethnicity is never
printed (nothing here reads it).

``certificate_pdf(certificate)`` renders an issued certificate from its frozen
fields; ``preview_pdf(template)`` renders a template with sample data for the
admin's live preview. Both go through ``render_pdf(template, data)``.
"""

import datetime as dt
import functools
import hashlib
import io
import logging
import math
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import segno
from django.conf import settings
from fontTools import subset as font_subset
from fontTools.ttLib import TTFont
from fpdf import FPDF

from lms.pdf import FONT_DIR
from lms.text import normalise_text

from .placeholders import fill_body, format_register_number

if TYPE_CHECKING:
    from .models import Certificate, CertificateTemplate, IssuingBody

logger = logging.getLogger(__name__)

FONT = "DejaVuSerif"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CERTIFIES = "CHỨNG NHẬN"
NUMBER_LABEL = "Số vào sổ:"
VERIFY_LABEL = "Tra cứu:"
PREVIEW_CODE = "xem-truoc-mau"
FONT_FILES = {
    "": "DejaVuSerif.ttf",
    "B": "DejaVuSerif-Bold.ttf",
    "I": "DejaVuSerif-Italic.ttf",
}
# Latin with every Vietnamese letter, combining marks, punctuation and
# symbols: what certificates print. A text with anything else
# is drawn with the whole fonts.
PRINTED_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x218F),
)


@dataclass(frozen=True)
class CertificateData:
    """What a certificate prints, as plain values (frozen fields, or sample data)."""

    full_name: str
    subject_title: str
    number: str
    issued_on: dt.date
    verification_url: str
    date_of_birth: dt.date | None = None
    position: str = ""
    organisation: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    place: str = ""
    hours: Decimal | None = None
    result: str = ""
    grade: str = ""

    def placeholder_values(self) -> dict[str, str]:
        return {
            "full_name": self.full_name,
            "date_of_birth": short_date(self.date_of_birth),
            "position": self.position,
            "organisation": self.organisation,
            "title": self.subject_title,
            "start_date": short_date(self.starts_on),
            "end_date": short_date(self.ends_on),
            "place": self.place,
            "hours": format_hours(self.hours),
            "result": self.result,
            "grade": self.grade,
        }


def short_date(value: dt.date | None) -> str:
    """05/02/1985."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_hours(value: Decimal | None) -> str:
    """16 or 7,5 (Vietnamese decimal comma)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def issue_line(place: str, day: dt.date) -> str:
    """ "Quảng Ngãi, ngày 05 tháng 02 năm 2026" (Decree 30/2020: a zero before
    days under 10 and before months 1 and 2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    written = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {written}" if place else written


def verification_url(code: str) -> str:
    """The public page that checks a certificate: <base>/verify/<code>/.

    The base is ``CERTIFICATES_VERIFY_BASE_URL`` when set, else the site's root
    (``WAGTAILADMIN_BASE_URL``).
    """
    base = getattr(settings, "CERTIFICATES_VERIFY_BASE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    return f"{base.rstrip('/')}/verify/{code}/"


def certificate_data(certificate: "Certificate") -> CertificateData:
    """The frozen fields of an issued certificate."""
    return CertificateData(
        full_name=certificate.full_name,
        date_of_birth=certificate.date_of_birth,
        position=certificate.position,
        organisation=certificate.organisation_name,
        subject_title=certificate.subject_title,
        starts_on=certificate.starts_on,
        ends_on=certificate.ends_on,
        place=certificate.place,
        hours=certificate.hours,
        result=certificate.result,
        grade=certificate.grade,
        number=certificate.number,
        issued_on=certificate.issued_on,
        verification_url=verification_url(certificate.verification_code),
    )


def sample_data(
    body: "IssuingBody", *, today: dt.date | None = None
) -> CertificateData:
    """Sample data for a template's preview (the example in DOMAIN.md §5.2)."""
    today = today or dt.date.today()
    return CertificateData(
        full_name="Nguyễn Thị Ánh",
        date_of_birth=dt.date(1985, 2, 5),
        position="Công chức Văn hóa - Xã hội",
        organisation="UBND xã Tịnh Khê",
        subject_title=(
            "Kiến thức, kỹ năng công tác bình đẳng giới và vì sự tiến bộ của phụ nữ "
            f"năm {today.year}"
        ),
        starts_on=today - dt.timedelta(days=1),
        ends_on=today,
        place="phường Cẩm Thành",
        hours=Decimal(16),
        result="Đạt",
        grade="Khá",
        number=format_register_number(
            body.number_pattern, number=15, year=today.year, code=body.code
        ),
        issued_on=today,
        verification_url=verification_url(PREVIEW_CODE),
    )


def certificate_pdf(certificate: "Certificate") -> bytes:
    """The PDF of an issued certificate, on its rule's template."""
    template = certificate.rule.template
    return render_pdf(
        template, certificate_data(certificate), body=certificate.issuing_body
    )


def preview_pdf(template: "CertificateTemplate") -> bytes:
    """The template with sample data (the admin's live preview)."""
    return render_pdf(template, sample_data(template.issuing_body))


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as a PNG (segno, with its quiet zone)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=4)
    return out.getvalue()


def _image_bytes(image) -> io.BytesIO | None:
    """A Wagtail image's file, read through its storage; None when missing."""
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            return io.BytesIO(handle.read())
    except (OSError, ValueError):
        logger.warning("Certificate image %s cannot be read; left out", image.pk)
        return None


def render_pdf(
    template: "CertificateTemplate",
    data: CertificateData,
    *,
    body: "IssuingBody | None" = None,
) -> bytes:
    """Lay out one certificate page on ``template`` with ``data``.

    The body's placeholders are filled strictly (ValidationError naming an
    unknown or broken one). Text is printed as given: nothing is read as markup.
    """
    from .models import CertificateTemplate

    issuer = body or template.issuing_body
    # NFC whatever came in: a name with combining marks prints as its letters.
    text = normalise_text(fill_body(template.body, data.placeholder_values()))
    landscape = template.orientation == CertificateTemplate.Orientation.LANDSCAPE
    printed = "".join(
        (
            text,
            template.title,
            template.subtitle,
            template.certifier_line,
            template.signer_authority,
            template.signer_name,
            issuer.name,
            issuer.parent_name,
            issuer.place_of_issue,
            data.number,
            data.verification_url,
        )
    )
    fonts = font_files(whole=not fits_printed_ranges(printed))

    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(18, 14, 18)
    for style, path in fonts.items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(f"{template.title} {data.number}".strip())
    pdf.set_author(issuer.name)
    pdf.set_creator("LMS")
    pdf.add_page()
    width, height = pdf.w, pdf.h
    left, right = pdf.l_margin, pdf.w - pdf.r_margin
    inner = right - left

    background = _image_bytes(template.background_image)
    if background is not None:
        pdf.image(background, x=0, y=0, w=width, h=height)

    # Header: the body on the left, the nation and its motto on the right.
    left_w = inner * (0.42 if landscape else 0.4)
    head = 11.5 if landscape else 10.0
    right_x, right_w = left + left_w, inner - left_w
    top = pdf.t_margin
    pdf.set_xy(left, top)
    pdf.set_font(FONT, "", head)
    if issuer.parent_name:
        pdf.multi_cell(left_w, 5.5, issuer.parent_name.upper(), align="C")
    pdf.set_x(left)
    pdf.set_font(FONT, "B", head)
    pdf.multi_cell(left_w, 5.5, issuer.name.upper(), align="C")
    _rule_under(pdf, left + left_w / 2, 24)
    left_bottom = pdf.get_y()

    pdf.set_xy(right_x, top)
    pdf.set_font(FONT, "B", head)
    pdf.multi_cell(right_w, 5.5, NATION, align="C")
    pdf.set_x(right_x)
    pdf.set_font(FONT, "B", head + 0.5)
    pdf.multi_cell(right_w, 5.5, MOTTO, align="C")
    _rule_under(pdf, right_x + right_w / 2, pdf.get_string_width(MOTTO))
    pdf.set_y(max(left_bottom, pdf.get_y()) + (8 if landscape else 14))

    # Title, subtitle, who certifies.
    pdf.set_font(FONT, "B", 26 if landscape else 24)
    pdf.set_text_color(176, 18, 26)
    pdf.multi_cell(0, 11, template.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    if template.subtitle:
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(
            0, 7, template.subtitle, align="C", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(3)
    if template.certifier_line:
        pdf.set_font(FONT, "B", 12.5)
        pdf.multi_cell(
            0, 6.5, template.certifier_line, align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.multi_cell(0, 6.5, CERTIFIES, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    # The body, line by line as written, made smaller if it would run into
    # the signature block.
    indent = inner * (0.06 if landscape else 0.02)
    body_w = inner - 2 * indent
    footer_h = 70 if landscape else 95
    lines = text.splitlines() or [""]
    size = 13.0 if landscape else 12.5
    room = height - footer_h - 3 - pdf.get_y()
    while True:
        pdf.set_font(FONT, "", size)
        line_h = size * 0.554
        # Wrapped lines are at least three quarters full (words are short
        # beside the column): when even that many lines fit, no need to count.
        bound = sum(
            math.ceil(pdf.get_string_width(line) / (0.75 * body_w)) + 1
            for line in lines
        )
        if bound * line_h <= room or size <= 7:
            break
        count = 0
        for line in lines:
            broken = pdf.multi_cell(body_w, line_h, line, dry_run=True, output="LINES")
            count += len(cast("list[str]", broken))
        if count * line_h <= room:
            break
        size -= 0.5
    for line in lines:
        pdf.set_x(left + indent)
        pdf.multi_cell(body_w, line_h, line, align="L", new_x="LMARGIN", new_y="NEXT")
    body_bottom = pdf.get_y() + 5

    # Bottom left: register number and QR code. Bottom right: place and date,
    # the signer's authority, signature and seal, the signer's name.
    foot_top = max(body_bottom, height - footer_h)
    sign_w = inner * (0.45 if landscape else 0.56)
    sign_x = right - sign_w
    pdf.set_xy(left, foot_top)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 6, f"{NUMBER_LABEL} {data.number}")
    qr_size = 30.0
    qr_y = foot_top + 9
    pdf.image(io.BytesIO(qr_png(data.verification_url)), x=left, y=qr_y, w=qr_size)
    pdf.set_xy(left + qr_size + 2, qr_y + qr_size - 9)
    pdf.set_font(FONT, "", 7)
    pdf.multi_cell(
        inner - sign_w - qr_size - 6,
        3.2,
        f"{VERIFY_LABEL} {data.verification_url}",
        align="L",
    )

    pdf.set_xy(sign_x, foot_top)
    pdf.set_font(FONT, "I", 12)
    pdf.multi_cell(
        sign_w, 6, issue_line(issuer.place_of_issue, data.issued_on), align="C"
    )
    pdf.set_font(FONT, "B", 12)
    for line in template.signer_authority.splitlines():
        if line.strip():
            pdf.set_x(sign_x)
            pdf.multi_cell(sign_w, 6, line.strip(), align="C")
    mark_top = pdf.get_y() + 1
    mark_h = 26.0
    centre = sign_x + sign_w / 2
    seal = _image_bytes(template.seal_image)
    signature = _image_bytes(template.signature_image)
    if signature is not None:
        pdf.image(
            signature, x=centre - 20, y=mark_top, h=mark_h, keep_aspect_ratio=True
        )
    if seal is not None:
        pdf.image(
            seal, x=centre - 38, y=mark_top - 4, h=mark_h + 6, keep_aspect_ratio=True
        )
    if template.signer_name:
        pdf.set_xy(sign_x, mark_top + mark_h + 2)
        pdf.set_font(FONT, "B", 12.5)
        pdf.multi_cell(sign_w, 6, template.signer_name, align="C")
    return bytes(pdf.output())


def _rule_under(pdf: FPDF, centre: float, length: float) -> None:
    y = pdf.get_y() + 0.8
    pdf.set_line_width(0.3)
    pdf.line(centre - length / 2, y, centre + length / 2, y)
    pdf.set_y(y + 0.5)


def fits_printed_ranges(text: str) -> bool:
    return all(
        any(low <= ord(char) <= high for low, high in PRINTED_RANGES)
        for char in set(text)
        if char not in "\n\r\t"
    )


def font_files(*, whole: bool = False) -> dict[str, str]:
    """The fonts to embed, by style: DejaVu Serif cut down to the printed
    ranges, written once into the temporary folder and reused (parsing and
    subsetting the whole fonts for every PDF would take most of the time a
    certificate takes to draw). Looked for at each PDF, so a cleaned-out
    temporary folder only costs one subsetting again."""
    if whole:
        return {style: str(FONT_DIR / name) for style, name in FONT_FILES.items()}
    return {style: _subset_font(FONT_DIR / name) for style, name in FONT_FILES.items()}


@functools.cache
def _subset_target(source) -> str:
    stat = source.stat()
    key = hashlib.sha256(
        f"{source}:{stat.st_size}:{stat.st_mtime_ns}:{PRINTED_RANGES}".encode()
    ).hexdigest()[:16]
    folder = os.path.join(tempfile.gettempdir(), "lms-certificate-fonts")
    return os.path.join(folder, f"{source.stem}-{key}.ttf")


def _subset_font(source) -> str:
    target = _subset_target(source)
    if os.path.exists(target):
        return target
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    font = TTFont(str(source), recalcTimestamp=False)
    options = font_subset.Options()
    options.layout_features = []  # fpdf2 draws without shaping
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    subsetter = font_subset.Subsetter(options)
    subsetter.populate(
        unicodes=[code for low, high in PRINTED_RANGES for code in range(low, high + 1)]
    )
    subsetter.subset(font)
    # Written aside, then moved into place: two workers never read half a font.
    handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        font.save(out)
    os.chmod(partial, 0o644)  # readable by the web and worker users alike
    os.replace(partial, target)
    return target
