"""The public page of province-wide training figures (no login)."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .selectors.public import public_figures_recent


@require_GET
def public_figures_page(request):
    """This year's and last year's headline, small groups withheld."""
    today = timezone.localdate()
    years = public_figures_recent(today=today)
    return render(
        request,
        "stats/public.html",
        {"years": years, "threshold": years[0]["threshold"], "today": today},
    )
