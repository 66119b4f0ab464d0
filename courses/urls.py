from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/", views.catalogue, name="catalogue"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path(
        "lessons/<int:lesson_id>/complete/",
        views.lesson_complete,
        name="lesson_complete",
    ),
    path(
        "lessons/<int:lesson_id>/heartbeat/",
        views.lesson_heartbeat,
        name="lesson_heartbeat",
    ),
]
