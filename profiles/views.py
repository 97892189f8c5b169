from itertools import groupby

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from profiles.models import Country


def country_list(request):
    """Every country the reader may see, grouped by regional office, optionally searched."""
    query = request.GET.get("q", "").strip()[:100]
    countries = (
        Country.objects.visible_to(request.user)
        .select_related("regional_office")
        .order_by("regional_office__name", "regional_office_id", "name")  # one group per office
    )
    if query:
        countries = countries.filter(Q(name__icontains=query) | Q(iso_code__iexact=query))
    groups = [
        (office, list(members))
        for office, members in groupby(countries, key=lambda country: country.regional_office)
    ]
    return render(request, "profiles/country_list.html", {"groups": groups, "query": query})


def country_detail(request, slug):
    country = get_object_or_404(
        Country.objects.visible_to(request.user).select_related(
            "regional_office", "contact_office"
        ),
        slug=slug,
    )
    # Plans belong to the initiatives app; the reverse relation keeps imports one way.
    plans = country.plans.visible_to(request.user)
    years = list(plans.values_list("year", flat=True))
    plan = None
    requested = request.GET.get("year")
    if requested is not None:
        # Compared as text: int() of thousands of digits raises ValueError, a 500.
        if requested not in [str(year) for year in years]:
            raise Http404("No plan for that year.")
        year = int(requested)
    else:
        year = years[0] if years else None
    if year is not None:
        plan = plans.prefetch_related("initiatives").get(year=year)
    return render(
        request,
        "profiles/country_detail.html",
        {
            "country": country,
            "statistics": country.latest_statistics(),
            "plan": plan,
            "years": years,
            "is_draft": country.is_draft or (plan is not None and plan.is_draft),
        },
    )
