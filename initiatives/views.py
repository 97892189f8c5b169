from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext

from config.spreadsheets import csv_response, xlsx_response
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative, InitiativeQuerySet

PAGE_SIZE = 20
# Each facet counts the initiatives of the current filter without its own choice, so the
# reviewer sees what ticking another box would add.
YEAR_CHOICES = ["year", "year_from", "year_to"]
OFFICE = "plan__country__regional_office__slug"
THEME = "theme__slug"


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


def filtered_without(initiative_filter, names):
    """The filter's initiatives, leaving out the choices `names` (and the order)."""
    queryset = initiative_filter.queryset.order_by()
    for name, value in initiative_filter.form.cleaned_data.items():
        if name not in {*names, "sort"}:
            queryset = initiative_filter.filters[name].filter(queryset, value)
    return queryset


def counts_by(queryset, *paths):
    """{value, or tuple of values: number of initiatives}."""
    rows = queryset.values_list(*paths).annotate(total=Count("pk"))
    return {tuple(values) if len(values) > 1 else values[0]: total for *values, total in rows}


def facet_counts(initiative_filter):
    """{"year": {2020: n}, "office": {slug: n}, "theme": {slug: n}} and the list's length,
    in two queries: years without the year choices; offices and themes together, counted
    within the chosen years, then summed by office within the chosen themes and by theme
    within the chosen offices."""
    initiative_filter.form.is_valid()  # an invalid choice is left out, as the list does
    chosen = initiative_filter.form.cleaned_data
    offices = set(chosen.get("office") or [])
    themes = set(chosen.get("theme") or [])
    years = counts_by(filtered_without(initiative_filter, YEAR_CHOICES), "plan__year")
    pairs = counts_by(filtered_without(initiative_filter, ["office", "theme"]), OFFICE, THEME)
    by_office, by_theme, total = Counter(), Counter(), 0
    for (office, theme), count in pairs.items():
        in_offices = not offices or office in offices
        in_themes = not themes or theme in themes
        by_office[office] += count if in_themes else 0
        by_theme[theme] += count if in_offices else 0
        total += count if in_offices and in_themes else 0
    return {"year": years, "office": by_office, "theme": by_theme}, total


def facets(initiative_filter, counts):
    """For the year, office and theme boxes: (field, [(value, label, count, checked)])."""
    result = []
    for name, by_value in counts.items():
        by_value = {str(value): total for value, total in by_value.items()}
        field = initiative_filter.form[name]
        checked = {str(value) for value in (field.value() or [])}
        options = []
        for choice, label in field.field.choices:
            value = str(choice)
            options.append((value, label, by_value.get(value, 0), value in checked))
        result.append((field, options))
    return result


def initiative_list(request):
    initiative_filter = filtered_initiatives(request)
    counts, total = facet_counts(initiative_filter)
    paginator = Paginator(initiative_filter.qs, PAGE_SIZE)
    paginator.count = total  # counted with the facets: no query of its own
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # The downloads and the link to this view hold only what the list applies: an export
    # with a filter that was not understood is refused (`not_understood`).
    applied = query.copy()
    for name in initiative_filter.form.errors:
        applied.pop(name, None)
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "filter": initiative_filter,
            "page": page,
            "query": query.urlencode(),
            "applied_query": applied.urlencode(),
            "facets": facets(initiative_filter, counts),
            "unmatched": initiative_filter.unmatched_notes(),
        },
    )


def not_understood(initiative_filter):
    """400, with what was not understood: a file of everything, as if unfiltered, would pass
    for the export that was asked for."""
    lines = [gettext("Some filters were not understood, so no file was made:")]
    lines += [
        gettext("%(label)s: %(error)s") % {"label": field.label, "error": error}
        for field in initiative_filter.form
        for error in field.errors
    ]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def export_table(request, initiative_filter):
    """The filtered list as a header and rows, the same for CSV and XLSX."""
    initiatives = initiative_filter.qs
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


def export(request, respond, filename):
    initiative_filter = filtered_initiatives(request)
    if not initiative_filter.is_valid():
        return not_understood(initiative_filter)
    return respond(filename, *export_table(request, initiative_filter))


def initiative_export(request):
    """The list as CSV, with the same filter as the page (and no pagination)."""
    return export(request, csv_response, "iom-initiatives.csv")


def initiative_export_xlsx(request):
    return export(request, xlsx_response, "iom-initiatives.xlsx")
