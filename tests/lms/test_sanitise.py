"""The one sanitiser for untrusted HTML (nh3), and plain text for names."""

import pytest

from lms.sanitise import ALLOWED_TAGS, clean_html, plain_text


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<iframe src='https://evil.example'></iframe>",
        "<object data='x.swf'></object>",
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_clean_html_drops_scripts_styles_and_embeds_with_their_content(dangerous):
    cleaned = clean_html(f"<p>Trước{dangerous}Sau</p>")

    assert cleaned == "<p>TrướcSau</p>"


@pytest.mark.parametrize(
    "attribute",
    ['onclick="steal()"', "onmouseover=steal()", 'ONLOAD="steal()"', 'style="x"'],
)
def test_clean_html_drops_event_and_style_attributes(attribute):
    assert clean_html(f"<p {attribute}>Chào</p>") == "<p>Chào</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_clean_html_drops_dangerous_link_targets(href):
    cleaned = clean_html(f'<a href="{href}">bấm</a>')

    assert "href" not in cleaned
    assert "bấm" in cleaned


def test_clean_html_keeps_allowed_tags_and_safe_links():
    html = (
        "<p><strong>Đậm</strong> <em>nghiêng</em> <u>gạch</u><br></p>"
        "<ul><li>một</li></ul><ol><li>hai</li></ol>"
        "<blockquote>trích</blockquote><pre><code>x = 1</code></pre>"
        '<p><a href="https://molisa.gov.vn/" title="Bộ">link</a> '
        '<a href="mailto:a@example.test">thư</a></p>'
    )

    cleaned = clean_html(html)

    for tag in [
        "p",
        "strong",
        "em",
        "u",
        "br",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
    ]:
        assert f"<{tag}>" in cleaned
    assert (
        '<a href="https://molisa.gov.vn/" title="Bộ" rel="noopener noreferrer nofollow">'
        in cleaned
    )
    assert 'href="mailto:a@example.test"' in cleaned


def test_clean_html_unwraps_tags_outside_the_allow_list_but_keeps_their_text():
    assert clean_html("<div><span>Chữ</span> <h1>Tiêu đề</h1></div>") == "Chữ Tiêu đề"
    assert "img" not in clean_html('<img src="x.png" onerror="steal()">')


def test_clean_html_does_not_allow_images_or_tables():
    assert not ALLOWED_TAGS & {
        "img",
        "table",
        "script",
        "style",
        "iframe",
        "form",
        "input",
    }


def test_clean_html_accepts_empty_input():
    assert clean_html("") == ""
    assert clean_html(None) == ""


def test_plain_text_strips_every_tag():
    assert plain_text("<p><b>Nguyễn</b> <i>Thị</i> <a href='x'>Lan</a></p>") == (
        "Nguyễn Thị Lan"
    )


def test_plain_text_drops_scripts_with_their_content():
    assert plain_text("Lan<script>alert('x')</script><style>p{}</style>") == "Lan"


def test_plain_text_returns_text_not_escaped_html():
    # Escaping is the template's job; escaping here would show "&amp;" to people.
    assert plain_text("Hội LHPN & Đoàn <thanh niên>") == "Hội LHPN & Đoàn "
    assert plain_text("a < b > c") == "a < b > c"
    assert plain_text("") == ""
    assert plain_text(None) == ""
