"""The demo public site: made once, the same after a second run, and every page
of it answers."""

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from content_pages.models import (
    FooterLink,
    HomePage,
    LegalDocument,
    MainMenuItem,
    NewsPage,
    NewsTopic,
    SiteSettings,
    StandardPage,
)

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            NewsPage,
            NewsTopic,
            StandardPage,
            LegalDocument,
            MainMenuItem,
            FooterLink,
            SiteSettings,
            get_document_model(),
            get_image_model(),
        )
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo_content_pages", verbosity=0)


def test_seed_is_idempotent(seeded):
    first = counts()

    call_command("seed_demo_content_pages", verbosity=0)

    assert counts() == first
    assert first["NewsPage"] == 5
    assert first["LegalDocument"] == 11


def test_seed_makes_the_home_page_the_site_root(seeded):
    home = HomePage.objects.get()

    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.intro


def test_every_legal_document_has_a_pdf_of_its_summary(seeded):
    for record in LegalDocument.objects.select_related("document__collection"):
        assert record.document is not None, record.number
        assert record.document.collection.name == "Văn bản pháp luật"
        with record.document.file.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"


def test_replaced_documents_point_to_what_replaced_them(seeded):
    old = LegalDocument.objects.get(number="55/2009/NĐ-CP")

    assert old.status == LegalDocument.Status.REPLACED
    assert old.replaced_by.number == "125/2021/NĐ-CP"


def test_action_month_news_has_its_dates(seeded):
    item = NewsPage.objects.get(slug="phat-dong-thang-hanh-dong-2026")

    assert (item.event_start.day, item.event_start.month) == (15, 11)
    assert (item.event_end.day, item.event_end.month) == (15, 12)
    assert item.image is not None


def test_menu_and_footer_are_set_once(seeded):
    settings = SiteSettings.objects.get()
    labels = list(
        MainMenuItem.objects.filter(settings=settings)
        .order_by("sort_order")
        .values_list("label", flat=True)
    )

    assert labels == [
        "Khóa học",
        "Thư viện tài liệu",
        "Tin tức",
        "Văn bản pháp luật",
        "Giới thiệu",
    ]
    assert MainMenuItem.objects.get(label="Thư viện tài liệu").link_url == "/thu-vien/"
    assert FooterLink.objects.filter(settings=settings).count() == 4
    assert settings.organisation_name == "Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi"


def test_demo_menu_and_footer_have_english_versions(client, seeded):
    client.cookies["django_language"] = "en"

    english = client.get("/").content.decode()
    client.cookies["django_language"] = "vi"
    vietnamese = client.get("/").content.decode()

    for label in ("Courses", "Resource library", "Legal documents", "User guide"):
        assert f">{label}</a>" in english
        assert f">{label}</a>" not in vietnamese
    assert "Quảng Ngãi Provincial Committee for the Advancement of Women" in english
    assert ">Văn bản pháp luật</a>" in vietnamese
    assert ">Văn bản pháp luật</a>" not in english


def test_an_editors_menu_survives_a_second_run(seeded):
    MainMenuItem.objects.exclude(label="Tin tức").delete()

    call_command("seed_demo_content_pages", verbosity=0)

    assert list(MainMenuItem.objects.values_list("label", flat=True)) == ["Tin tức"]


def test_no_phone_number_is_made_up(seeded):
    assert SiteSettings.objects.get().phone == ""
    about = StandardPage.objects.get(slug="gioi-thieu")
    assert "Điện thoại: (đang cập nhật)" in str(about.body)


SEEDED_PATHS = [
    "/",
    "/gioi-thieu/",
    "/huong-dan-su-dung/",
    "/tin-tuc/",
    "/tin-tuc/?year=2026&topic=thang-hanh-dong",
    "/tin-tuc/phat-dong-thang-hanh-dong-2026/",
    "/van-ban-phap-luat/",
    "/van-ban-phap-luat/?q=binh+dang+gioi",
    "/sitemap.xml",
]


def test_seeded_pages_answer(client, seeded):
    for path in SEEDED_PATHS:
        assert client.get(path).status_code == 200, path
    assert "Khóa học" in client.get("/").content.decode()
