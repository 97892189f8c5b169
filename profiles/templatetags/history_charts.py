"""A fact's history: a line chart and, under it, the table of every year.

The markup is templates/profiles/includes/history_chart.html. Every number and text it
shows is worked out here, as plain strings: a country with thirty years of six indicators
has some four hundred dots and rows, and a translation tag or a number localized for each
of them cost the template most of the page's time. The template escapes the texts; the
coordinates and years are written as Python writes numbers ("10.5", never "10,5").
"""

from django import template
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.inclusion_tag("profiles/includes/history_chart.html")
def history_chart(fact, country):
    chart, name = fact.chart, fact.indicator.name
    first, last = str(chart["first_year"]), str(chart["last_year"])
    values = len(chart["dots"])
    dot_title = gettext("%(year)s: %(value)s")
    return {
        "slug": fact.indicator.slug,
        "width": str(chart["width"]),
        "height": str(chart["height"]),
        "left": str(chart["left"]),
        "right": str(chart["right"]),
        "zero": str(chart["zero"]),
        "label_y": str(chart["label_y"]),
        "points": chart["points"],
        "first_year": first,
        "last_year": last,
        # (x, y, title) of each dot, oldest first.
        "dots": [
            (str(dot["x"]), str(dot["y"]), dot_title % {"year": dot["year"], "value": dot["label"]})
            for dot in chart["dots"]
        ],
        # (year, value) of each row, newest first.
        "rows": [(str(statistic.year), statistic.display_value) for statistic in fact.statistics],
        "title": gettext("%(indicator)s, %(first)s to %(last)s")
        % {"indicator": name, "first": first, "last": last},
        "description": ngettext(
            "Line chart of %(values)s yearly value. The table that follows gives it.",
            "Line chart of %(values)s yearly values. The table that follows gives each value.",
            values,
        )
        % {"values": values},
        "summary": gettext("%(indicator)s by year") % {"indicator": name},
        "data_table": gettext("(data table)"),
        "caption": gettext("%(indicator)s in %(country)s, by year")
        % {"indicator": name, "country": country.name},
        "year_heading": gettext("Year"),
        "indicator": name,
    }
