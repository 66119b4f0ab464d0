"""The "Certificates" admin: issuing bodies, templates with their PDF preview, rules."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import CertificateRule, CertificateTemplate, IssuingBody
from tests.factories.certificates import BODY_TEXT

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def template_form(issuing_body, **extra):
    return {
        "name": "Mẫu hoàn thành khóa bồi dưỡng",
        "issuing_body": issuing_body.pk,
        "orientation": "landscape",
        "title": "GIẤY CHỨNG NHẬN",
        "subtitle": "HOÀN THÀNH KHÓA BỒI DƯỠNG",
        "certifier_line": "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI",
        "body": BODY_TEXT,
        "signer_authority": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "signer_name": "Trần Văn Bình",
        "signature_image": "",
        "seal_image": "",
        "background_image": "",
        **extra,
    }


def rule_form(*, template, training_class=None, **extra):
    return {
        "course": "",
        "training_class": training_class.pk if training_class else "",
        "template": template.pk,
        "condition": "class_complete",
        "quiz": "",
        "min_score": "",
        "grade_bands": '[[0, "Đạt"], [70, "Khá"], [85, "Giỏi"]]',
        "validity_months": "",
        "is_active": "on",
        **extra,
    }


def errors_of(response) -> str:
    return str(response.context["form"].errors)


def test_administrator_sees_the_certificates_menu_pages(
    client, administrator, template
):
    client.force_login(administrator)
    for name in (
        "certificate_templates:index",
        "certificate_rules:index",
        "certificate_issuing_bodies:index",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    response = client.get(reverse("certificate_templates:edit", args=[template.pk]))
    assert response.status_code == 200
    assert reverse("certificate_templates:preview", args=[template.pk]) in (
        response.content.decode()
    )


def test_trainers_and_learners_do_not_reach_the_setup(
    client, trainer, learner, template
):
    for user in (trainer, learner):
        client.force_login(user)
        for url in (
            reverse("certificate_templates:index"),
            reverse("certificate_templates:edit", args=[template.pk]),
            reverse("certificate_templates:preview", args=[template.pk]),
            reverse("certificate_rules:add"),
        ):
            assert client.get(url).status_code in (302, 403), (user, url)
        response = client.post(
            reverse("certificate_templates:preview", args=[template.pk]),
            template_form(template.issuing_body),
        )
        assert response.status_code in (302, 403)


def test_a_template_with_an_unknown_placeholder_is_refused_by_name(
    client, administrator, issuing_body
):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_templates:add"),
        template_form(issuing_body, body="Ông/Bà: {full_name}, dân tộc: {ethnicity}"),
    )
    assert response.status_code == 200
    assert "{ethnicity}" in errors_of(response)
    assert not CertificateTemplate.objects.exists()


def test_a_template_with_broken_braces_is_refused(client, administrator, issuing_body):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_templates:add"),
        template_form(issuing_body, body="Ông/Bà: {full_name"),
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors


def test_a_valid_template_is_saved(client, administrator, issuing_body):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_templates:add"), template_form(issuing_body)
    )
    assert response.status_code == 302
    assert CertificateTemplate.objects.get().body == BODY_TEXT


def test_the_saved_template_previews_with_sample_data(client, administrator, template):
    client.force_login(administrator)
    response = client.get(reverse("certificate_templates:preview", args=[template.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Ông/Bà: Nguyễn Thị Ánh" in text
    assert "Trần Văn Bình" in text


def test_the_live_preview_draws_the_form_as_it_stands_without_saving(
    client, administrator, template
):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_templates:preview", args=[template.pk]),
        template_form(
            template.issuing_body,
            title="GIẤY CHỨNG NHẬN MỚI",
            signer_name="Lê Thị Hoa",
        ),
    )
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "GIẤY CHỨNG NHẬN MỚI" in text
    assert "Lê Thị Hoa" in text
    template.refresh_from_db()
    assert template.signer_name == "Trần Văn Bình"


def test_the_live_preview_of_a_new_template(client, administrator, issuing_body):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_templates:preview_new"), template_form(issuing_body)
    )
    assert response.status_code == 200
    assert "Ông/Bà: Nguyễn Thị Ánh" in pdf_text(response.content)
    assert not CertificateTemplate.objects.exists()


def test_the_live_preview_names_a_broken_placeholder(client, administrator, template):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_templates:preview", args=[template.pk]),
        template_form(template.issuing_body, body="Ông/Bà: {ho_ten}"),
    )
    assert response.status_code == 400
    assert "{ho_ten}" in response.content.decode()


@pytest.mark.parametrize(
    ("pattern", "valid"),
    [
        ("{number:03d}/GCN-{code}", True),
        ("{number}/{year}/GCN-{code}", True),
        ("GCN-{code}", False),
        ("{number:03d}/GCN-{unit}", False),
        ("{number:xyz}/GCN", False),
        ("{number/GCN", False),
    ],
)
def test_the_number_pattern_is_checked(client, administrator, province, pattern, valid):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_issuing_bodies:add"),
        {
            "name": "SỞ NỘI VỤ",
            "code": "SNV",
            "parent_name": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
            "number_pattern": pattern,
            "place_of_issue": "Quảng Ngãi",
            "unit": province.pk,
        },
    )
    assert IssuingBody.objects.exists() is valid
    if not valid:
        assert "number_pattern" in response.context["form"].errors


def test_a_rule_with_grade_bands_is_saved(
    client, administrator, template, training_class
):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_rules:add"),
        rule_form(template=template, training_class=training_class),
    )
    assert response.status_code == 302, errors_of(response)
    rule = CertificateRule.objects.get()
    assert rule.grade_bands == [[0, "Đạt"], [70, "Khá"], [85, "Giỏi"]]
    assert rule.training_class == training_class


@pytest.mark.parametrize(
    "bands",
    [
        '{"0": "Đạt"}',
        '[[0, "Đạt"], [70]]',
        '[[0, "Đạt"], [70, ""]]',
        '[[0, "Đạt"], [60, "Khá"], [50, "Giỏi"]]',
        '[[10, "Đạt"], [70, "Khá"]]',
        '[[0, "Đạt"], [170, "Giỏi"]]',
        '[[0, "Đạt"], ["x", "Giỏi"]]',
    ],
)
def test_broken_grade_bands_are_refused(
    client, administrator, template, training_class, bands
):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_rules:add"),
        rule_form(template=template, training_class=training_class, grade_bands=bands),
    )
    assert response.status_code == 200
    assert "grade_bands" in response.context["form"].errors
    assert not CertificateRule.objects.exists()


def test_a_rule_needs_a_course_or_a_class_matching_its_condition(
    client, administrator, template, training_class
):
    client.force_login(administrator)
    response = client.post(
        reverse("certificate_rules:add"), rule_form(template=template)
    )
    assert response.status_code == 200
    assert not CertificateRule.objects.exists()

    response = client.post(
        reverse("certificate_rules:add"),
        rule_form(
            template=template,
            training_class=training_class,
            condition="course_complete",
        ),
    )
    assert response.status_code == 200
    assert "condition" in response.context["form"].errors

    response = client.post(
        reverse("certificate_rules:add"),
        rule_form(
            template=template, training_class=training_class, condition="min_quiz_score"
        ),
    )
    assert response.status_code == 200
    assert "quiz" in response.context["form"].errors
    assert not CertificateRule.objects.exists()


def test_the_template_forms_carry_the_live_preview_button(
    client, administrator, template
):
    client.force_login(administrator)
    pages = (
        (
            reverse("certificate_templates:add"),
            reverse("certificate_templates:preview_new"),
        ),
        (
            reverse("certificate_templates:edit", args=[template.pk]),
            reverse("certificate_templates:preview", args=[template.pk]),
        ),
    )
    for page, preview in pages:
        html = client.get(page).content.decode()
        assert f'formaction="{preview}"' in html
        assert "data-certificate-preview" in html
