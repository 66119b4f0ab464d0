import pytest
from django.core.files.storage import FileSystemStorage

from people.models import AccountImport
from people.roles import Role
from tests.factories import OrganisationFactory, TargetGroupFactory, UserFactory


@pytest.fixture(autouse=True)
def _private_storage_in_tmp(monkeypatch, tmp_path):
    """The private storage is built when models load, before settings fixtures run."""
    field = AccountImport._meta.get_field("file")
    monkeypatch.setattr(
        field, "storage", FileSystemStorage(location=tmp_path / "private-files")
    )


@pytest.fixture
def organisation_a(commune_a):
    return OrganisationFactory(
        code="UBND-C52402", name="UBND xã Bình Thuận", unit=commune_a
    )


@pytest.fixture
def organisation_b(commune_b):
    return OrganisationFactory(
        code="UBND-C53302", name="UBND xã Đức Nhuận", unit=commune_b
    )


@pytest.fixture
def target_groups(db):
    return [
        TargetGroupFactory(code="giao-vien", name="Giáo viên"),
        TargetGroupFactory(code="ban-vstbpn", name="Thành viên Ban VSTBPN"),
    ]


@pytest.fixture
def trainer(db, province):
    return UserFactory(username="trainer", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def manager_client(client, unit_manager):
    client.force_login(unit_manager)
    return client
