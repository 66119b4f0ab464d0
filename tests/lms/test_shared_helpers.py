"""Helpers written once in lms for every app: language choice, area prefixes,
the permission guard and the import templates' header row."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import View

from lms.areas import PERSONAL_AREA_PREFIXES
from lms.middleware import PAGE_CACHE_EXCLUDED_PREFIXES, chosen_language
from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from lms.spreadsheets import REQUIRED_HEADER_FILL, Column, template_header_write


def test_the_language_is_the_one_chosen_or_vietnamese(settings):
    factory = RequestFactory()
    request = factory.get("/")
    assert chosen_language(request) == "vi"
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert chosen_language(request) == "en"
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert chosen_language(request) == "vi"


def test_personal_areas_are_never_cached():
    assert set(PERSONAL_AREA_PREFIXES) <= set(PAGE_CACHE_EXCLUDED_PREFIXES)


class Guarded(PermissionRequiredMixin, View):
    permission = "people.view_user"

    def get(self, request):
        return "shown"


class Item(PermissionMenuItem):
    permission = "people.view_user"


class FakeUser:
    def __init__(self, perms):
        self.perms = perms

    def has_perm(self, name):
        return name in self.perms


@pytest.mark.parametrize(
    "perms, allowed", [({"people.view_user"}, True), (set(), False)]
)
def test_the_guard_and_the_menu_item_ask_the_same_permission(perms, allowed):
    request = RequestFactory().get("/")
    request.user = FakeUser(perms)
    assert Item("x", "/x/").is_shown(request) is allowed
    if allowed:
        assert Guarded.as_view()(request) == "shown"
    else:
        with pytest.raises(PermissionDenied):
            Guarded.as_view()(request)


def test_a_template_header_is_bold_shaded_where_required_and_frozen():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    columns = [Column("code", "Mã", required=True, width=12), Column("note", "Ghi chú")]
    letters = template_header_write(sheet, columns)
    assert letters == {"code": "A", "note": "B"}
    output = io.BytesIO()
    workbook.save(output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue())).active
    assert [c.value for c in sheet[1]] == ["Mã", "Ghi chú"]
    assert sheet["A1"].font.bold and sheet["B1"].font.bold
    assert sheet["A1"].fill.fgColor.rgb.endswith(REQUIRED_HEADER_FILL)
    assert sheet["B1"].fill.fill_type is None
    assert sheet.column_dimensions["A"].width == 12
    assert sheet.column_dimensions["B"].width == 16
    assert sheet.freeze_panes == "A2"
