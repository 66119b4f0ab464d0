"""A class in district A's commune, its trainer, a trainer of another class, and
two sessions with two confirmed participants (the learner and a second one)."""

import pytest
from django.conf import settings

from people.roles import Role
from tests.factories import UserFactory
from tests.factories.training import (
    make_participant,
    make_session,
    make_training_class,
)


@pytest.fixture
def english(client):
    """Pages in English, so tests read the strings as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def trainer(db, province):
    return UserFactory(username="trainer", roles=[Role.TRAINER], unit=province)


@pytest.fixture
def other_trainer(db, province):
    return UserFactory(username="trainer2", roles=[Role.TRAINER], unit=province)


@pytest.fixture
def training_class(commune_a, trainer):
    return make_training_class(
        commune_a, trainers=[trainer], code="TH-BDG-01", title="Tập huấn Luật BĐG"
    )


@pytest.fixture
def other_class(commune_b, other_trainer):
    return make_training_class(commune_b, trainers=[other_trainer], code="TH-X-02")


@pytest.fixture
def sessions(training_class):
    return [make_session(training_class), make_session(training_class)]


@pytest.fixture
def second_learner(db, commune_a):
    return UserFactory(
        username="hocvien2", full_name="Hồ Văn Nam", sex="nam", unit=commune_a
    )


@pytest.fixture
def participant(training_class, learner):
    return make_participant(training_class, learner)


@pytest.fixture
def second_participant(training_class, second_learner):
    return make_participant(training_class, second_learner)
