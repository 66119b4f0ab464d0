"""A small province whose figures were counted by hand (tests compare with them).

Units: the 2022 tree (old province > huyện Sơn Tịnh > xã Tịnh Kỳ, all until
30/6/2025) and today's (province > xã Tịnh Khê, đặc khu Lý Sơn, from 1/7/2025).
Huyện Sơn Tịnh and xã Tịnh Kỳ passed into xã Tịnh Khê.

People (target groups: committee = Ban VSTBPN, teacher = giáo viên):
  Lan   woman, Tịnh Khê, Hrê (minority) with consent, committee, leader, born 1980
  Minh  man,   Tịnh Khê, Kinh with consent, committee, born 1970
  Hoa   woman, Lý Sơn, ethnicity recorded WITHOUT consent, teacher, born 1995
  Tuấn  man,   Lý Sơn, no ethnicity, no group, no birth date
  Nga   woman, Lý Sơn: registered, never came (absent)

Classes:
  K2022  organised by huyện Sơn Tịnh (former district), 10/9/2022, finished,
         2 sessions of 3.5 h: Lan present twice, Minh present then absent.
  K2026A organised by xã Tịnh Khê, 10/3/2026, finished, 1 session of 4 h:
         Lan present, Hoa late, Tuấn present, Nga absent, Phúc withdrawn.
  K2026B organised by đặc khu Lý Sơn, 5/4/2026, finished, 1 session of 3 h:
         Hoa present, Minh excused.
  CANCEL cancelled (a present mark, never counted); PLANNED open, 20/12/2026.

Hand counts, 1/1/2022 - 31/12/2026, as the units were then:
  classes 3, sessions 4, class hours 14, participant-hours 25.5
  turns 6 (women 4, men 2); people 4 (women 2, men 2)
  Lan: two classes, two turns, one person. Minority (consented): 2 turns, 1
  person. Ethnicity not usable (no consent): Hoa, Tuấn = 2 people.
  Leaders: 2 turns (both women).
  By unit: old province 2 turns / 2 people (huyện Sơn Tịnh the same);
           new province 4 / 3; Tịnh Khê 3 / 3; Lý Sơn 1 / 1.
  Mapped to today's units: Tịnh Khê 5 turns / 4 people; Lý Sơn 1 / 1;
           province 6 / 4.
  By target group: committee 3 turns / 2 people; teacher 2 / 1.
  By level: district 2 turns; commune 4 turns.
  Year 2026 only: classes 2, turns 4 (women 3, men 1), people 3.
Online (course "Luật Bình đẳng giới"): Lan enrolled 1/2/2026, completed
  11/2/2026 (10 days); Hoa enrolled 1/2/2026, not complete; Minh enrolled in
  2021 (outside the period). 2026: enrolments 2, completions 1, rate 50 %.
Register: Tịnh Khê has 8 committee members in 2026; trained at least once:
  Lan and Minh = 2, share 25 %.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from courses.models import Enrolment
from people.models import AdminUnit, AdminUnitSuccession, Ethnicity, TargetGroup
from people.roles import Role
from stats.models import TargetPopulation
from tests.factories import UserFactory
from tests.factories.courses import make_course_tree, make_enrolment
from tests.factories.people import make_unit
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import Participant, TrainingClass

ALL_YEARS = (dt.date(2022, 1, 1), dt.date(2026, 12, 31))
YEAR_2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
BEFORE_REFORM = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


@pytest.fixture
def world(db, course_index):
    w = SimpleNamespace()
    w.old_province = make_unit(
        name="Tỉnh Quảng Ngãi (trước 2025)",
        code="S51",
        unit_type=AdminUnit.UnitType.PROVINCE,
        valid_to=BEFORE_REFORM,
    )
    w.district = make_unit(
        w.old_province,
        name="Huyện Sơn Tịnh",
        code="S520",
        unit_type=AdminUnit.UnitType.DISTRICT,
        valid_to=BEFORE_REFORM,
    )
    w.old_commune = make_unit(
        w.district, name="Xã Tịnh Kỳ", code="S52001", valid_to=BEFORE_REFORM
    )
    w.province = make_unit(
        name="Tỉnh Quảng Ngãi",
        code="S51N",
        unit_type=AdminUnit.UnitType.PROVINCE,
        valid_from=REFORM,
    )
    w.tinh_khe = make_unit(
        w.province, name="Xã Tịnh Khê", code="S25001", valid_from=REFORM
    )
    w.ly_son = make_unit(
        w.province,
        name="Đặc khu Lý Sơn",
        code="S25002",
        unit_type=AdminUnit.UnitType.SPECIAL_ZONE,
        valid_from=REFORM,
    )
    for former in (w.district, w.old_commune):
        AdminUnitSuccession.objects.create(
            predecessor=former,
            successor=w.tinh_khe,
            effective_date=REFORM,
            legal_basis="NQ 1677/NQ-UBTVQH15",
        )
    w.committee = TargetGroup.objects.get(code="ban-vstbpn")
    w.teacher = TargetGroup.objects.get(code="giao-vien")
    hre = Ethnicity.objects.get(name="Hrê")
    kinh = Ethnicity.objects.get(code="01")
    consent = timezone.now()

    def person(username, name, sex, unit, groups=(), **extra):
        user = UserFactory(
            username=username,
            full_name=name,
            sex=sex,
            unit=unit,
            roles=[Role.LEARNER],
            **extra,
        )
        user.target_groups.set(groups)
        return user

    w.lan = person(
        "lan",
        "Phạm Thị Lan",
        "nu",
        w.tinh_khe,
        [w.committee],
        ethnicity=hre,
        ethnicity_consent_at=consent,
        is_leader=True,
        date_of_birth=dt.date(1980, 5, 1),
    )
    w.minh = person(
        "minh",
        "Trần Văn Minh",
        "nam",
        w.tinh_khe,
        [w.committee],
        ethnicity=kinh,
        ethnicity_consent_at=consent,
        date_of_birth=dt.date(1970, 3, 3),
    )
    w.hoa = person(
        "hoa",
        "Đinh Thị Hoa",
        "nu",
        w.ly_son,
        [w.teacher],
        date_of_birth=dt.date(1995, 1, 1),
    )
    w.tuan = person("tuan", "Lê Văn Tuấn", "nam", w.ly_son)
    w.nga = person("nga", "Võ Thị Nga", "nu", w.ly_son)
    w.phuc = person("phuc", "Hồ Văn Phúc", "nam", w.ly_son)

    finished = TrainingClass.Status.FINISHED
    w.k2022 = make_training_class(
        w.district, code="K2022", starts_on=dt.date(2022, 9, 10), status=finished
    )
    s1 = make_session(w.k2022, starts_at=dt.time(8, 0), ends_at=dt.time(11, 30))
    s2 = make_session(w.k2022, starts_at=dt.time(13, 30), ends_at=dt.time(17, 0))
    make_mark(s1, make_participant(w.k2022, w.lan), "present")
    make_mark(s2, Participant.objects.get(training_class=w.k2022, person=w.lan))
    minh_2022 = make_participant(w.k2022, w.minh)
    make_mark(s1, minh_2022, "present")
    make_mark(s2, minh_2022, "absent")

    w.k2026a = make_training_class(
        w.tinh_khe, code="K2026A", starts_on=dt.date(2026, 3, 10), status=finished
    )
    s = make_session(w.k2026a, starts_at=dt.time(8, 0), ends_at=dt.time(12, 0))
    make_mark(s, make_participant(w.k2026a, w.lan), "present")
    make_mark(s, make_participant(w.k2026a, w.hoa), "late")
    make_mark(s, make_participant(w.k2026a, w.tuan), "present")
    make_mark(s, make_participant(w.k2026a, w.nga), "absent")
    make_participant(
        w.k2026a, w.phuc, status=Participant.Status.WITHDRAWN, withdrawn_at=consent
    )

    w.k2026b = make_training_class(
        w.ly_son, code="K2026B", starts_on=dt.date(2026, 4, 5), status=finished
    )
    s = make_session(w.k2026b, starts_at=dt.time(13, 30), ends_at=dt.time(16, 30))
    make_mark(s, make_participant(w.k2026b, w.hoa), "present")
    make_mark(s, make_participant(w.k2026b, w.minh), "excused")

    w.cancelled = make_training_class(
        w.ly_son,
        code="CANCEL",
        starts_on=dt.date(2026, 5, 1),
        status=TrainingClass.Status.CANCELLED,
    )
    s = make_session(w.cancelled)
    make_mark(s, make_participant(w.cancelled, w.tuan), "present")
    w.planned = make_training_class(
        w.ly_son, code="PLANNED", starts_on=dt.date(2026, 12, 20)
    )
    make_participant(w.planned, w.nga)

    w.course, _lessons = make_course_tree(course_index, title="Luật Bình đẳng giới")
    for learner, enrolled, completed in (
        (w.lan, dt.date(2026, 2, 1), dt.date(2026, 2, 11)),
        (w.hoa, dt.date(2026, 2, 1), None),
        (w.minh, dt.date(2021, 12, 1), dt.date(2021, 12, 20)),
    ):
        enrolment = make_enrolment(learner, w.course)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=_aware(enrolled),
            completed_at=_aware(completed) if completed else None,
            status=Enrolment.Status.COMPLETED if completed else Enrolment.Status.ACTIVE,
        )

    TargetPopulation.objects.create(
        unit=w.tinh_khe, target_group=w.committee, year=2026, size=8
    )

    w.administrator = UserFactory(
        username="stats-admin", unit=w.province, roles=[Role.ADMINISTRATOR]
    )
    w.manager_tinh_khe = UserFactory(
        username="manager-tinh-khe",
        unit=w.tinh_khe,
        roles=[Role.UNIT_MANAGER],
        managed_units=[w.tinh_khe],
    )
    w.manager_ly_son = UserFactory(
        username="manager-ly-son",
        unit=w.ly_son,
        roles=[Role.UNIT_MANAGER],
        managed_units=[w.ly_son],
    )
    return w
