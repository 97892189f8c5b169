from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative, InitiativeQuerySet
from profiles.downloads import csv_response, xlsx_response

PAGE_SIZE = 20
# Each facet counts the initiatives of the current filter without its own choice, so the
# reviewer sees what ticking another box would add.
FACETS = {
    "year": ("plan__year", ["year", "year_from", "year_to"]),
    "office": ("plan__country__regional_office__slug", ["office"]),
    "theme": ("theme__slug", ["theme"]),
}


def visible_initiatives(request):
    return Initiative.objects.visible_to(request.user).select_related(
        "plan__country__regional_office", "theme"
    )


def filtered_initiatives(request, data=None):
    return InitiativeFilter(
        request.GET if data is None else data,
        queryset=visible_initiatives(request),
        request=request,
    )


def facets(request, initiative_filter):
    """For the year, office and theme boxes: (field, [(value, label, count, checked)])."""
    result = []
    for name, (path, own_keys) in FACETS.items():
        others = request.GET.copy()
        for key in [*own_keys, "page", "sort"]:
            others.pop(key, None)
        counts = {
            str(value): total
            for value, total in filtered_initiatives(request, others)
            .qs.order_by()
            .values_list(path)
            .annotate(total=Count("pk"))
        }
        field = initiative_filter.form[name]
        checked = {str(value) for value in (field.value() or [])}
        options = []
        for choice, label in field.field.choices:
            value = str(getattr(choice, "value", choice))  # a model choice wraps its slug
            options.append((value, label, counts.get(value, 0), value in checked))
        result.append((field, options))
    return result


def initiative_list(request):
    initiative_filter = filtered_initiatives(request)
    page = Paginator(initiative_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "filter": initiative_filter,
            "page": page,
            "query": query.urlencode(),
            "facets": facets(request, initiative_filter),
        },
    )


def export_table(request):
    """The filtered list as a header and rows, the same for CSV and XLSX."""
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

    return header, rows()


def initiative_export(request):
    """The list as CSV, with the same filter as the page (and no pagination)."""
    return csv_response("iom-initiatives.csv", *export_table(request))


def initiative_export_xlsx(request):
    return xlsx_response("iom-initiatives.xlsx", *export_table(request))
