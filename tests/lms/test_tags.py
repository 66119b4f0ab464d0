import pytest
from django.core.cache import cache

from lms.templatetags.lms_tags import can_access_admin
from people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_link_for_trainers_not_for_learners(learner):
    trainer = UserFactory(roles=[Role.TRAINER])
    assert can_access_admin(trainer) is True
    assert can_access_admin(learner) is False


def test_admin_access_is_cached_per_user(learner, django_assert_num_queries):
    can_access_admin(learner)
    fresh = type(learner).objects.get(pk=learner.pk)
    with django_assert_num_queries(0):
        assert can_access_admin(fresh) is False
    cache.clear()
    with django_assert_num_queries(0):  # kept on the user object
        can_access_admin(fresh)
    another_request_user = type(learner).objects.get(pk=learner.pk)
    with django_assert_num_queries(2):
        can_access_admin(another_request_user)


def test_anonymous_never_sees_the_admin_link():
    from django.contrib.auth.models import AnonymousUser

    assert can_access_admin(AnonymousUser()) is False
