"""The data-gap report, in the admin's "Reports" section (registered in initiatives.admin)."""

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from contacts.models import Office
from initiatives.gaps import data_gaps
from profiles.models import Country


class DataGapFilter(forms.Form):
    office = forms.ModelChoiceField(
        Office.objects.regional().order_by("name"),
        required=False,
        to_field_name="slug",
        label=_("Regional office"),
        empty_label=_("All regional offices"),
    )
    years = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100,
        label=_("Figures are out of date after (years)"),
        widget=forms.NumberInput(attrs={"size": 4}),
    )


def data_gaps_view(request, context):
    """Every country's gaps, for editors; a filter value that is not valid is ignored
    and said so beside its field."""
    # The form shows the number of years in use, the default included.
    form = DataGapFilter({"years": settings.DATA_GAP_STALE_YEARS, **request.GET.dict()})
    form.is_valid()  # the errors are shown; the valid values are used
    office = form.cleaned_data.get("office")
    years = form.cleaned_data.get("years") or settings.DATA_GAP_STALE_YEARS
    countries = Country.objects.all()
    if office:
        countries = countries.filter(regional_office=office)
    report = data_gaps(countries, stale_years=years)
    return TemplateResponse(
        request,
        "admin/initiatives/data_gaps.html",
        {
            **context,
            "form": form,
            "office": office,
            "years": years,
            "with_gaps": [entry for entry in report if entry.gaps],
            "without_gaps": [entry.country for entry in report if not entry.gaps],
        },
    )
