"""The registry through which other apps' pages take part in the site search."""

import pytest

from courses.search import COURSE_SEARCH_SOURCE
from lms.search_sources import (
    register_search_source,
    search_sources,
    unregister_search_source,
)
from tests.content_pages.test_search import (  # noqa: F401 -- fixtures
    _english,
    kinds_found,
    search,
    site_content,
    titles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_courses():
    """The registry as if courses had not registered; restored afterwards."""
    unregister_search_source(COURSE_SEARCH_SOURCE.name)
    yield
    register_search_source(COURSE_SEARCH_SOURCE)


def test_courses_register_their_source_at_start_up():
    assert COURSE_SEARCH_SOURCE in search_sources()


def test_registering_twice_keeps_one_source(client, site_content):  # noqa: F811
    register_search_source(COURSE_SEARCH_SOURCE)
    register_search_source(COURSE_SEARCH_SOURCE)
    names = [source.name for source in search_sources()]
    assert names.count("courses") == 1
    assert kinds_found(search(client, "bao luc")) == {
        "courses": 1,
        "lessons": 1,
        "resources": 1,
    }


def test_an_unregistered_source_is_not_searched(
    client,
    site_content,  # noqa: F811
    without_courses,
):
    response = search(client, "bao luc")
    # Neither the course nor its lesson, not even as a plain page.
    assert kinds_found(response) == {"resources": 1}
    assert site_content["course"].title not in titles(response)
    assert site_content["lesson"].title not in titles(response)
    # An unknown kind is ignored, as any unknown kind is.
    assert kinds_found(search(client, "bao luc", kind="courses")) == {"resources": 1}


def test_an_unregistered_source_is_searched_again_once_registered(
    client,
    site_content,  # noqa: F811
    without_courses,
):
    register_search_source(COURSE_SEARCH_SOURCE)
    assert kinds_found(search(client, "nhan dien")) == {"courses": 1, "lessons": 1}
