"""Demo certificates: the two issuing bodies (Sở LĐTBXH for the 2022 classes,
Sở Nội vụ from 2025, as DOMAIN.md §5.2 says), a template for each, rules for the
demo courses K1–K4 and every finished demo class, and the certificates of the
demo learners who completed them, issued through certificate_issue; one is
revoked through certificate_revoke.

A class's completion is brought up to date first with training's own service
(participants_completion_update), so only those who met the class's conditions
get a certificate. The 2022 classes' certificates carry the date their class
ended, in Sở LĐTBXH's 2022 register (certificate_issue's `issued_on`).

Idempotent: bodies by code, templates by name, rules by course or class, and
certificate_issue returns the certificate already in force.
"""

from django.core.management.base import BaseCommand, CommandError

from certificates.models import (
    Certificate,
    CertificateRule,
    CertificateTemplate,
    IssuingBody,
)
from certificates.services.issuing import certificate_issue, certificate_revoke
from courses.models import CoursePage, Enrolment
from people.models import AdminUnit, User
from training.models import Participant, TrainingClass
from training.services.completion import participants_completion_update

PARENT = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
# The labour department's training work passed to the home affairs department
# in 2025; certificates of earlier classes stay in its register.
REFORM_YEAR = 2025

# code, name, unit code, certifier, signer's authority, signer's name
BODIES = [
    (
        "SLDTBXH",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "51",
        "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH QUẢNG NGÃI",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "Phạm Thị Minh Hà",
    ),
    (
        "SNV",
        "SỞ NỘI VỤ",
        "N-QNG",
        "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "Trần Văn Bình",
    ),
]

CLASS_BODY = (
    "Ông/Bà: {full_name}    Sinh ngày: {date_of_birth}\n"
    "Chức vụ, đơn vị công tác: {position}, {organisation}\n"
    'Đã hoàn thành lớp tập huấn: "{title}"\n'
    "Thời gian: từ ngày {start_date} đến ngày {end_date}, tại {place} "
    "({hours} giờ)\n"
    "Kết quả: {result}"
)
COURSE_BODY = (
    "Ông/Bà: {full_name}    Sinh ngày: {date_of_birth}\n"
    "Chức vụ, đơn vị công tác: {position}, {organisation}\n"
    'Đã hoàn thành khóa bồi dưỡng trực tuyến: "{title}"\n'
    "Thời gian: từ ngày {start_date} đến ngày {end_date}, hình thức {place}\n"
    "Kết quả: {result}"
)

COURSE_CODES = ["K1-2026", "K2-2026", "K3-2026", "K4-2026"]
REVOCATION_REASON = (
    "Cấp nhầm: học viên đã được cấp giấy chứng nhận cho cùng nội dung ở lớp khác "
    "(dữ liệu mẫu)."
)


class Command(BaseCommand):
    help = "Demo issuing bodies, templates, rules and certificates (idempotent)."

    def handle(self, *args, **options):
        administrator = User.objects.filter(username="admin").first()
        if administrator is None:
            raise CommandError("Run seed_demo_people and seed_demo_training first.")
        labour, home_affairs = self.ensure_bodies()
        class_templates = {
            body.pk: self.ensure_template(
                body,
                "Giấy chứng nhận lớp tập huấn",
                "HOÀN THÀNH LỚP TẬP HUẤN",
                CLASS_BODY,
            )
            for body in (labour, home_affairs)
        }
        course_template = self.ensure_template(
            home_affairs,
            "Giấy chứng nhận khóa bồi dưỡng trực tuyến",
            "HOÀN THÀNH KHÓA BỒI DƯỠNG",
            COURSE_BODY,
        )
        issued = 0
        for course in CoursePage.objects.filter(code__in=COURSE_CODES).order_by("code"):
            rule = self.ensure_rule(course=course, template=course_template)
            learners = User.objects.filter(
                enrolments__course=course,
                enrolments__status=Enrolment.Status.COMPLETED,
            ).order_by("username")
            for learner in learners:
                certificate_issue(rule=rule, holder=learner)
                issued += 1
        classes = TrainingClass.objects.filter(
            status=TrainingClass.Status.FINISHED
        ).order_by("starts_on", "code")
        for training_class in classes:
            past = training_class.ends_on.year < REFORM_YEAR
            body = labour if past else home_affairs
            participants = training_class.participants.filter(
                status=Participant.Status.CONFIRMED
            )
            # Before the rule exists, so that class_completed queues no issue of
            # its own: the seed issues below, on the right day.
            participants_completion_update(
                participant_ids=participants.values_list("pk", flat=True)
            )
            rule = self.ensure_rule(
                training_class=training_class, template=class_templates[body.pk]
            )
            completed = participants.filter(completed_at__isnull=False).select_related(
                "person"
            )
            for participant in completed.order_by("person__username"):
                certificate_issue(
                    rule=rule,
                    holder=participant.person,
                    issued_on=training_class.ends_on if past else None,
                )
                issued += 1
        self.revoke_one(administrator)
        if options["verbosity"]:
            self.stdout.write(
                f"Demo certificates: {Certificate.objects.count()} "
                f"({issued} earned by the demo learners)."
            )

    def ensure_bodies(self) -> tuple[IssuingBody, IssuingBody]:
        bodies = []
        for code, name, unit_code, _certifier, _authority, _signer in BODIES:
            unit = AdminUnit.objects.filter(code=unit_code).first()
            if unit is None:
                raise CommandError(
                    f"Unit {unit_code} is missing: run seed_demo_people."
                )
            body, _created = IssuingBody.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "parent_name": PARENT,
                    "number_pattern": "{number:03d}/GCN-{code}",
                    "place_of_issue": "Quảng Ngãi",
                    "unit": unit,
                },
            )
            bodies.append(body)
        return bodies[0], bodies[1]

    def ensure_template(
        self, body: IssuingBody, name: str, subtitle: str, text: str
    ) -> CertificateTemplate:
        _code, _name, _unit, certifier, authority, signer = next(
            row for row in BODIES if row[0] == body.code
        )
        template, _created = CertificateTemplate.objects.get_or_create(
            issuing_body=body,
            name=name,
            defaults={
                "title": "GIẤY CHỨNG NHẬN",
                "subtitle": subtitle,
                "certifier_line": certifier,
                "body": text,
                "signer_authority": authority,
                "signer_name": signer,
                "orientation": CertificateTemplate.Orientation.LANDSCAPE,
            },
        )
        return template

    def ensure_rule(self, *, template, course=None, training_class=None):
        lookup = {"course": course} if course is not None else {}
        if training_class is not None:
            lookup = {"training_class": training_class}
        rule, _created = CertificateRule.objects.get_or_create(
            **lookup,
            defaults={
                "template": template,
                "condition": CertificateRule.Condition.COURSE_COMPLETE
                if course is not None
                else CertificateRule.Condition.CLASS_COMPLETE,
                "grade_bands": [],
                "is_active": True,
            },
        )
        return rule

    def revoke_one(self, administrator: User) -> None:
        """One revoked certificate: the first of a 2026 class, once."""
        if Certificate.objects.filter(status=Certificate.Status.REVOKED).exists():
            return
        certificate = (
            Certificate.objects.filter(
                training_class__isnull=False,
                status=Certificate.Status.VALID,
                year__gte=REFORM_YEAR,
            )
            .order_by("year", "sequence")
            .first()
        ) or Certificate.objects.filter(status=Certificate.Status.VALID).order_by(
            "pk"
        ).first()
        if certificate is not None:
            certificate_revoke(
                certificate=certificate, by=administrator, reason=REVOCATION_REASON
            )
