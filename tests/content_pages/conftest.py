import pytest

from people.roles import Role
from tests.content_pages.library_builders import make_library
from tests.factories import UserFactory


@pytest.fixture
def english_and_uncached(settings):
    """Messages compared in English; no page cache, so queries can be counted."""
    settings.LANGUAGE_CODE = "en"
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def teacher(commune_a):
    return UserFactory(username="teacher", unit=commune_a, roles=[Role.TEACHER])


@pytest.fixture
def library(home_page):
    return make_library(home_page)
