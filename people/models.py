"""People and the places they work: users, administrative units, organisations.

Units are versioned: a unit is never renamed or re-parented to follow a reform;
a new unit is made and linked to its predecessors, so old records keep
pointing at the unit as it was and can still be mapped to today's units.
"""

import os
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

UNIT_VALID_TO_BEFORE_VALID_FROM = _(
    "A unit cannot stop being valid before it starts: the “valid to” date must be "
    "on or after the “valid from” date."
)


class AdminUnit(MP_Node):
    """An administrative unit (province, district, commune, special zone) in the tree."""

    class UnitType(models.TextChoices):
        PROVINCE = "tinh", _("Province")
        CENTRAL_CITY = "thanh_pho_tw", _("Centrally-run city")
        DISTRICT = "huyen", _("District")
        TOWN = "thi_xa", _("Town")
        PROVINCIAL_CITY = "thanh_pho", _("Provincial city")
        URBAN_DISTRICT = "quan", _("Urban district")
        COMMUNE = "xa", _("Commune")
        WARD = "phuong", _("Ward")
        TOWNSHIP = "thi_tran", _("Township")
        SPECIAL_ZONE = "dac_khu", _("Special zone")

    name = models.CharField(_("name"), max_length=150)
    unit_type = models.CharField(_("type"), max_length=20, choices=UnitType.choices)
    code = models.CharField(
        _("official code"),
        max_length=20,
        unique=True,
        help_text=_(
            "The statistical office's code; must be unique across all periods."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(
        _("legal act"),
        max_length=200,
        blank=True,
        help_text=_("The act that created the unit, e.g. NQ 1677/NQ-UBTVQH15."),
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="admin_unit_valid_to_after_valid_from",
            )
        ]

    def __str__(self):
        return f"{self.get_unit_type_display()} {self.name}"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": UNIT_VALID_TO_BEFORE_VALID_FROM})

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AdminUnitSuccession(models.Model):
    """A unit (or part of it) that passed into another unit on a date."""

    predecessor = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        related_name="successions",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        related_name="predecessions",
        verbose_name=_("successor"),
    )
    effective_date = models.DateField(_("effective date"))
    is_partial = models.BooleanField(
        _("only part of the predecessor"),
        default=False,
        help_text=_("Set when the predecessor was split between several successors."),
    )
    legal_basis = models.CharField(_("legal act"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_unit_succession"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="unit_succession_not_to_itself",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


# Training classes point here from a modelcluster ClusterableModel, whose manager
# django-stubs cannot resolve (modelcluster has no type information).
class Organisation(models.Model):  # type: ignore[django-manager-missing]
    """A body people work for, placed in an administrative unit."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department or agency")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        SCHOOL = "school", _("School")
        WOMENS_UNION = "womens_union", _("Women's Union")
        ADVANCEMENT_COMMITTEE = (
            "advancement_committee",
            _("Committee for the Advancement of Women"),
        )
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    unit = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("administrative unit"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    """A group the programme aims at (Committee members, teachers, drafters...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Ethnicity(models.Model):
    """One of Viet Nam's 54 ethnic groups, with the statistics office's code."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    other_names = models.CharField(_("other names"), max_length=255, blank=True)
    is_minority = models.BooleanField(_("ethnic minority"), default=True)
    is_code_verified = models.BooleanField(
        _("code verified"),
        default=False,
        help_text=_(
            "Unset while the code has not been checked against QĐ 1019/QĐ-TCTK."
        ),
    )

    class Meta:
        verbose_name = _("ethnicity")
        verbose_name_plural = _("ethnicities")
        ordering = ["code"]

    def __str__(self):
        return self.name


class UserManager(DjangoUserManager["User"]):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who uses the platform; one full name, Vietnamese style."""

    class Sex(models.TextChoices):
        MALE = "nam", _("Male")
        FEMALE = "nu", _("Female")

    class EmploymentType(models.TextChoices):
        CAN_BO = "can_bo", _("Cadre (cán bộ)")
        CONG_CHUC = "cong_chuc", _("Civil servant (công chức)")
        VIEN_CHUC = "vien_chuc", _("Public employee (viên chức)")
        NON_PROFESSIONAL = (
            "khong_chuyen_trach",
            _("Part-time local official (người hoạt động không chuyên trách)"),
        )
        TEACHER = "giao_vien", _("Teacher (giáo viên)")
        OTHER = "khac", _("Other")

    # Django's way to drop an inherited field; the stubs type them as str.
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType.choices, blank=True
    )
    is_leader = models.BooleanField(_("holds a leadership post"), default=False)
    unit = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("administrative unit"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organisation"),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="members", verbose_name=_("target groups")
    )
    managed_units = models.ManyToManyField(
        AdminUnit,
        blank=True,
        related_name="managers",
        verbose_name=_("managed units"),
        help_text=_("A unit manager manages these units and every unit below them."),
    )
    data_processing_consent_at = models.DateTimeField(
        _("consent to processing of personal data given at"), null=True, blank=True
    )
    ethnicity = models.ForeignKey(
        Ethnicity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ethnicity"),
    )
    ethnicity_consent_at = models.DateTimeField(
        _("consent to record ethnicity given at"), null=True, blank=True
    )
    # Set when the person's erasure was carried out (people.personal_data_services):
    # the row stays, anonymised, for the records and statistics that point at it.
    erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )

    REQUIRED_FIELDS = ["email", "full_name"]

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~Q(email=""),
                name="unique_user_email_case_insensitive",
            ),
            models.CheckConstraint(
                condition=Q(ethnicity__isnull=True)
                | Q(ethnicity_consent_at__isnull=False),
                name="ethnicity_only_with_consent",
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username

    @property
    def has_ethnicity_consent(self) -> bool:
        return self.ethnicity_consent_at is not None


class PrivateUploadsStorage(FileSystemStorage):
    """Files with personal data: kept under PRIVATE_UPLOADS_ROOT, outside MEDIA_ROOT,
    so no URL reaches them. The folder is read from settings on each use."""

    @property
    def base_location(self):
        return settings.PRIVATE_UPLOADS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_uploads_storage():
    return PrivateUploadsStorage()


class AccountImport(models.Model):
    """One uploaded file of accounts: checked in full, previewed, then confirmed."""

    class Status(models.TextChoices):
        VALIDATING = "validating", _("Checking")
        INVALID = "invalid", _("Has errors")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    uploaded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(
        _("file"), upload_to="account_imports/%Y/%m/", storage=private_uploads_storage
    )
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VALIDATING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    row_errors = models.JSONField(_("row errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("accounts created"), default=0)
    updated_count = models.PositiveIntegerField(_("accounts updated"), default=0)
    failure_message = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    validated_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account import")
        verbose_name_plural = _("account imports")
        ordering = ["-created_at"]
        permissions = [("import_accounts", _("Can import accounts from a file"))]

    def __str__(self):
        return self.original_name


class ErasureRequest(models.Model):
    """A person's request to erase their personal data, and its outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Carried out")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("person"),
    )
    reason = models.TextField(_("reason"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="one_pending_erasure_request_per_person",
            )
        ]

    def __str__(self):
        return f"#{self.pk} · {self.person}"


class PersonalDataExport(models.Model):
    """One export that held personal data: who took it, when, and what was asked."""

    exported_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("exported by"),
    )
    exported_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    view_name = models.CharField(_("export"), max_length=200)
    query = models.TextField(_("filters"), blank=True)
    file_format = models.CharField(_("format"), max_length=20, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-exported_at", "-pk"]
        indexes = [models.Index(fields=["exported_at"])]

    def __str__(self):
        return f"{self.view_name} · {self.exported_at:%d/%m/%Y %H:%M}"
