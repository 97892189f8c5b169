from itertools import groupby

from django.db.models import Max, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.content_languages import contains_in_any_language
from contacts.models import Office
from profiles import downloads
from profiles.comparison import Comparison
from profiles.models import Country, Statistic
from profiles.publication import Status, published_status

OFFICE_GROUPS = [
    (Office.Kind.REGIONAL, _("Regional offices")),
    (Office.Kind.COUNTRY, _("Country offices")),
]


def country_list(request):
    """Every country the reader may see, grouped by regional office, optionally searched."""
    query = request.GET.get("q", "").strip()[:100]
    visible = Country.objects.visible_to(request.user)
    countries = visible.select_related("regional_office").order_by(
        "regional_office__name",
        "regional_office_id",
        "name",  # one group per office
    )
    if query:
        countries = countries.filter(
            contains_in_any_language("name", query) | Q(iso_code__iexact=query)
        )
    groups = [
        (office, list(members))
        for office, members in groupby(countries, key=lambda country: country.regional_office)
    ]
    return render(
        request,
        "profiles/country_list.html",
        {
            "groups": groups,
            "query": query,
            "total": visible.count(),
            "last_updated": last_update_of(visible),
        },
    )


def last_update_of(countries):
    """The latest change to any of these countries, their figures or their plans."""
    dates = [
        countries.aggregate(latest=Max("updated_at"))["latest"],
        Statistic.objects.filter(country__in=countries).aggregate(latest=Max("updated_at"))[
            "latest"
        ],
        # Plans belong to the initiatives app: reached through the reverse relation.
        # Only published plans: a draft's date would tell readers it exists.
        countries.aggregate(latest=Max("plans__updated_at", filter=published_status("plans__")))[
            "latest"
        ],
    ]
    return max((date for date in dates if date), default=None)


def visible_country(request, slug):
    return get_object_or_404(
        Country.objects.visible_to(request.user).select_related(
            "regional_office", "contact_office"
        ),
        slug=slug,
    )


def country_detail(request, slug):
    country = visible_country(request, slug)
    # Plans belong to the initiatives app; the reverse relation keeps imports one way.
    plans = country.plans.visible_to(request.user)
    years = list(plans.values_list("year", flat=True))
    requested = request.GET.get("year")
    if requested is not None and requested not in [str(year) for year in years]:
        # Compared as text: int() of thousands of digits would raise.
        context = {"country": country, "years": years, "requested": requested}
        return render(request, "profiles/no_plan.html", context, status=404)
    year = int(requested) if requested else (years[0] if years else None)
    plan = plans.prefetch_related("initiatives").get(year=year) if year else None
    this_year = timezone.localdate().year
    # The latest plan shown as if current while its year is past: say which it is, and when
    # it went live (its first record as published).
    behind = plan is not None and not requested and plan.year < this_year
    published_on = (
        plan.history.filter(status=Status.PUBLISHED)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
        if behind
        else None
    )
    facts = country.facts()
    # What changed when: the figures shown, the plan shown, the office to contact.
    updated = {
        "figures": max(
            (statistic.updated_at for fact in facts for statistic in fact.statistics),
            default=None,
        ),
        "initiatives": plan.updated_at if plan else None,
        "contact": country.contact.updated_at,
    }
    changes = [country.updated_at, *(date for date in updated.values() if date)]
    return render(
        request,
        "profiles/country_detail.html",
        {
            "country": country,
            "facts": facts,
            "plan": plan,
            "years": years,
            "year_requested": requested is not None,
            "behind": behind,
            "this_year": this_year,
            "published_on": published_on,
            "last_updated": max(changes),
            "updated": updated,
            "is_draft": country.is_draft or (plan is not None and plan.is_draft),
        },
    )


def country_statistics(request, slug, format):
    country = visible_country(request, slug)
    statistics = country.statistics.for_facts()
    if format == "json":
        return downloads.statistics_json(country, statistics)
    return downloads.statistics_csv(country, statistics)


def office_list(request):
    """Every office, regional offices first, each with the countries the reader may see that
    it covers (a regional office) or is the contact for (a country office)."""
    visible = Country.objects.visible_to(request.user).order_by("name")
    offices = Office.objects.order_by("name").prefetch_related(
        Prefetch("purview_countries", queryset=visible, to_attr="purview"),
        Prefetch("contact_countries", queryset=visible, to_attr="contact_for"),
    )
    groups = [
        (label, [office for office in offices if office.kind == kind])
        for kind, label in OFFICE_GROUPS
    ]
    return render(request, "profiles/office_list.html", {"groups": groups})


def office_detail(request, slug):
    """An office's contact card and the countries under its purview, compared side by side."""
    office = get_object_or_404(Office, slug=slug)
    visible = Country.objects.visible_to(request.user)
    purview = list(visible.filter(regional_office=office).order_by("name"))
    comparison = Comparison(
        purview, Statistic.objects.filter(country__in=purview), request.GET.get("sort")
    )
    return render(
        request,
        "profiles/office_detail.html",
        {
            "office": office,
            "comparison": comparison,
            "contact_for": visible.filter(contact_office=office).order_by("name"),
        },
    )
