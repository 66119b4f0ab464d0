#!/usr/bin/env python
"""Certificates rendered per second on one core, in process (the work of one
Celery worker process rendering certificate PDFs).

    .venv/bin/python bench/certificates.py --count 200

Renders the default template (A4 landscape, the administrative layout of
DOMAIN.md §5.2, no signature, seal or background image) with
certificates.rendering.render_pdf: each certificate a different Vietnamese name
and verification code, so each QR code and font subset is made anew. The
process is pinned to one CPU. Nothing touches the database: the issuing body
and template are unsaved model instances.

To say how close that is to the engine's own limit it also times the floor of
fpdf2 for such a page: an A4 page with the same three DejaVu Serif faces as the
certificate embeds (rendering.font_files: cut down once per process), the same
text drawn in a single cell per face and the same QR image. Prints
both rates, the ratio, and exits 1 below the target (5 certificates/s/core).
"""

import argparse
import datetime as dt
import io
import os
import secrets
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from fpdf import FPDF  # noqa: E402

from certificates.models import CertificateTemplate, IssuingBody  # noqa: E402
from certificates.rendering import (  # noqa: E402
    FONT,
    CertificateData,
    font_files,
    qr_png,
    render_pdf,
    verification_url,
)

TARGET_PER_SECOND = 5.0
# The body of DOMAIN.md §5.2, every placeholder used.
BODY_TEXT = (
    "Ông/Bà: {full_name}    Sinh ngày: {date_of_birth}\n"
    "Chức vụ, đơn vị công tác: {position}, {organisation}\n"
    'Đã hoàn thành khóa bồi dưỡng: "{title}"\n'
    "Thời gian: từ ngày {start_date} đến ngày {end_date}, tại {place} "
    "({hours} giờ)\n"
    "Kết quả: {result} (Xếp loại: {grade})"
)
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"]
GIVEN = ["Thị Ánh", "Văn Đức", "Thị Hường", "Quốc Bảo", "Thị Ngọc Ẩn", "Hữu Lộc"]


def log(message: str) -> None:
    print(f"[certificates] {message}", flush=True)


def default_template() -> CertificateTemplate:
    body = IssuingBody(
        name="SỞ NỘI VỤ",
        parent_name="ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        code="SNV",
        place_of_issue="Quảng Ngãi",
    )
    return CertificateTemplate(
        name="Giấy chứng nhận hoàn thành",
        issuing_body=body,
        certifier_line="GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI",
        body=BODY_TEXT,
        signer_authority="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Trần Văn Bình",
    )


def sample(index: int) -> CertificateData:
    name = f"{SURNAMES[index % len(SURNAMES)]} {GIVEN[index % len(GIVEN)]}"
    return CertificateData(
        full_name=name,
        date_of_birth=dt.date(1980 + index % 20, 1 + index % 12, 1 + index % 28),
        position="Công chức Văn hóa - Xã hội",
        organisation="UBND xã Tịnh Khê",
        subject_title=(
            "Kiến thức, kỹ năng công tác bình đẳng giới và vì sự tiến bộ của "
            "phụ nữ năm 2026"
        ),
        starts_on=dt.date(2026, 3, 10),
        ends_on=dt.date(2026, 3, 11),
        place="phường Cẩm Thành",
        hours=Decimal(16),
        result="Đạt",
        grade="Khá",
        number=f"{index + 1:03d}/GCN-SNV",
        issued_on=dt.date(2026, 3, 11),
        verification_url=verification_url(secrets.token_urlsafe(24)),
    )


def floor_pdf(data: CertificateData) -> bytes:
    """fpdf2's floor for the page: fonts embedded, the text, the QR image."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for style, path in font_files().items():
        pdf.add_font(FONT, style, path)
    pdf.add_page()
    text = " ".join(str(value) for value in data.placeholder_values().values())
    for style in ("", "B", "I"):
        pdf.set_font(FONT, style, 12)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(qr_png(data.verification_url)), x=20, y=150, w=30)
    return bytes(pdf.output())


def rate(render, count: int) -> tuple[float, float, int]:
    """Renders per second over `count`, the median milliseconds, the mean size."""
    samples = [sample(index) for index in range(count)]
    render(samples[0])  # warm: font files read, modules loaded
    durations = []
    size = 0
    started = time.perf_counter()
    for data in samples:
        before = time.perf_counter()
        size += len(render(data))
        durations.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    return count / elapsed, statistics.median(durations) * 1000, size // count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200, help="certificates")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        log(f"pinned to CPU {cpu}")
    template = default_template()
    body = template.issuing_body

    def certificate(data: CertificateData) -> bytes:
        return render_pdf(template, data, body=body)

    log(f"rendering {args.count} certificates (default template)")
    per_second, median_ms, size = rate(certificate, args.count)
    log(f"fpdf2 floor: {args.count} pages with the same fonts, text and QR")
    floor_per_second, floor_ms, floor_size = rate(floor_pdf, args.count)
    print(
        f"certificates: {per_second:.1f}/s on one core (median {median_ms:.1f} ms, "
        f"{size:,} bytes each); target >= {TARGET_PER_SECOND:.0f}/s"
    )
    print(
        f"fpdf2 floor:  {floor_per_second:.1f}/s (median {floor_ms:.1f} ms, "
        f"{floor_size:,} bytes); the certificate runs at "
        f"{per_second / floor_per_second:.0%} of it"
    )
    if per_second < TARGET_PER_SECOND:
        log(f"below the target of {TARGET_PER_SECOND:.0f} per second")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
