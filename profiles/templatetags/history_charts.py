"""A fact's history: a line chart and, under it, the table of every year.

Built here rather than in a template: a country with thirty years of six indicators has
some four hundred dots and rows, and the template language spent most of the page's time
on them. Texts are escaped here; coordinates and years are numbers. Every text to translate
is in a gettext() call of its own, outside the f-strings, where makemessages finds it.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()


# Not a template: one took 6 ms a page, not 1, and cost the uncached country page 17-26 % req/s.
@register.simple_tag
def history_chart(fact, country):
    chart, slug, name = fact.chart, escape(fact.indicator.slug), fact.indicator.name
    first, last, left, right = (
        chart["first_year"],
        chart["last_year"],
        chart["left"],
        chart["right"],
    )
    values = len(chart["dots"])
    title = gettext("%(indicator)s, %(first)s to %(last)s")
    description = ngettext(
        "Line chart of %(values)s yearly value. The table that follows gives it.",
        "Line chart of %(values)s yearly values. The table that follows gives each value.",
        values,
    )
    dot_title = gettext("%(year)s: %(value)s")
    dots = "".join(
        f'<circle class="chart-dot" cx="{dot["x"]}" cy="{dot["y"]}" r="3.5"><title>'
        f"{escape(dot_title % {'year': dot['year'], 'value': dot['label']})}</title></circle>"
        for dot in chart["dots"]
    )
    rows = "".join(
        f'<tr><th scope="row">{statistic.year}</th><td>{escape(statistic.display_value)}</td></tr>'
        for statistic in fact.statistics
    )
    caption = gettext("%(indicator)s in %(country)s, by year")
    summary = gettext("%(indicator)s by year") % {"indicator": name}
    data_table, year = gettext("(data table)"), gettext("Year")
    return mark_safe(  # noqa: S308 -- every text above is escaped
        f'<figure class="chart">\n'
        f'  <svg viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        f'aria-labelledby="chart-{slug}-title chart-{slug}-desc" focusable="false">\n'
        f'    <title id="chart-{slug}-title">'
        f"{escape(title % {'indicator': name, 'first': first, 'last': last})}</title>\n"
        f'    <desc id="chart-{slug}-desc">{escape(description % {"values": values})}</desc>\n'
        f'    <line class="chart-zero" x1="{left}" y1="{chart["zero"]}" x2="{right}" '
        f'y2="{chart["zero"]}"/>\n'
        f'    <polyline class="chart-line" points="{chart["points"]}"/>\n'
        f"    {dots}\n"
        f'    <text class="chart-label" x="{left}" y="{chart["label_y"]}" '
        f'text-anchor="start">{first}</text>\n'
        f'    <text class="chart-label" x="{right}" y="{chart["label_y"]}" '
        f'text-anchor="end">{last}</text>\n'
        f"  </svg>\n"
        f"  <details>\n"
        f"    <summary>{escape(summary)}"
        f'<span class="visually-hidden"> {escape(data_table)}</span></summary>\n'
        f'    <table class="chart-table">\n'
        f'      <caption class="visually-hidden">'
        f"{escape(caption % {'indicator': name, 'country': country.name})}</caption>\n"
        f'      <thead><tr><th scope="col">{escape(year)}</th>'
        f'<th scope="col">{escape(name)}</th></tr></thead>\n'
        f"      <tbody>{rows}</tbody>\n"
        f"    </table>\n"
        f"  </details>\n"
        f"</figure>"
    )
