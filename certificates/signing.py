"""Ed25519 signatures on what the verification page states (JWS, RFC 7515/8037).

The private key is ``CERTIFICATES_SIGNING_KEY`` (base64 of the 32 raw bytes of
an Ed25519 private key). Where it is not set, development reads one from
``CERTIFICATES_SIGNING_KEY_FILE``, generated there once; production sets neither
file nor default, so signing refuses to start rather than invent a key.

A statement is a compact JWS: ``base64url(header).base64url(payload).
base64url(signature)``, header ``{"alg": "EdDSA", "kid": ..., "typ": ...}``. The
key id is the first 16 hex digits of SHA-256 of the raw public key. Public keys
are published as a JWK Set (``/verify/keys.json``): the current key plus any
retired ones (``CERTIFICATES_RETIRED_PUBLIC_KEYS``, base64 raw public keys), so
statements signed before a key change still verify.
"""

import base64
import binascii
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "EdDSA"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same facts always give the same bytes."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def _read_or_create_key_file(path: Path) -> bytes:
    try:
        return base64.b64decode(path.read_text().strip())
    except FileNotFoundError:
        pass
    raw = Ed25519PrivateKey.generate().private_bytes_raw()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting together keep the first one's key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return base64.b64decode(path.read_text().strip())
    with os.fdopen(fd, "w") as handle:
        handle.write(base64.b64encode(raw).decode("ascii") + "\n")
    return raw


def _private_key_bytes() -> bytes:
    configured = getattr(settings, "CERTIFICATES_SIGNING_KEY", "")
    if configured:
        try:
            raw = base64.b64decode(configured, validate=True)
        except binascii.Error as error:
            raise ImproperlyConfigured(
                "CERTIFICATES_SIGNING_KEY is not base64."
            ) from error
    else:
        key_file = getattr(settings, "CERTIFICATES_SIGNING_KEY_FILE", None)
        if not key_file:
            raise ImproperlyConfigured(
                "Set CERTIFICATES_SIGNING_KEY (base64 of a raw Ed25519 private key)."
            )
        raw = _read_or_create_key_file(Path(key_file))
    if len(raw) != 32:
        raise ImproperlyConfigured("An Ed25519 private key is 32 bytes.")
    return raw


@functools.cache
def _key_for(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def private_key() -> Ed25519PrivateKey:
    return _key_for(_private_key_bytes())


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public_raw: bytes) -> str:
    """A short, stable name for a public key: 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def current_key_id() -> str:
    return key_id(public_key_bytes(private_key().public_key()))


def jwk(public_raw: bytes) -> dict[str, str]:
    """An Ed25519 public key as a JWK (RFC 8037)."""
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url(public_raw),
        "kid": key_id(public_raw),
        "alg": ALGORITHM,
        "use": "sig",
    }


def public_keys() -> dict[str, list[dict[str, str]]]:
    """The JWK Set published at /verify/keys.json: current key first."""
    current = public_key_bytes(private_key().public_key())
    retired = [
        base64.b64decode(value)
        for value in getattr(settings, "CERTIFICATES_RETIRED_PUBLIC_KEYS", [])
    ]
    return {"keys": [jwk(raw) for raw in [current, *retired]]}


def sign(payload: dict[str, Any], *, typ: str = "JWT", embed_key: bool = False) -> str:
    """A compact JWS of the payload's canonical JSON, signed with the current key
    (with the public key itself in the header when `embed_key`, as VC-JWT wants)."""
    key = private_key()
    public_raw = public_key_bytes(key.public_key())
    header: dict[str, Any] = {"alg": ALGORITHM, "kid": key_id(public_raw), "typ": typ}
    if embed_key:
        header["jwk"] = jwk(public_raw)
    signing_input = (
        f"{b64url(canonical_json(header))}.{b64url(canonical_json(payload))}"
    )
    signature = key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url(signature)}"


def verify(token: str, public_raw: bytes) -> dict[str, Any]:
    """The payload of a compact JWS if `public_raw` signed it; ValueError if not."""
    try:
        header_part, payload_part, signature_part = token.split(".")
        header = json.loads(b64url_decode(header_part))
        if header.get("alg") != ALGORITHM:
            raise ValueError("not an EdDSA signature")
        Ed25519PublicKey.from_public_bytes(public_raw).verify(
            b64url_decode(signature_part),
            f"{header_part}.{payload_part}".encode("ascii"),
        )
        payload: dict[str, Any] = json.loads(b64url_decode(payload_part))
    except (InvalidSignature, binascii.Error, UnicodeError) as error:
        raise ValueError("bad signature") from error
    return payload
