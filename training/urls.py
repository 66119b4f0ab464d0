"""Training pages under /training/ (namespace "training"): the learner's, the
trainer's roll-call and QR screen, and check-in."""

from django.urls import path

from .views import attendance, checkin, learner

app_name = "training"

urlpatterns = [
    # The learner's side: open classes, registration, calendars.
    path("", learner.class_list, name="class_list"),
    path("classes/<int:class_id>/", learner.class_detail, name="class_detail"),
    path("classes/<int:class_id>/register/", learner.register, name="register"),
    path(
        "registrations/<int:participant_id>/withdraw/",
        learner.withdraw,
        name="withdraw",
    ),
    path(
        "sessions/<int:session_id>/calendar.ics",
        learner.session_calendar,
        name="session_calendar",
    ),
    path("calendar/<str:token>.ics", learner.calendar_feed, name="calendar_feed"),
    # The trainer's roll-call and QR screen; check-in and online join.
    path("sessions/", attendance.sessions_index, name="sessions_to_mark"),
    path(
        "sessions/<int:pk>/roll-call/",
        attendance.rollcall,
        name="rollcall",
    ),
    path(
        "sessions/<int:pk>/roll-call/mark/",
        attendance.rollcall_mark,
        name="rollcall_mark",
    ),
    path(
        "sessions/<int:pk>/roll-call/all-present/",
        attendance.rollcall_all_present,
        name="rollcall_all_present",
    ),
    path(
        "sessions/<int:pk>/check-in-screen/",
        checkin.checkin_screen,
        name="checkin_screen",
    ),
    path(
        "sessions/<int:pk>/check-in-screen/state/",
        checkin.checkin_screen_state,
        name="checkin_screen_state",
    ),
    path("sessions/<int:pk>/join/", checkin.session_join, name="session_join"),
    path("check-in/", checkin.checkin_code, name="checkin_code"),
    path("check-in/<str:token>/", checkin.checkin, name="checkin"),
]
