from django.core.paginator import Paginator
from django.shortcuts import render

from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative, InitiativeQuerySet
from profiles.downloads import csv_response

PAGE_SIZE = 20


def filtered_initiatives(request):
    initiatives = (
        Initiative.objects.visible_to(request.user)
        .select_related("plan__country__regional_office", "theme")
        .order_by("-plan__year", "plan__country__name", "order", "pk")
    )
    return InitiativeFilter(request.GET, queryset=initiatives, request=request)


def initiative_list(request):
    initiative_filter = filtered_initiatives(request)
    page = Paginator(initiative_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/initiative_list.html",
        {"filter": initiative_filter, "page": page, "query": query.urlencode()},
    )


def initiative_export(request):
    """The list as CSV, with the same filter as the page (and no pagination)."""
    initiatives = filtered_initiatives(request).qs
    show_status = request.user.has_perm(InitiativeQuerySet.preview_permission)
    # Header and status stay in English whatever the page's language: scripts and
    # spreadsheets that read the file find the same columns in every language.
    header = ["Country", "ISO code", "Year", "Theme", "Initiative", "Regional office"]
    if show_status:
        header.append("Status")

    def rows():
        for initiative in initiatives.iterator(chunk_size=2000):
            plan = initiative.plan
            row = [
                plan.country.name,
                plan.country.iso_code.code,
                plan.year,
                initiative.theme.name,
                initiative.text,
                plan.country.regional_office.full_name,
            ]
            if show_status:
                row.append("Draft" if plan.is_draft or plan.country.is_draft else "Published")
            yield row

    return csv_response("iom-initiatives.csv", header, rows())
