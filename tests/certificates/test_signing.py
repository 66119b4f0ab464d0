"""Where the signing key comes from, and the JWS it makes (no database)."""

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from certificates import signing


def test_development_generates_a_key_file_once(settings, tmp_path):
    settings.CERTIFICATES_SIGNING_KEY = ""
    settings.CERTIFICATES_SIGNING_KEY_FILE = tmp_path / "var" / "signing.key"

    first = signing.current_key_id()
    stored = settings.CERTIFICATES_SIGNING_KEY_FILE.read_text()
    assert signing.current_key_id() == first
    assert settings.CERTIFICATES_SIGNING_KEY_FILE.read_text() == stored
    assert len(base64.b64decode(stored)) == 32
    assert settings.CERTIFICATES_SIGNING_KEY_FILE.stat().st_mode & 0o077 == 0


def test_without_key_or_key_file_signing_refuses(settings):
    settings.CERTIFICATES_SIGNING_KEY = ""
    settings.CERTIFICATES_SIGNING_KEY_FILE = None

    with pytest.raises(ImproperlyConfigured):
        signing.sign({"status": "valid"})


def test_a_key_of_the_wrong_length_is_refused(settings):
    settings.CERTIFICATES_SIGNING_KEY = base64.b64encode(b"short").decode()

    with pytest.raises(ImproperlyConfigured):
        signing.current_key_id()


def test_the_jws_round_trips_vietnamese_text():
    token = signing.sign({"holder": "Hà Thị Ánh", "status": "valid"})
    public_raw = signing.public_key_bytes(signing.private_key().public_key())

    assert signing.verify(token, public_raw) == {
        "holder": "Hà Thị Ánh",
        "status": "valid",
    }
    with pytest.raises(ValueError):
        signing.verify(token + "A", public_raw)
    with pytest.raises(ValueError):
        signing.verify("not.a.jws", public_raw)
