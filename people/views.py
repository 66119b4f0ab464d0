from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .auth_forms import CeleryPasswordResetForm, ThrottledAuthenticationForm
from .forms import ProfileForm
from .selectors import user_enters_admin
from .services import ethnicity_consent_withdraw, profile_update


class LoginView(auth_views.LoginView):
    """Back to where the person came from (`next`, same site only), else to
    where their work is: the admin dashboard for anyone who may enter the
    admin (trainers, reviewers, unit managers, administrators), otherwise
    My learning (LOGIN_REDIRECT_URL). Never the profile form."""

    template_name = "people/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if user_enters_admin(self.request.user):
            return reverse("wagtailadmin_home")
        return super().get_default_redirect_url()


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "people/password_reset_form.html"
    email_template_name = "people/email/password_reset.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    form_class = CeleryPasswordResetForm
    success_url = reverse_lazy("people:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")


@login_required
def profile(request):
    """A person's own profile and consents."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            try:
                profile_update(
                    user=user,
                    data=form.profile_data(),
                    ethnicity=form.cleaned_data["ethnicity"],
                    ethnicity_consent=form.cleaned_data["ethnicity_consent"],
                    data_processing_consent=form.cleaned_data[
                        "data_processing_consent"
                    ],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("people:profile")
        user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    return render(request, "people/profile.html", {"form": form})


@login_required
@require_POST
def withdraw_ethnicity_consent(request):
    ethnicity_consent_withdraw(user=request.user)
    messages.success(
        request,
        _("Your consent is withdrawn and your recorded ethnicity has been erased."),
    )
    return redirect("people:profile")
