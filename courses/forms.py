"""Forms of the learner's pages."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.selectors import CatalogueFacets, CatalogueFilters


class CatalogueFilterForm(forms.Form):
    """The catalogue's search and filters, read from GET.

    A value that is unknown or malformed is dropped, never an error: links get
    shared, bookmarked and cut short on phones, and the catalogue must still show.
    """

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    group = forms.ChoiceField(label=_("Target group"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, facets: CatalogueFacets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(type="search")
        # `self.fields` holds copies of the fields declared above, typed as Field.
        topic = cast(forms.ChoiceField, self.fields["topic"])
        group = cast(forms.ChoiceField, self.fields["group"])
        level = cast(forms.ChoiceField, self.fields["level"])
        topic.choices = [("", _("All topics")), *facets.topics]
        group.choices = [("", _("All target groups")), *facets.target_groups]
        level.choices = [("", _("All levels")), *facets.levels]

    def filters(self) -> CatalogueFilters:
        """The valid part of the request; anything invalid is left out."""
        if not self.is_bound:
            return CatalogueFilters()
        self.is_valid()
        data = self.cleaned_data
        return CatalogueFilters(
            query=" ".join(data.get("q", "").split()),
            topic=data.get("topic", ""),
            target_group=data.get("group", ""),
            level=data.get("level", ""),
        )
