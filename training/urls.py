"""Learner-facing training pages under /training/ (namespace "training")."""

from django.urls import path  # noqa: F401  (paths are added below)

app_name = "training"

urlpatterns: list = []
