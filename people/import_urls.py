"""Admin URLs of the account import, mounted by wagtail_hooks.register_admin_urls."""

from django.urls import path

from . import import_views

app_name = "people_account_imports"

urlpatterns = [
    path("", import_views.index, name="index"),
    path("upload/", import_views.upload, name="upload"),
    path("template.xlsx", import_views.template, name="template"),
    path("<int:pk>/", import_views.detail, name="detail"),
    path("<int:pk>/progress/", import_views.progress, name="progress"),
    path("<int:pk>/confirm/", import_views.confirm, name="confirm"),
]
