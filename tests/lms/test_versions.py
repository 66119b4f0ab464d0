"""Values kept under the content version (lms.versions.cached_by_version)."""

from unittest import mock

import pytest

from lms import versions
from lms.versions import cached_by_version, content_changed, content_version


@pytest.mark.django_db
def test_a_value_is_read_once_per_version_and_again_after_a_change():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    first = cached_by_version("test:value", content_version(), read)
    again = cached_by_version("test:value", content_version(), read)
    content_changed()
    after = cached_by_version("test:value", content_version(), read)

    assert (first, again, after) == (1, 1, 2)


def test_without_a_version_it_reads_fresh_and_keeps_nothing():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert cached_by_version("test:fresh", None, read) == 1
    assert cached_by_version("test:fresh", None, read) == 2


@pytest.mark.django_db
def test_a_saved_page_starts_a_new_version(home_page):
    before = content_version()

    home_page.save()

    assert content_version() != before


@pytest.mark.django_db
def test_a_kept_value_is_read_from_the_process_without_a_cache_round_trip():
    version = content_version()
    cached_by_version("test:kept", version, lambda: {"title": "Khoá học"})

    with mock.patch.object(versions.cache, "get", side_effect=AssertionError):
        first = cached_by_version("test:kept", version, lambda: {"title": "mới"})
        first["title"] = "sửa trong một yêu cầu"
        second = cached_by_version("test:kept", version, lambda: {"title": "mới"})

    # Each caller has its own copy: what one request does to it stays there.
    assert second == {"title": "Khoá học"}
