"""The admin's refresh from a publisher's file: the refresh service's report first (a dry
run), everything written on confirmation with the same options.

As with the statistics import (profiles.admin_import, whose size limit, permissions and
session keeping this page shares), the file waits in the editor's session between the check
and the confirmation: the confirmation may reach another app server.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.accepts import takes_files
from profiles.admin_import import ConfirmForm, UploadForm, can_import, keep_file, take_file
from profiles.models import edition_text
from profiles.publishers import PublisherFileRefused
from profiles.publishers.economies import NO_PAGE, NOT_A_COUNTRY
from profiles.publishers.revisions import ALREADY_HERE, NO_VALUE, SECOND_ROW, TOO_LARGE
from profiles.refresh import NOT_PUBLISHED, refresh_statistics
from profiles.years import validate_year

SESSION_KEY = "statistics_refresh"
TEMPLATE = "admin/profiles/statistic/refresh.html"
REVISIONS, ONLY_NEW = "revisions", "only-new"
PUBLISHED, ALL_COUNTRIES = "published", "all"
# The service's reasons for leaving a row or an economy out, in the editor's language.
REASONS = {
    NOT_A_COUNTRY: _(
        "an aggregate (a region or a group of economies) or an area with no ISO 3166 code"
    ),
    NO_PAGE: _("a country with no page on the site"),
    NOT_PUBLISHED: _("a country whose page is not published (refresh all countries to include it)"),
    NO_VALUE: _("the file has no value, and neither have we"),
    SECOND_ROW: _("a second row for the same country and year"),
    ALREADY_HERE: _("we have a figure; only new figures were asked for"),
    TOO_LARGE: _("the value is too large to store"),
}


class RefreshForm(UploadForm):
    file = forms.FileField(
        label=_("Publisher's file"),
        help_text=_(
            "As the publisher ships it: the World Bank's CSV download or a saved answer of its "
            "API (JSON), UN DESA's International Migrant Stock “Destination” workbook (XLSX), "
            "or UN DESA's World Population Prospects demographic indicators CSV (or .gz)."
        ),
    )
    figures = forms.ChoiceField(
        label=_("Figures to write"),
        choices=[
            (REVISIONS, _("New figures and revisions")),
            (ONLY_NEW, _("Only new figures: leave ours as they are")),
        ],
        initial=REVISIONS,
        widget=forms.RadioSelect,
    )
    since = forms.IntegerField(
        label=_("From year"),
        required=False,
        validators=[validate_year],
        help_text=_("Leave out the years before this one. Empty: every year in the file."),
    )
    countries = forms.ChoiceField(
        label=_("Countries"),
        choices=[
            (PUBLISHED, _("Published countries only")),
            (ALL_COUNTRIES, _("All countries, drafts too")),
        ],
        initial=PUBLISHED,
        widget=forms.RadioSelect,
    )

    def options(self):
        """The refresh service's options, as chosen."""
        data = self.cleaned_data
        return {
            "only_new": data["figures"] == ONLY_NEW,
            "since": data["since"],
            "all_countries": data["countries"] == ALL_COUNTRIES,
        }


@takes_files
def refresh_view(model_admin, request):
    if not can_import(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Refresh from a publisher's file"),
        "form": RefreshForm(),
    }
    if request.method == "POST" and "digest" in request.POST:
        return _confirm(request)
    if request.method == "POST":
        form = RefreshForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                report = refresh_statistics(
                    data, upload.name, dry_run=True, user=request.user, **form.options()
                )
            except PublisherFileRefused as error:
                form.add_error("file", str(error))
            else:
                context.update(report=report_for_page(report), filename=upload.name)
                if report.changes:
                    digest = keep_file(
                        request, SESSION_KEY, data, name=upload.name, options=form.options()
                    )
                    context["confirm_form"] = ConfirmForm(initial={"digest": digest})
    return TemplateResponse(request, TEMPLATE, context)


def _confirm(request):
    form = ConfirmForm(request.POST)
    waiting = form.is_valid() and take_file(request, SESSION_KEY, form.cleaned_data["digest"])
    if not waiting:
        messages.error(request, gettext("That file is no longer waiting: upload it again."))
        return redirect("admin:profiles_statistic_refresh")
    data, details = waiting
    try:
        report = refresh_statistics(data, details["name"], user=request.user, **details["options"])
    except PublisherFileRefused as error:
        # What changed since the check (an indicator's series code, a year's rule): nothing
        # was written.
        messages.error(request, str(error))
        return redirect("admin:profiles_statistic_refresh")
    messages.success(
        request,
        gettext("Written: %(new)s new and %(revised)s revised figures (“%(reason)s”).")
        % {"new": report.new, "revised": report.revised, "reason": report.reason},
    )
    return redirect("admin:profiles_statistic_changelist")


# --- The report, as the page shows it ------------------------------------------------------


@dataclass
class Revision:
    country: str
    year: int
    ours: str  # as readers read it: "USD 561.5 million"
    theirs: str
    percent: object  # Decimal, or None when ours was zero

    @property
    def change(self):
        """The change in per cent as the report shows it, "−15.50%"; "—" when ours was zero."""
        if self.percent is None:
            return "—"
        sign = "+" if self.percent > 0 else "−" if self.percent < 0 else ""
        return f"{sign}{number_format(abs(self.percent), 2)}%"


@dataclass
class CountryPart:
    name: str
    code: str  # the publisher's
    new: list  # (year, as shown)
    revised: int
    unchanged: int
    not_in_file: list  # (year, as shown)

    @property
    def new_years(self):
        return year_ranges(year for year, _ in self.new)

    @property
    def not_in_file_years(self):
        return year_ranges(year for year, _ in self.not_in_file)


@dataclass
class LeftOut:
    reason: str
    economies: int
    rows: int


def report_for_page(report):
    """The refresh report as the template reads it: every figure as readers see it, every
    reason in the editor's language."""
    publisher_file = report.publisher_file
    return {
        "publisher": publisher_file.publisher,
        "dataset": publisher_file.dataset,
        "edition": edition_text(publisher_file.edition) if publisher_file.edition else "",
        "only_new": report.only_new,
        "since": report.since,
        "all_countries": report.all_countries,
        "new": report.new,
        "revised": report.revised,
        "changes": report.changes,
        "reason": report.reason,
        "indicators": [_indicator(part) for part in report.indicators],
    }


def _indicator(part):
    shown, revisions = part.indicator.format, part.report
    countries = [
        CountryPart(
            name=part.countries[iso2].name,
            code=country.economy_code,
            new=[(figure.year, shown(figure.theirs)) for figure in country.new],
            revised=len(country.revised),
            unchanged=len(country.unchanged),
            not_in_file=[(figure.year, shown(figure.ours)) for figure in country.not_in_file],
        )
        for iso2, country in revisions.countries.items()
    ]
    return {
        "indicator": part.indicator,
        "new": len(revisions.new),
        "revised": len(revisions.revised),
        "unchanged": len(revisions.unchanged),
        "not_in_file": len(revisions.not_in_file),
        "countries": sorted(countries, key=lambda country: country.name),
        "revisions": [  # the largest first, whichever the country
            Revision(
                part.countries[figure.iso2].name,
                figure.year,
                shown(figure.ours),
                shown(figure.theirs),
                figure.change_percent,
            )
            for figure in revisions.revised
        ],
        "left_out": _left_out(revisions.skipped),
        "refused": part.refused,
    }


def _left_out(skipped):
    counts = {}
    for row in skipped:
        reason = reason_text(row.reason)
        economies, rows = counts.get(reason, (0, 0))
        counts[reason] = (economies + 1, rows) if row.year is None else (economies, rows + 1)
    return [LeftOut(reason, *count) for reason, count in counts.items()]


def reason_text(reason):
    if reason in REASONS:
        return REASONS[reason]
    year = reason.removeprefix("before ")
    if year != reason and year.isdigit():
        return gettext("before %(year)s") % {"year": year}
    return reason  # the site's own rules (a year, a value), already in the editor's language


def year_ranges(years):
    """A country's years as a sentence can hold them: "1960–2019, 2022"."""
    ranges = []
    for year in sorted(years):
        if ranges and year == ranges[-1][1] + 1:
            ranges[-1][1] = year
        else:
            ranges.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)
