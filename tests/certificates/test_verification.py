"""The public verification page, its signed JSON, the public keys, the Open
Badges export and the rate limit on lookups."""

import base64
import datetime as dt
import json

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from certificates import signing
from certificates.models import Certificate
from certificates.views import TOO_MANY_LOOKUPS
from tests.factories.certificates import make_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(class_rule, learner):
    return make_certificate(
        learner,
        class_rule,
        full_name="Nguyễn Thị Hoa",
        subject_title="Tập huấn Luật Bình đẳng giới",
        date_of_birth=dt.date(1990, 5, 17),
        organisation_name="UBND xã A",
    )


def verify_url(code):
    return reverse("certificates:verify", args=[code])


def published_key(client, kid):
    keys = client.get(reverse("certificates:public_keys")).json()["keys"]
    (key,) = [key for key in keys if key["kid"] == kid]
    assert key["kty"] == "OKP"
    assert key["crv"] == "Ed25519"
    return signing.b64url_decode(key["x"])


def test_the_page_shows_who_holds_what_and_nothing_more(client, home_page, certificate):
    response = client.get(verify_url(certificate.verification_code))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Thị Hoa" in html
    assert "Tập huấn Luật Bình đẳng giới" in html
    assert "SỞ NỘI VỤ" in html
    assert "11/03/2026" in html
    assert "17/05/1990" not in html
    assert "UBND xã A" not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_unknown_or_altered_code_is_404(client, home_page, certificate):
    code = certificate.verification_code
    altered = ("B" if code[0] != "B" else "C") + code[1:]

    assert client.get(verify_url(altered)).status_code == 404
    assert client.get(verify_url(code[:-1])).status_code == 404
    assert client.get(verify_url(code + "x")).status_code == 404
    assert client.get(verify_url(altered) + "?format=json").status_code == 404


def test_the_statuses_are_shown(client, home_page, certificate):
    today = timezone.localdate()
    for changes, expected in [
        ({"status": Certificate.Status.REVOKED}, "revoked"),
        ({"status": Certificate.Status.REPLACED}, "replaced"),
        (
            {
                "status": Certificate.Status.VALID,
                "valid_until": today - dt.timedelta(1),
            },
            "expired",
        ),
        ({"valid_until": today}, "valid"),
    ]:
        Certificate.objects.filter(pk=certificate.pk).update(**changes)
        response = client.get(verify_url(certificate.verification_code))
        assert f"status-{expected}" in response.content.decode()
        signed = client.get(verify_url(certificate.verification_code) + "?format=json")
        assert signed.json()["certificate"]["status"] == expected


def test_the_json_is_signed_by_the_published_key(client, certificate):
    body = client.get(verify_url(certificate.verification_code) + "?format=json").json()

    statement = body["certificate"]
    assert statement["holder"] == "Nguyễn Thị Hoa"
    assert statement["status"] == "valid"
    assert statement["issued_on"] == "2026-03-11"
    assert set(statement) == {
        "verification_code",
        "status",
        "holder",
        "subject",
        "subject_kind",
        "issuing_body",
        "issued_on",
        "valid_until",
        "checked_at",
    }
    public_raw = published_key(client, body["signature"]["kid"])
    assert signing.verify(body["signature"]["jws"], public_raw) == statement


def test_one_byte_changed_breaks_the_signature(client, certificate):
    body = client.get(verify_url(certificate.verification_code) + "?format=json").json()
    public_raw = published_key(client, body["signature"]["kid"])
    header, payload, signature = body["signature"]["jws"].split(".")

    forged = signing.b64url_decode(payload).replace(
        "Nguyễn Thị Hoa".encode(), "Nguyễn Thị Hoà".encode()
    )
    with pytest.raises(ValueError):
        signing.verify(f"{header}.{signing.b64url(forged)}.{signature}", public_raw)
    raw = bytearray(signing.b64url_decode(signature))
    raw[0] ^= 1
    with pytest.raises(ValueError):
        signing.verify(f"{header}.{payload}.{signing.b64url(bytes(raw))}", public_raw)


def test_a_revoked_certificate_is_signed_as_revoked(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED
    )
    body = client.get(verify_url(certificate.verification_code) + "?format=json").json()

    payload = signing.verify(
        body["signature"]["jws"], published_key(client, body["signature"]["kid"])
    )
    assert payload["status"] == "revoked"


def test_a_key_change_is_published_and_old_statements_still_verify(
    client, certificate, settings
):
    url = verify_url(certificate.verification_code) + "?format=json"
    before = client.get(url).json()["signature"]
    old_public = published_key(client, before["kid"])
    settings.CERTIFICATES_SIGNING_KEY = base64.b64encode(bytes(range(32))).decode()
    settings.CERTIFICATES_RETIRED_PUBLIC_KEYS = [base64.b64encode(old_public).decode()]
    for cache in caches.all():  # keys.json is a cached public page
        cache.clear()
    after = client.get(url).json()["signature"]

    assert after["kid"] != before["kid"]
    with pytest.raises(ValueError):
        signing.verify(after["jws"], old_public)
    assert signing.verify(after["jws"], published_key(client, after["kid"]))
    assert signing.verify(before["jws"], published_key(client, before["kid"]))


def test_brute_force_gets_429_in_vietnamese(client, home_page, certificate, settings):
    settings.CERTIFICATES_VERIFY_MISS_LIMIT = 5
    for number in range(5):
        guess = f"{number:032d}"
        assert client.get(verify_url(guess)).status_code == 404

    blocked = client.get(verify_url(certificate.verification_code))
    assert blocked.status_code == 429
    assert blocked["Retry-After"]
    assert "Bạn đã tra cứu quá nhiều lần" in blocked.content.decode()
    as_json = client.get(verify_url(certificate.verification_code) + "?format=json")
    assert as_json.status_code == 429
    assert as_json.json()["message"] == str(TOO_MANY_LOOKUPS)
    # Another address is not held back.
    elsewhere = client.get(
        verify_url(certificate.verification_code), REMOTE_ADDR="10.0.0.9"
    )
    assert elsewhere.status_code == 200


def test_many_lookups_of_real_codes_are_limited_too(client, certificate, settings):
    settings.CERTIFICATES_VERIFY_LIMIT = 3
    url = verify_url(certificate.verification_code) + "?format=json"
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_open_badge_is_an_ob3_credential_signed_as_vc_jwt(client, certificate):
    code = certificate.verification_code
    document = client.get(reverse("certificates:openbadge", args=[code])).json()

    assert "OpenBadgeCredential" in document["type"]
    assert document["credentialSubject"]["achievement"]["name"] == (
        "Tập huấn Luật Bình đẳng giới"
    )
    assert document["issuer"]["name"] == "SỞ NỘI VỤ"
    token = client.get(reverse("certificates:openbadge_jwt", args=[code]))
    assert token["Content-Type"] == "application/vc+jwt"
    header = json.loads(signing.b64url_decode(token.content.decode().split(".")[0]))
    payload = signing.verify(
        token.content.decode(), published_key(client, header["kid"])
    )
    assert payload["jti"] == document["id"]
    assert payload["credentialSubject"] == document["credentialSubject"]
    assert signing.b64url_decode(header["jwk"]["x"]) == published_key(
        client, header["kid"]
    )


def test_a_revoked_certificate_has_no_open_badge(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED
    )
    url = reverse("certificates:openbadge", args=[certificate.verification_code])
    assert client.get(url).status_code == 410
