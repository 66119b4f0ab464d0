"""Loaded ONLY by the test worker of test_worker_killed.py (`--include`): makes
one step of issuing a certificate slow, so the test can SIGKILL the worker in
the middle of it. Never imported by the platform.

LMS_TEST_SLOW_STEP names the step: "issue" (after the certificate row is
written, before its transaction commits) or "render" (before the PDF is
written). LMS_TEST_MARKER_DIR gets a file when the step starts.
"""

import os
import time
from pathlib import Path

from certificates import rendering
from certificates.services import issuing

SLOW_SECONDS = 120
STEP = os.environ.get("LMS_TEST_SLOW_STEP", "")
MARKER_DIR = Path(os.environ.get("LMS_TEST_MARKER_DIR", "."))


def _started(step: str) -> None:
    (MARKER_DIR / f"{step}-started").write_text(str(os.getpid()))
    time.sleep(SLOW_SECONDS)


if STEP == "issue":
    _create = issuing._create

    def slow_create(**kwargs):
        certificate = _create(**kwargs)
        _started("issue")
        return certificate

    issuing._create = slow_create

elif STEP == "render":
    _certificate_pdf = rendering.certificate_pdf

    def slow_certificate_pdf(certificate):
        _started("render")
        return _certificate_pdf(certificate)

    rendering.certificate_pdf = slow_certificate_pdf
