"""gunicorn for one web node: `gunicorn -c deploy/gunicorn.conf.py lms.wsgi`.

Sync workers, as many as the node has cores plus one: the pages are short and
database-bound, and a sync worker holds one database connection (CONN_MAX_AGE).
Each value can be changed from the environment without editing this file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# A quiz submission or an Excel export may take some seconds; nothing should
# take a minute (long work goes to Celery).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, staggered, so slow leaks never grow.
max_requests = 2000
max_requests_jitter = 200
# nginx on the same node is the only client; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
