"""Builders for issuing bodies, templates, rules and certificates."""

import datetime as dt

from certificates.models import (
    Certificate,
    CertificateRule,
    CertificateTemplate,
    IssuingBody,
)

from .people import make_unit

BODY_TEXT = (
    "Ông/Bà: {full_name}    Sinh ngày: {date_of_birth}\n"
    "Chức vụ, đơn vị công tác: {position}, {organisation}\n"
    'Đã hoàn thành khóa bồi dưỡng: "{title}"\n'
    "Thời gian: từ ngày {start_date} đến ngày {end_date}, tại {place}\n"
    "Kết quả: {result} (Xếp loại: {grade})"
)


def make_issuing_body(unit=None, **kwargs) -> IssuingBody:
    kwargs.setdefault("name", "SỞ NỘI VỤ")
    kwargs.setdefault("parent_name", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    kwargs.setdefault("code", f"SNV{IssuingBody.objects.count() or ''}")
    return IssuingBody.objects.create(unit=unit or make_unit(), **kwargs)


def make_template(issuing_body=None, **kwargs) -> CertificateTemplate:
    kwargs.setdefault("name", "Giấy chứng nhận hoàn thành")
    kwargs.setdefault("certifier_line", "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI")
    kwargs.setdefault("body", BODY_TEXT)
    kwargs.setdefault("signer_authority", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    kwargs.setdefault("signer_name", "Trần Văn Bình")
    return CertificateTemplate.objects.create(
        issuing_body=issuing_body or make_issuing_body(), **kwargs
    )


def make_rule(*, course=None, training_class=None, template=None, **kwargs):
    if course is None and training_class is None:
        raise ValueError("a rule is for a course or a class")
    kwargs.setdefault(
        "condition",
        CertificateRule.Condition.COURSE_COMPLETE
        if course is not None
        else CertificateRule.Condition.CLASS_COMPLETE,
    )
    return CertificateRule.objects.create(
        course=course,
        training_class=training_class,
        template=template or make_template(),
        **kwargs,
    )


def make_certificate(holder, rule, **kwargs) -> Certificate:
    """A certificate row as issuing would leave it (without its PDF)."""
    body = rule.template.issuing_body
    sequence = Certificate.objects.filter(issuing_body=body).count() + 1
    kwargs.setdefault("year", 2026)
    kwargs.setdefault("sequence", sequence)
    kwargs.setdefault("number", f"{sequence:03d}/GCN-{body.code}")
    kwargs.setdefault("full_name", holder.full_name)
    kwargs.setdefault("subject_title", str(rule))
    kwargs.setdefault("issued_on", dt.date(2026, 3, 11))
    return Certificate.objects.create(
        holder=holder,
        rule=rule,
        course=rule.course,
        training_class=rule.training_class,
        issuing_body=body,
        **kwargs,
    )
