"""Learner-facing training pages under /training/ (namespace "training")."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns: list = [
    # The learner's side: open classes, registration, calendars (helper B).
    path("", views.class_list, name="class_list"),
    path("classes/<int:class_id>/", views.class_detail, name="class_detail"),
    path("classes/<int:class_id>/register/", views.register, name="register"),
    path(
        "registrations/<int:participant_id>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path(
        "sessions/<int:session_id>/calendar.ics",
        views.session_calendar,
        name="session_calendar",
    ),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

# Roll-call, QR and typed check-in, online join (helper C's area).
from .urls_attendance import urlpatterns as attendance_urlpatterns  # noqa: E402

urlpatterns += attendance_urlpatterns
