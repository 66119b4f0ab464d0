"""Public statistics pages, under /thong-ke/ (namespace "stats_public"; the
admin's pages use "stats")."""

from django.urls import path

from . import views

app_name = "stats_public"

urlpatterns = [
    path("", views.public_figures_page, name="figures"),
]
