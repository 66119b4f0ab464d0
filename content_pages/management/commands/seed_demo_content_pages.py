"""The demo site's home page, made the root of the default site."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from content_pages.models import HomePage

HOME_INTRO = (
    "<p>Nền tảng bồi dưỡng trực tuyến về <b>bình đẳng giới và vì sự tiến bộ của phụ nữ</b> "
    "của tỉnh Quảng Ngãi, dành cho cán bộ, công chức, thành viên Ban Vì sự tiến bộ của "
    "phụ nữ các cấp, người soạn thảo văn bản quy phạm pháp luật và giáo viên.</p>"
)


class Command(BaseCommand):
    help = "Create the home page and make it the default site's root (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Bồi dưỡng bình đẳng giới Quảng Ngãi",
                    slug="trang-chu",
                    intro=HOME_INTRO,
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Bồi dưỡng bình đẳng giới",
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Bồi dưỡng bình đẳng giới"
            site.save()
            # Wagtail's placeholder "Welcome" page has no use once the home page exists.
            if old_root.specific_class is Page and old_root.depth == 2:
                old_root.delete()
