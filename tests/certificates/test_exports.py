"""The class ZIP of certificates and the Excel register: scoped by the access
contract, the wrong user refused, the files readable."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from certificates.models import Certificate
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.certificates import make_certificate
from tests.factories.training import make_participant

pytestmark = pytest.mark.django_db

STORED_PDF = b"%PDF-1.4 stored certificate"


@pytest.fixture
def certificates(class_rule, learner, commune_a, commune_b):
    """Three certificates of the class: two valid (one with its PDF stored), and
    one replaced (never in the ZIP)."""
    mine = make_certificate(
        learner,
        class_rule,
        full_name="Nguyễn Thị Ánh",
        date_of_birth=dt.date(1985, 2, 5),
        issued_on=dt.date(2026, 3, 11),
    )
    mine.pdf.save("mine.pdf", ContentFile(STORED_PDF))
    neighbour = UserFactory(username="neighbour", unit=commune_b, roles=[Role.LEARNER])
    make_participant(class_rule.training_class, neighbour)
    theirs = make_certificate(
        neighbour,
        class_rule,
        full_name='=HYPERLINK("http://x")',
        issued_on=dt.date(2026, 3, 12),
    )
    theirs.pdf.save("theirs.pdf", ContentFile(STORED_PDF))
    old = make_certificate(
        UserFactory(username="third", unit=commune_a),
        class_rule,
        full_name="Trần Văn Cũ",
        status=Certificate.Status.REPLACED,
        issued_on=dt.date(2026, 3, 10),
    )
    return mine, theirs, old


def zip_url(training_class):
    return reverse("certificate_exports:class_zip", args=[training_class.pk])


def zip_names(response):
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return sorted(archive.namelist()), archive


def test_a_trainer_downloads_the_class_zip(client, trainer, certificates):
    client.force_login(trainer)
    response = client.get(zip_url(certificates[0].training_class))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "giay-chung-nhan-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(
            [
                "001-gcn-snv-nguyen-thi-anh.pdf",
                "002-gcn-snv-hyperlinkhttpx.pdf",
            ]
        )
        assert archive.read("001-gcn-snv-nguyen-thi-anh.pdf") == STORED_PDF


def test_a_certificate_without_its_pdf_yet_is_rendered_into_the_zip(
    client, trainer, class_rule, learner
):
    make_certificate(learner, class_rule, full_name="Lê Thị Đào")
    client.force_login(trainer)
    response = client.get(zip_url(class_rule.training_class))
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        (name,) = archive.namelist()
        assert name == "001-gcn-snv-le-thi-dao.pdf"
        assert archive.read(name).startswith(b"%PDF")


def test_a_unit_manager_gets_only_the_holders_of_their_units(
    client, unit_manager, certificates
):
    client.force_login(unit_manager)
    response = client.get(zip_url(certificates[0].training_class))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.namelist() == ["001-gcn-snv-nguyen-thi-anh.pdf"]


def test_a_trainer_of_another_class_is_denied(client, other_trainer, certificates):
    client.force_login(other_trainer)
    assert client.get(zip_url(certificates[0].training_class)).status_code == 404


def test_a_learner_is_denied(client, learner, certificates):
    client.force_login(learner)
    assert client.get(zip_url(certificates[0].training_class)).status_code in (
        302,
        403,
    )


def test_a_class_without_certificates_says_so(client, trainer, training_class):
    client.force_login(trainer)
    response = client.get(zip_url(training_class), follow=True)
    assert response.redirect_chain[-1][0] == reverse("certificate_exports:index")
    assert "chưa có giấy chứng nhận" in response.content.decode()


def test_the_downloads_page_lists_the_classes_with_certificates(
    client, trainer, other_trainer, certificates
):
    client.force_login(trainer)
    response = client.get(reverse("certificate_exports:index"))
    assert response.status_code == 200
    assert zip_url(certificates[0].training_class) in response.content.decode()
    client.force_login(other_trainer)
    response = client.get(reverse("certificate_exports:index"))
    assert zip_url(certificates[0].training_class) not in response.content.decode()


def register(client, **params):
    query = {"start": "2026-01-01", "end": "2026-12-31", **params}
    return client.get(reverse("certificate_exports:register"), query)


def register_rows(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0][0], rows[2:]


def test_the_register_lists_the_period_in_number_order(
    client, administrator, certificates
):
    client.force_login(administrator)
    title, rows = register_rows(register(client))
    assert "01/01/2026" in title
    assert [row[1] for row in rows] == ["001/GCN-SNV", "002/GCN-SNV", "003/GCN-SNV"]
    assert rows[0][2] == "Nguyễn Thị Ánh"
    assert rows[0][3] == "05/02/1985"
    # A name typed like a formula stays text.
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    # The replaced one stays in the register, marked.
    assert rows[2][15] == str(Certificate.Status.REPLACED.label)


def test_the_register_keeps_to_its_period(client, administrator, certificates):
    client.force_login(administrator)
    _title, rows = register_rows(register(client, start="2026-03-11", end="2026-03-11"))
    assert [row[2] for row in rows] == ["Nguyễn Thị Ánh"]


def test_the_register_filtered_by_unit(client, administrator, certificates, district_b):
    client.force_login(administrator)
    title, rows = register_rows(register(client, unit=district_b.pk))
    assert [row[1] for row in rows] == ["002/GCN-SNV"]
    assert str(district_b) in title


def test_the_register_is_scoped_to_what_the_user_sees(
    client, unit_manager, other_trainer, certificates
):
    client.force_login(unit_manager)
    _title, rows = register_rows(register(client))
    assert [row[2] for row in rows] == ["Nguyễn Thị Ánh", "Trần Văn Cũ"]
    client.force_login(other_trainer)
    _title, rows = register_rows(register(client))
    assert rows == []


def test_a_period_ending_before_it_starts_is_refused(client, administrator):
    client.force_login(administrator)
    response = register(client, start="2026-05-01", end="2026-04-01")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Ngày kết thúc" in response.content.decode()


def test_a_learner_gets_no_register(client, learner, certificates):
    client.force_login(learner)
    assert register(client).status_code in (302, 403)


def test_the_register_query_count_does_not_grow(
    client, administrator, class_rule, django_assert_max_num_queries
):
    for index in range(30):
        make_certificate(UserFactory(username=f"h{index}"), class_rule)
    client.force_login(administrator)
    with django_assert_max_num_queries(12):
        register_rows(register(client))


def test_the_downloads_are_in_the_certificates_menu(client, trainer, learner):
    client.force_login(trainer)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("certificate_exports:index") in response.content.decode()
