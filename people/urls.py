from django.contrib.auth import views as auth_views
from django.urls import path

from . import personal_data_views, views

app_name = "people"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="people/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="people/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path(
        "profile/withdraw-ethnicity-consent/",
        views.withdraw_ethnicity_consent,
        name="withdraw_ethnicity_consent",
    ),
    path(
        "profile/my-data/",
        personal_data_views.personal_data_download,
        name="personal_data_download",
    ),
    path(
        "profile/erasure/",
        personal_data_views.erasure_request,
        name="erasure_request",
    ),
]
