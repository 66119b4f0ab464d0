"""E-mails as templates: one renderer, subject + text + HTML, in the recipient's language."""

from pathlib import Path

import pytest
from django.conf import settings

from lms.mail import render_templated_mail

EMAIL_DIRS = [
    Path(settings.BASE_DIR) / "courses" / "templates" / "courses" / "emails",
]
ASSIGNED = "courses/emails/course_assigned"
CONTEXT = {
    "name": "Lò Thị <b>Hoa</b> & Co",
    "assigner": "Nguyễn Văn An",
    "title": "Bình đẳng giới <script>alert(1)</script>",
    "due": "15/12/2026",
    "url": "https://lms.example.test/khoa-hoc/binh-dang-gioi/",
}


def prefixes():
    """Every e-mail the platform writes from templates, by its prefix."""
    found = []
    for folder in EMAIL_DIRS:
        app_templates = folder.parents[1]
        for subject in sorted(folder.glob("*_subject.txt")):
            name = subject.name.removesuffix("_subject.txt")
            found.append(str((folder / name).relative_to(app_templates)))
    return found


def test_vietnamese_subject_text_and_html():
    mail = render_templated_mail(
        template_prefix=ASSIGNED, context=CONTEXT, language="vi"
    )

    assert mail.subject == (
        "Khóa học mới dành cho bạn: “Bình đẳng giới <script>alert(1)</script>”, "
        "hạn hoàn thành 15/12/2026"
    )
    assert mail.text.startswith("Xin chào Lò Thị <b>Hoa</b> & Co,\n\n")
    assert "Nguyễn Văn An" in mail.text
    assert mail.text.endswith(CONTEXT["url"] + "\n")
    assert '<html lang="vi">' in mail.html
    assert "Xin chào" in mail.html


def test_english_for_a_recipient_who_chose_english():
    mail = render_templated_mail(
        template_prefix=ASSIGNED, context=CONTEXT, language="en"
    )

    assert mail.subject.startswith("New course for you: “Bình đẳng giới")
    assert mail.text.startswith("Hello Lò Thị <b>Hoa</b> & Co,\n\n")
    assert '<html lang="en">' in mail.html
    assert "Please complete it by 15/12/2026." in mail.html


def test_html_part_escapes_what_people_wrote_and_links_the_url():
    mail = render_templated_mail(
        template_prefix=ASSIGNED, context=CONTEXT, language="vi"
    )

    assert "<script>" not in mail.html
    assert "<b>Hoa</b>" not in mail.html
    assert "&lt;b&gt;Hoa&lt;/b&gt; &amp; Co" in mail.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in mail.html
    assert f'<a href="{CONTEXT["url"]}"' in mail.html
    # The plain text is not escaped: a name with "&" stays as typed.
    assert "&amp;" not in mail.text + mail.subject


def test_subject_is_one_line():
    mail = render_templated_mail(
        template_prefix=ASSIGNED,
        context={**CONTEXT, "title": "Dòng một\nDòng hai"},
        language="vi",
    )

    assert "\n" not in mail.subject


def test_every_mail_is_found():
    assert len(prefixes()) == 7


@pytest.mark.parametrize("prefix", prefixes())
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_mail_has_a_subject_a_text_and_an_html_part(prefix, language):
    context = {
        **CONTEXT,
        "author": "Trần Bình",
        "reviewer": "Hà Giang",
        "kind": "khóa học",
        "comment": "Thêm <i>ví dụ</i>",
        "progress": 40,
    }
    mail = render_templated_mail(
        template_prefix=prefix, context=context, language=language
    )

    assert mail.subject and "\n" not in mail.subject
    assert mail.text.strip()
    assert mail.html.lstrip().startswith("<!DOCTYPE html>")
    assert f'<html lang="{language}">' in mail.html
    # The HTML part says what the text part says, escaped.
    first_line = mail.text.splitlines()[0]
    assert (
        first_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        in mail.html
    )
    assert "<b>" not in mail.html and "<i>" not in mail.html
