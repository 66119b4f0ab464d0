import pytest


@pytest.mark.django_db
def test_home_page_renders_in_vietnamese_by_default(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
