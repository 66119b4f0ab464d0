"""The deploy/ examples agree with the code they start.

They are not run here (no systemd, no nginx in the test machine); these checks
catch the drift that would break a real installation: a renamed module, a
required variable missing from the example environment, an internal location
that is not the one Django redirects to.
"""

import re
import runpy

from django.conf import settings

from tests.lms.test_settings import REQUIRED as REQUIRED_ENVIRONMENT

DEPLOY = settings.BASE_DIR / "deploy"


def test_gunicorn_configuration_loads_and_binds_locally():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"].startswith("127.0.0.1:")
    assert config["workers"] >= 2
    assert config["worker_class"] == "sync"


def test_the_example_environment_names_every_required_variable():
    names = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "systemd" / "lms.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert set(REQUIRED_ENVIRONMENT) <= names
    assert (
        "lms.settings.production"
        in (DEPLOY / "systemd" / "lms.env.example").read_text()
    )


def test_units_start_what_exists():
    web = (DEPLOY / "systemd" / "lms-web.service").read_text()
    assert "-c deploy/gunicorn.conf.py lms.wsgi" in web
    worker = (DEPLOY / "systemd" / "lms-worker@.service").read_text()
    beat = (DEPLOY / "systemd" / "lms-beat.service").read_text()
    assert "celery -A lms worker" in worker
    assert "celery -A lms beat" in beat
    for unit in (web, worker, beat):
        assert "EnvironmentFile=/etc/lms/lms.env" in unit


def test_nginx_never_serves_documents_and_hides_the_internal_location():
    nginx = (DEPLOY / "nginx" / "lms.conf").read_text()
    # The documents folder is refused before the general /media/ location.
    assert re.search(r"location /media/documents/ \{\s*return 404;", nginx)
    assert nginx.index("location /media/documents/") < nginx.index("location /media/ ")
    internal = re.search(r"location (/[^ ]+/) \{\s*internal;", nginx)
    assert internal is not None
    env_example = (DEPLOY / "systemd" / "lms.env.example").read_text()
    assert f"SENDFILE_URL={internal.group(1)}" in env_example
    assert "SENDFILE_BACKEND=lms.sendfile_nginx" in env_example
