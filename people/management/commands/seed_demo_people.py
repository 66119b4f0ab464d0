"""Demo units (Quảng Ngãi 2022 and a sample of 2025), organisations and accounts.

Unit codes here are demo codes, not the statistics office's list; names and
successions follow DOMAIN.md §2 (NQ 1677/NQ-UBTVQH15 examples).
"""

import os
import random
from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from people.models import (
    AdminUnit,
    AdminUnitSuccession,
    Ethnicity,
    Organisation,
    TargetGroup,
    User,
)
from people.roles import Role
from people.services import role_groups_ensure, user_set_roles

U = AdminUnit.UnitType
OLD_END = date(2025, 6, 30)
REFORM = date(2025, 7, 1)
NQ_867 = "NQ 867/NQ-UBTVQH14"
NQ_1677 = "NQ 1677/NQ-UBTVQH15"

# (code, name, type, children) for the province as it was in 2022.
UNITS_2022 = (
    "51",
    "Quảng Ngãi",
    U.PROVINCE,
    [
        (
            "522",
            "Quảng Ngãi",
            U.PROVINCIAL_CITY,
            [
                ("52201", "Tịnh Kỳ", U.COMMUNE),
                ("52202", "Tịnh Châu", U.COMMUNE),
                ("52203", "Tịnh Long", U.COMMUNE),
                ("52204", "Tịnh Thiện", U.COMMUNE),
                ("52205", "Tịnh Khê", U.COMMUNE),
                ("52206", "Nghĩa Hà", U.COMMUNE),
                ("52207", "Nghĩa Dõng", U.COMMUNE),
                ("52208", "Nghĩa Dũng", U.COMMUNE),
                ("52209", "An Phú", U.COMMUNE),
                ("52210", "Trần Hưng Đạo", U.WARD),
                ("52211", "Nguyễn Nghiêm", U.WARD),
                ("52212", "Chánh Lộ", U.WARD),
                ("52213", "Nghĩa Chánh", U.WARD),
            ],
        ),
        (
            "524",
            "Bình Sơn",
            U.DISTRICT,
            [
                ("52401", "Châu Ổ", U.TOWNSHIP),
                ("52402", "Bình Thuận", U.COMMUNE),
                ("52403", "Bình Đông", U.COMMUNE),
                ("52404", "Bình Trị", U.COMMUNE),
                ("52405", "Bình Hải", U.COMMUNE),
                ("52406", "Bình Hòa", U.COMMUNE),
                ("52407", "Bình Phước", U.COMMUNE),
            ],
        ),
        (
            "533",
            "Mộ Đức",
            U.DISTRICT,
            [
                ("53301", "Thắng Lợi", U.COMMUNE),
                ("53302", "Đức Nhuận", U.COMMUNE),
                ("53303", "Đức Hiệp", U.COMMUNE),
            ],
        ),
        (
            "534",
            "Đức Phổ",
            U.TOWN,
            [
                ("53401", "Phổ Nhơn", U.COMMUNE),
                ("53402", "Phổ Phong", U.COMMUNE),
            ],
        ),
        (
            "536",
            "Lý Sơn",
            U.DISTRICT,
            [
                ("53601", "An Vĩnh", U.COMMUNE),
                ("53602", "An Hải", U.COMMUNE),
                ("53603", "An Bình", U.COMMUNE),
            ],
        ),
        ("535", "Ba Tơ", U.DISTRICT, []),
        ("525", "Trà Bồng", U.DISTRICT, []),
        ("527", "Sơn Tịnh", U.DISTRICT, []),
        ("528", "Tư Nghĩa", U.DISTRICT, []),
        ("529", "Sơn Hà", U.DISTRICT, []),
        ("530", "Sơn Tây", U.DISTRICT, []),
        ("531", "Minh Long", U.DISTRICT, []),
        ("532", "Nghĩa Hành", U.DISTRICT, []),
    ],
)

# The province after 1/7/2025 and a sample of its communes, with predecessors.
UNITS_2025 = [
    ("N-TINHKHE", "Tịnh Khê", U.COMMUNE, ["52201", "52202", "52203", "52204", "52205"]),
    ("N-ANPHU", "An Phú", U.COMMUNE, ["52206", "52207", "52208", "52209"]),
    ("N-CAMTHANH", "Cẩm Thành", U.WARD, ["52210", "52211", "52212", "52213"]),
    ("N-BINHSON", "Bình Sơn", U.COMMUNE, ["52401"]),
    (
        "N-VANTUONG",
        "Vạn Tường",
        U.COMMUNE,
        ["52402", "52403", "52404", "52405", "52406", "52407"],
    ),
    ("N-LONGPHUNG", "Long Phụng", U.COMMUNE, ["53301", "53302", "53303"]),
    ("N-NGUYENNGHIEM", "Nguyễn Nghiêm", U.COMMUNE, ["53401", "53402"]),
    ("N-LYSON", "Lý Sơn", U.SPECIAL_ZONE, ["53601", "53602", "53603"]),
    ("N-KONTUM", "Kon Tum", U.WARD, []),
    ("N-MANGDEN", "Măng Đen", U.COMMUNE, []),
]

ORGANISATIONS = [
    ("SNV-QNG", "Sở Nội vụ tỉnh Quảng Ngãi", Organisation.Kind.DEPARTMENT, "N-QNG"),
    (
        "SLDTBXH-QNG",
        "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi",
        Organisation.Kind.DEPARTMENT,
        "51",
    ),
    (
        "BVSTBPN-QNG",
        "Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi",
        Organisation.Kind.ADVANCEMENT_COMMITTEE,
        "N-QNG",
    ),
    (
        "HLHPN-QNG",
        "Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi",
        Organisation.Kind.WOMENS_UNION,
        "N-QNG",
    ),
    (
        "SGDDT-QNG",
        "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi",
        Organisation.Kind.DEPARTMENT,
        "N-QNG",
    ),
    ("STP-QNG", "Sở Tư pháp tỉnh Quảng Ngãi", Organisation.Kind.DEPARTMENT, "N-QNG"),
    (
        "UBND-BINHSON-H",
        "UBND huyện Bình Sơn",
        Organisation.Kind.PEOPLES_COMMITTEE,
        "524",
    ),
    (
        "BVSTBPN-BINHSON-H",
        "Ban Vì sự tiến bộ của phụ nữ huyện Bình Sơn",
        Organisation.Kind.ADVANCEMENT_COMMITTEE,
        "524",
    ),
    (
        "UBND-TPQN",
        "UBND thành phố Quảng Ngãi",
        Organisation.Kind.PEOPLES_COMMITTEE,
        "522",
    ),
    (
        "UBND-TINHKHE",
        "UBND xã Tịnh Khê",
        Organisation.Kind.PEOPLES_COMMITTEE,
        "N-TINHKHE",
    ),
    (
        "UBND-VANTUONG",
        "UBND xã Vạn Tường",
        Organisation.Kind.PEOPLES_COMMITTEE,
        "N-VANTUONG",
    ),
    (
        "UBND-LYSON",
        "UBND đặc khu Lý Sơn",
        Organisation.Kind.PEOPLES_COMMITTEE,
        "N-LYSON",
    ),
    ("THPT-TQT", "Trường THPT Trần Quốc Tuấn", Organisation.Kind.SCHOOL, "N-CAMTHANH"),
    ("THPT-BINHSON", "Trường THPT Bình Sơn", Organisation.Kind.SCHOOL, "N-BINHSON"),
    ("THCS-LYSON", "Trường THCS Lý Sơn", Organisation.Kind.SCHOOL, "N-LYSON"),
]

DEMO_ACCOUNTS = [
    # username, full name, sex, role, unit code, organisation code, target groups
    ("admin", "Nguyễn Văn Quản", "nam", Role.ADMINISTRATOR, "N-QNG", "SNV-QNG", []),
    (
        "reviewer",
        "Trần Thị Duyệt",
        "nu",
        Role.REVIEWER,
        "N-QNG",
        "SNV-QNG",
        ["can-bo-bdg"],
    ),
    ("trainer", "Lê Thị Hương", "nu", Role.TRAINER, "N-QNG", "SNV-QNG", ["can-bo-bdg"]),
    (
        "manager",
        "Phạm Văn Bình",
        "nam",
        Role.UNIT_MANAGER,
        "524",
        "UBND-BINHSON-H",
        ["ban-vstbpn"],
    ),
    (
        "learner",
        "Võ Thị Lan",
        "nu",
        Role.LEARNER,
        "52402",
        "BVSTBPN-BINHSON-H",
        ["ban-vstbpn", "can-bo-bdg"],
    ),
    (
        "teacher",
        "Huỳnh Thị Mai",
        "nu",
        Role.TEACHER,
        "N-CAMTHANH",
        "THPT-TQT",
        ["giao-vien"],
    ),
]

MANAGER_UNIT_CODES = ["524", "N-BINHSON", "N-VANTUONG"]

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Đinh",
    "Bùi",
    "Đỗ",
]
MIDDLE = {"nam": ["Văn", "Minh", "Đức", "Quang"], "nu": ["Thị", "Ngọc", "Thu", "Kim"]}
GIVEN = {
    "nam": ["An", "Bảo", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Tâm"],
    "nu": ["Anh", "Chi", "Hà", "Hạnh", "Hoa", "Linh", "Nga", "Phương", "Thảo", "Yến"],
}
# Minorities of the province (Hrê, Co, Xơ Đăng, Ba Na) beside the Kinh majority.
ETHNICITY_CODES = ["01", "01", "01", "18", "30", "16", "12"]
LEARNER_UNITS = [
    "52201",
    "52205",
    "52206",
    "52210",
    "52402",
    "52404",
    "52401",
    "53301",
    "53401",
    "53601",
    "N-TINHKHE",
    "N-VANTUONG",
    "N-LYSON",
    "N-CAMTHANH",
    "N-KONTUM",
]
EMPLOYMENT = [choice for choice, _label in User.EmploymentType.choices]
DEMO_LEARNER_COUNT = 50


class Command(BaseCommand):
    help = "Demo units, organisations and one account per role plus 50 learners."

    @transaction.atomic
    def handle(self, *args, **options):
        role_groups_ensure()
        units = self.seed_units()
        organisations = self.seed_organisations(units)
        password = os.environ.get("DEMO_PASSWORD", "Demo@2026")
        self.seed_accounts(units, organisations, password)
        self.seed_learners(units, organisations, password)
        self.stdout.write(self.accounts_banner(password))

    def ensure_unit(self, parent, code, name, unit_type, **extra):
        fields = {"name": name, "unit_type": unit_type, **extra}
        unit = AdminUnit.objects.filter(code=code).first()
        if unit is None:
            unit = AdminUnit(code=code, **fields)
            if parent is None:
                return AdminUnit.add_root(instance=unit)
            return parent.add_child(instance=unit)
        AdminUnit.objects.filter(pk=unit.pk).update(**fields)
        return unit

    def seed_units(self):
        units = {}
        code, name, unit_type, districts = UNITS_2022
        old = {
            "valid_from": date(2020, 2, 1),
            "valid_to": OLD_END,
            "legal_basis": NQ_867,
        }
        province = self.ensure_unit(None, code, name, unit_type, **old)
        units[code] = province
        for d_code, d_name, d_type, communes in districts:
            district = self.ensure_unit(province, d_code, d_name, d_type, **old)
            units[d_code] = district
            for c_code, c_name, c_type in communes:
                units[c_code] = self.ensure_unit(
                    district, c_code, c_name, c_type, **old
                )
        kontum = self.ensure_unit(None, "62", "Kon Tum", U.PROVINCE, valid_to=OLD_END)
        units["62"] = kontum
        new_province = self.ensure_unit(
            None,
            "N-QNG",
            "Quảng Ngãi",
            U.PROVINCE,
            valid_from=REFORM,
            legal_basis="NQ 202/2025/QH15",
        )
        units["N-QNG"] = new_province
        for predecessor in (province, kontum):
            self.ensure_succession(predecessor, new_province, "NQ 202/2025/QH15")
        for n_code, n_name, n_type, predecessors in UNITS_2025:
            unit = self.ensure_unit(
                new_province,
                n_code,
                n_name,
                n_type,
                valid_from=REFORM,
                legal_basis=NQ_1677,
            )
            units[n_code] = unit
            for p_code in predecessors:
                self.ensure_succession(units[p_code], unit, NQ_1677)
        return units

    def ensure_succession(self, predecessor, successor, legal_basis):
        AdminUnitSuccession.objects.update_or_create(
            predecessor=predecessor,
            successor=successor,
            defaults={"effective_date": REFORM, "legal_basis": legal_basis},
        )

    def seed_organisations(self, units):
        organisations = {}
        for code, name, kind, unit_code in ORGANISATIONS:
            organisations[code], _created = Organisation.objects.update_or_create(
                code=code,
                defaults={"name": name, "kind": kind, "unit": units[unit_code]},
            )
        return organisations

    def upsert_user(self, username, password, **fields):
        user, created = User.objects.update_or_create(
            username=username, defaults=fields
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user

    def seed_accounts(self, units, organisations, password):
        groups = {g.code: g for g in TargetGroup.objects.all()}
        for (
            username,
            full_name,
            sex,
            role,
            unit_code,
            org_code,
            group_codes,
        ) in DEMO_ACCOUNTS:
            user = self.upsert_user(
                username,
                password,
                full_name=full_name,
                email=f"{username}@demo.binhdanggioi.local",
                sex=sex,
                unit=units[unit_code],
                organisation=organisations[org_code],
                is_superuser=role == Role.ADMINISTRATOR,
                is_staff=role == Role.ADMINISTRATOR,
                data_processing_consent_at=timezone.now(),
            )
            user_set_roles(user=user, roles=[role])
            user.target_groups.set([groups[c] for c in group_codes])
            if role == Role.UNIT_MANAGER:
                # The former district, and the communes that took its place in 2025.
                user.managed_units.set([units[code] for code in MANAGER_UNIT_CODES])

    def seed_learners(self, units, organisations, password):
        rng = random.Random(2026)  # noqa: S311 - demo data, reproducible on purpose
        ethnicities = {
            e.code: e for e in Ethnicity.objects.filter(code__in=ETHNICITY_CODES)
        }
        groups = list(TargetGroup.objects.order_by("code"))
        for number in range(1, DEMO_LEARNER_COUNT + 1):
            sex = "nu" if number % 5 in (0, 1, 3) else "nam"
            full_name = " ".join(
                [
                    rng.choice(FAMILY_NAMES),
                    rng.choice(MIDDLE[sex]),
                    rng.choice(GIVEN[sex]),
                ]
            )
            consents = number % 3 != 0
            user = self.upsert_user(
                f"hocvien{number:02d}",
                password,
                full_name=full_name,
                email=f"hocvien{number:02d}@demo.binhdanggioi.local",
                sex=sex,
                date_of_birth=date(
                    1970 + number % 30, 1 + number % 12, 1 + number % 27
                ),
                unit=units[LEARNER_UNITS[number % len(LEARNER_UNITS)]],
                employment_type=EMPLOYMENT[number % len(EMPLOYMENT)],
                is_leader=number % 7 == 0,
                ethnicity=ethnicities[ETHNICITY_CODES[number % len(ETHNICITY_CODES)]]
                if consents
                else None,
                ethnicity_consent_at=timezone.now() if consents else None,
                data_processing_consent_at=timezone.now(),
            )
            user_set_roles(user=user, roles=[Role.LEARNER])
            user.target_groups.set(rng.sample(groups, k=1 + number % 2))

    def accounts_banner(self, password):
        lines = ["", "Demo accounts (development only), password for all: " + password]
        for username, full_name, _sex, role, *_rest in DEMO_ACCOUNTS:
            lines.append(f"  {username:<10} {Role(role).label:<16} {full_name}")
        lines.append(
            f"  hocvien01..hocvien{DEMO_LEARNER_COUNT:02d}  learners across units"
        )
        return "\n".join(lines)
