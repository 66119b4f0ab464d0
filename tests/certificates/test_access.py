"""Who sees a certificate: its holder, its class's trainers, the managers of the
holder's unit and administrators (people.access)."""

import pytest

from certificates.models import Certificate
from people.access import visible_to
from tests.factories.certificates import make_certificate, make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(class_rule, other_class, learner, other_learner, template):
    mine = make_certificate(learner, class_rule)
    theirs = make_certificate(
        other_learner, make_rule(training_class=other_class, template=template)
    )
    return mine, theirs


def visible(user):
    return set(visible_to(user, Certificate.objects.all()))


def test_the_holder_sees_their_own_only(certificates, learner):
    assert visible(learner) == {certificates[0]}


def test_a_trainer_sees_the_certificates_of_their_class(
    certificates, trainer, other_trainer
):
    assert visible(trainer) == {certificates[0]}
    assert visible(other_trainer) == {certificates[1]}


def test_a_unit_manager_sees_the_holders_of_their_units(certificates, unit_manager):
    assert visible(unit_manager) == {certificates[0]}


def test_an_administrator_sees_all(certificates, administrator):
    assert visible(administrator) == set(certificates)
