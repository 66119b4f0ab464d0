from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("<int:pk>/", views.quiz_detail, name="quiz"),
    path("<int:pk>/start/", views.quiz_start, name="start"),
    path("attempt/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempt/<int:pk>/save/", views.attempt_save, name="save"),
    path("attempt/<int:pk>/review/", views.attempt_review, name="review"),
]
