"""Learner-facing training pages under /training/ (namespace "training")."""

from django.urls import path  # noqa: F401  (paths are added below)

app_name = "training"

urlpatterns: list = []

# Roll-call, QR and typed check-in, online join (helper C's area).
from .urls_attendance import urlpatterns as attendance_urlpatterns  # noqa: E402

urlpatterns += attendance_urlpatterns
