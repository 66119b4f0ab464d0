import pytest
from wagtail.models import Page, Site

from people.roles import Role
from tests.factories import UserFactory, make_unit
from tests.factories.people import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _media_and_private_roots(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_UPLOADS_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def home_page(db):
    from content_pages.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "site_name": "LMS"},
    )
    return home


@pytest.fixture
def province(db):
    return make_unit(name="Quảng Ngãi", code="P51", unit_type="tinh")


@pytest.fixture
def district_a(province):
    return make_unit(province, name="Bình Sơn", code="D524", unit_type="huyen")


@pytest.fixture
def district_b(province):
    return make_unit(province, name="Mộ Đức", code="D533", unit_type="huyen")


@pytest.fixture
def commune_a(district_a):
    return make_unit(district_a, name="Bình Thuận", code="C52402")


@pytest.fixture
def commune_b(district_b):
    return make_unit(district_b, name="Đức Nhuận", code="C53302")


@pytest.fixture
def learner(db, commune_a):
    return UserFactory(username="learner", unit=commune_a, roles=[Role.LEARNER])


@pytest.fixture
def other_learner(db, commune_b):
    """A learner of another district, for "not yours" checks."""
    return UserFactory(username="other", unit=commune_b, roles=[Role.LEARNER])


@pytest.fixture
def administrator(db, province):
    return UserFactory(
        username="admin", unit=province, roles=[Role.ADMINISTRATOR], is_superuser=True
    )


@pytest.fixture
def unit_manager(db, district_a):
    return UserFactory(
        username="manager",
        unit=district_a,
        roles=[Role.UNIT_MANAGER],
        managed_units=[district_a],
    )


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def course_index(home_page):
    from tests.factories.courses import make_course_index

    return make_course_index(home_page)
