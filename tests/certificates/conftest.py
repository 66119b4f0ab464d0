"""A completed class and a completed course, each with a certificate rule."""

import pytest

from people.roles import Role
from tests.factories import UserFactory
from tests.factories.certificates import make_issuing_body, make_rule, make_template
from tests.factories.training import make_participant, make_training_class


@pytest.fixture
def trainer(db, province):
    return UserFactory(username="trainer", roles=[Role.TRAINER], unit=province)


@pytest.fixture
def other_trainer(db, province):
    return UserFactory(username="trainer2", roles=[Role.TRAINER], unit=province)


@pytest.fixture
def issuing_body(province):
    return make_issuing_body(province)


@pytest.fixture
def template(issuing_body):
    return make_template(issuing_body)


@pytest.fixture
def training_class(commune_a, trainer):
    return make_training_class(
        commune_a, trainers=[trainer], code="TH-BDG-01", title="Tập huấn Luật BĐG"
    )


@pytest.fixture
def other_class(commune_b, other_trainer):
    return make_training_class(commune_b, trainers=[other_trainer], code="TH-X-02")


@pytest.fixture
def class_rule(training_class, template):
    return make_rule(training_class=training_class, template=template)


@pytest.fixture
def participant(training_class, learner):
    return make_participant(training_class, learner)
