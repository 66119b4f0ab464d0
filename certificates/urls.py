from django.urls import path

from . import views

app_name = "certificates"

# Included at the root (lms/urls.py): the public pages under verify/, the
# private download under learning/ beside My learning.
urlpatterns = [
    path("verify/keys.json", views.public_keys, name="public_keys"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path(
        "verify/<str:code>/openbadge.json",
        views.openbadge,
        {"signed": False},
        name="openbadge",
    ),
    path(
        "verify/<str:code>/openbadge.jwt",
        views.openbadge,
        {"signed": True},
        name="openbadge_jwt",
    ),
    path("learning/certificates/<int:pk>/pdf/", views.download, name="download"),
]
