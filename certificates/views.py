"""The public verification page (and its signed JSON and Open Badges export),
the published public keys, and the private PDF download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from certificates import openbadges, signing
from certificates.exports import certificate_filename, certificate_pdf_bytes
from certificates.models import Certificate
from certificates.selectors import learner as learner_selectors
from certificates.selectors import verification as selectors
from certificates.services.verification import (
    verification_is_throttled,
    verification_lookup_record,
)
from people.auth_forms import client_address

TOO_MANY_LOOKUPS = _(
    "Too many certificate lookups from your address. Please wait a few minutes "
    "and try again."
)
NOT_FOUND = _("No certificate has this code.")
NOT_IN_FORCE = _("This certificate is no longer in force.")

JSON_OPTIONS = {"ensure_ascii": False}


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json"


def _throttled(request, *, as_json: bool) -> HttpResponse:
    if as_json:
        response: HttpResponse = JsonResponse(
            {"error": "too_many_requests", "message": str(TOO_MANY_LOOKUPS)},
            status=429,
            json_dumps_params=JSON_OPTIONS,
        )
    else:
        response = render(
            request,
            "certificates/verify_throttled.html",
            {"message": TOO_MANY_LOOKUPS},
            status=429,
        )
    response["Retry-After"] = "60"
    return response


def _lookup(request, code: str, *, as_json: bool) -> Certificate | HttpResponse:
    """The certificate, or the response to send instead (429, or a JSON 404);
    raises Http404 for an unknown code on an HTML page."""
    address = client_address(request)
    if verification_is_throttled(address=address):
        return _throttled(request, as_json=as_json)
    certificate = selectors.certificate_by_code(code=code)
    verification_lookup_record(address=address, found=certificate is not None)
    if certificate is not None:
        return certificate
    if as_json:
        return JsonResponse(
            {"error": "not_found", "message": str(NOT_FOUND)},
            status=404,
            json_dumps_params=JSON_OPTIONS,
        )
    raise Http404(NOT_FOUND)


@require_GET
@never_cache
def verify(request, code: str):
    """Whether a certificate is valid, revoked, expired or replaced; with
    ?format=json the same facts, signed (certificates.signing)."""
    as_json = _wants_json(request)
    found = _lookup(request, code, as_json=as_json)
    if isinstance(found, HttpResponse):
        return found
    facts = selectors.verification_facts(certificate=found)
    if as_json:
        statement = facts.as_json(checked_at=timezone.now())
        return JsonResponse(
            {
                "certificate": statement,
                "signature": {
                    "alg": signing.ALGORITHM,
                    "kid": signing.current_key_id(),
                    "keys": request.build_absolute_uri(
                        reverse("certificates:public_keys")
                    ),
                    "jws": signing.sign(statement, typ="JWT"),
                },
            },
            json_dumps_params=JSON_OPTIONS,
        )
    return render(request, "certificates/verify.html", {"facts": facts})


@require_GET
@never_cache
def openbadge(request, code: str, signed: bool):
    """The certificate as an Open Badges 3.0 credential: JSON-LD, or VC-JWT."""
    found = _lookup(request, code, as_json=True)
    if isinstance(found, HttpResponse):
        return found
    if found.status != Certificate.Status.VALID:
        return JsonResponse(
            {"error": "gone", "message": str(NOT_IN_FORCE)},
            status=410,
            json_dumps_params=JSON_OPTIONS,
        )
    if signed:
        token = signing.sign(openbadges.jwt_payload(found), embed_key=True)
        return HttpResponse(token, content_type="application/vc+jwt")
    return JsonResponse(
        openbadges.credential(found),
        content_type="application/ld+json",
        json_dumps_params=JSON_OPTIONS,
    )


@require_GET
@cache_control(max_age=5 * 60, public=True)
def public_keys(request):
    """The public keys that sign verification statements (a JWK Set). Cached
    briefly (and by the anonymous page cache): after a key change, new
    statements verify once those minutes have passed."""
    return JsonResponse(signing.public_keys())


@require_GET
@login_required
@cache_control(private=True)
def download(request, pk: int):
    """The certificate's PDF to whoever may see it (anyone else, another
    learner included, gets a 404): the stored file, or rendered now when the
    worker has not written it yet (as the class ZIP does)."""
    certificate = learner_selectors.certificate_for_download(user=request.user, pk=pk)
    if certificate is None:
        raise Http404
    try:
        content = certificate_pdf_bytes(certificate)
    except FileNotFoundError as error:
        raise Http404 from error
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=certificate_filename(certificate)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
