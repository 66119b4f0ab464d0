"""A class's certificates as one ZIP of PDFs, and the register of certificates
issued (sổ cấp giấy chứng nhận) as an Excel workbook."""

import io
import tempfile
import zipfile
from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext, pgettext

from lms.spreadsheets import spreadsheet_safe_text
from lms.text import ascii_slug

from .models import Certificate

# Spooled: a class of a few dozen certificates stays in memory, a large one
# goes to a temporary file rather than holding every PDF in RAM.
ZIP_IN_MEMORY_BYTES = 16 * 1024 * 1024


def certificate_filename(certificate: Certificate) -> str:
    """ "015-GCN-SNV-nguyen-thi-an.pdf": the number as in the register, then the name."""
    number = ascii_slug(certificate.number.replace("/", "-")) or str(certificate.pk)
    name = ascii_slug(certificate.full_name)
    return f"{number}-{name}.pdf" if name else f"{number}.pdf"


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The certificate's stored PDF; rendered now (and not stored: storing is
    issuing's work) when the worker has not written it yet."""
    if certificate.pdf:
        with certificate.pdf.open("rb") as stored:
            return stored.read()
    from .rendering import certificate_pdf

    return certificate_pdf(certificate)


def certificates_zip(certificates: Iterable[Certificate]) -> IO[bytes]:
    """One ZIP holding each certificate's PDF, rewound to its start."""
    output = tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY_BYTES)  # noqa: SIM115
    names: set[str] = set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            name = certificate_filename(certificate)
            if name in names:  # the same number in two years' registers
                name = f"{name[:-4]}-{certificate.pk}.pdf"
            names.add(name)
            archive.writestr(name, certificate_pdf_bytes(certificate))
    output.seek(0)
    return output


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def register_columns() -> list[tuple[str, int]]:
    """The register's headers and column widths."""
    return [
        (gettext("No."), 6),
        (gettext("Certificate number"), 18),
        (gettext("Full name"), 28),
        (gettext("Date of birth"), 13),
        (gettext("Position"), 24),
        (gettext("Organisation"), 30),
        (gettext("Course or class"), 40),
        (gettext("From"), 12),
        (gettext("To"), 12),
        (gettext("Hours"), 8),
        (gettext("Result"), 10),
        (pgettext("certificate", "Grade"), 10),
        (gettext("Date of issue"), 13),
        (gettext("Valid until"), 13),
        (gettext("Issuing body"), 24),
        (gettext("Status"), 14),
        (gettext("Notes"), 36),
    ]


def _note(certificate: Certificate) -> str:
    if certificate.status == Certificate.Status.REVOKED:
        return gettext("Revoked: %(reason)s") % {
            "reason": certificate.revocation_reason
        }
    if certificate.replaced_by is not None:
        return gettext("Replaced by %(number)s") % {
            "number": certificate.replaced_by.number
        }
    return ""


def certificate_register_xlsx(
    certificates: Iterable[Certificate], *, title: str
) -> bytes:
    """The register book: one row per certificate, in the order given, under a
    title line (the period and unit). Text typed by people is written so that a
    spreadsheet never reads it as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = pgettext("register book", "Register")[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    columns = register_columns()
    sheet.append([header for header, _width in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[
            sheet.cell(row=2, column=index).column_letter
        ].width = width
    sheet.freeze_panes = "C3"
    safe = spreadsheet_safe_text
    for number, certificate in enumerate(certificates, start=1):
        sheet.append(
            [
                number,
                certificate.number,
                safe(certificate.full_name),
                _day(certificate.date_of_birth),
                safe(certificate.position),
                safe(certificate.organisation_name),
                safe(certificate.subject_title),
                _day(certificate.starts_on),
                _day(certificate.ends_on),
                None if certificate.hours is None else float(certificate.hours),
                safe(certificate.result),
                safe(certificate.grade),
                _day(certificate.issued_on),
                _day(certificate.valid_until),
                certificate.issuing_body.name,
                certificate.get_status_display(),
                safe(_note(certificate)),
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
