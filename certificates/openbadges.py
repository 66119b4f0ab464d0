"""A certificate as an Open Badges 3.0 credential (OpenBadgeCredential).

The credential is JSON-LD with the VC 2.0 and OB 3.0 contexts. Its proof is
EXTERNAL, as OB 3.0 §8.2 (VC-JWT) describes: ``openbadge.jwt`` is a compact
JWS, alg EdDSA, whose payload is the credential itself with the registered
claims iss, jti, nbf (and exp when it expires); the header names the key (kid,
listed at /verify/keys.json) and carries it as a JWK. We do not embed a Data
Integrity proof (eddsa-rdfc-2022 needs RDF canonicalisation, which we do not
ship); ``openbadge.json`` is the same credential, unsigned, for reading.

The holder is named (identityType "name", not hashed) because the certificate
is a public document: the verification page shows the same name. No e-mail,
date of birth or any other personal datum goes in.
"""

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from certificates.models import Certificate
from certificates.selectors.verification import verification_base_url

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _urn(*parts: object) -> str:
    name = "/".join(str(part) for part in parts)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{verification_base_url()}/{name}").urn


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def credential(certificate: Certificate) -> dict[str, Any]:
    body = certificate.issuing_body
    base = verification_base_url()
    achievement: dict[str, Any] = {
        "id": _urn("achievement", "rule", certificate.rule_id),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.subject_title,
        "description": certificate.subject_title,
        "criteria": {"narrative": certificate.subject_title},
    }
    if certificate.hours is not None:
        achievement["creditsAvailable"] = float(certificate.hours)
    result = {
        "id": f"{base}/verify/{certificate.verification_code}/",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "@context": CONTEXT,
        "name": certificate.subject_title,
        "issuer": {
            "id": _urn("issuer", body.code),
            "type": ["Profile"],
            "name": body.name,
            "url": f"{base}/",
        },
        "validFrom": _start_of(certificate.issued_on).isoformat(),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.full_name,
                }
            ],
            "achievement": achievement,
        },
    }
    if certificate.valid_until is not None:
        result["validUntil"] = _start_of(
            certificate.valid_until + dt.timedelta(days=1)
        ).isoformat()
    return result


def jwt_payload(certificate: Certificate) -> dict[str, Any]:
    """The credential with the VC-JWT registered claims (OB 3.0 §8.2.4)."""
    document = credential(certificate)
    payload = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(_start_of(certificate.issued_on).timestamp()),
    }
    if certificate.valid_until is not None:
        payload["exp"] = int(
            _start_of(certificate.valid_until + dt.timedelta(days=1)).timestamp()
        )
    return payload
