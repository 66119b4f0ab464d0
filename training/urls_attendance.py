"""Attendance paths under /training/: the trainer's roll-call and QR screen, the
participant's check-in and online join (added to training.urls)."""

from django.urls import path

from . import views_attendance, views_checkin

urlpatterns = [
    path("sessions/", views_attendance.sessions_index, name="sessions_to_mark"),
    path(
        "sessions/<int:pk>/roll-call/",
        views_attendance.rollcall,
        name="rollcall",
    ),
    path(
        "sessions/<int:pk>/roll-call/mark/",
        views_attendance.rollcall_mark,
        name="rollcall_mark",
    ),
    path(
        "sessions/<int:pk>/roll-call/all-present/",
        views_attendance.rollcall_all_present,
        name="rollcall_all_present",
    ),
    path(
        "sessions/<int:pk>/check-in-screen/",
        views_checkin.checkin_screen,
        name="checkin_screen",
    ),
    path(
        "sessions/<int:pk>/check-in-screen/state/",
        views_checkin.checkin_screen_state,
        name="checkin_screen_state",
    ),
    path("sessions/<int:pk>/join/", views_checkin.session_join, name="session_join"),
    path("check-in/", views_checkin.checkin_code, name="checkin_code"),
    path("check-in/<str:token>/", views_checkin.checkin, name="checkin"),
]
