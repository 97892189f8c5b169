"""Facts and Figures: a country's statistics grouped by indicator, and their history charts."""

from dataclasses import dataclass, field
from functools import cached_property

# The chart's drawing box, in SVG user units; CSS scales it to the width available.
CHART_WIDTH, CHART_HEIGHT = 320, 150
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 10, 10, 16, 28


@dataclass
class Fact:
    """One indicator on a country page: its statistics, newest year first."""

    indicator: object
    statistics: list = field(default_factory=list)

    @property
    def latest(self):
        return self.statistics[0]

    @property
    def history(self):
        """The known values, oldest first: what the chart draws."""
        return [statistic for statistic in reversed(self.statistics) if statistic.value is not None]

    @cached_property  # the template asks twice: whether there is a chart, then its shape
    def chart(self):
        """Geometry of a line chart of the history, or None with fewer than two known years."""
        history = self.history
        if len(history) < 2:
            return None
        values = [float(statistic.value) for statistic in history]
        first, last = history[0].year, history[-1].year
        # Zero stays in view so that a change is not exaggerated.
        low, high = min(0.0, *values), max(0.0, *values)
        span = (high - low) or 1.0
        plot_width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
        plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM

        def x(year):
            return round(CHART_LEFT + (year - first) / (last - first) * plot_width, 1)

        def y(value):
            return round(CHART_TOP + (high - value) / span * plot_height, 1)

        dots = [
            {"x": x(s.year), "y": y(v), "year": s.year, "label": s.display_value}
            for s, v in zip(history, values, strict=True)
        ]
        return {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "points": " ".join(f"{dot['x']},{dot['y']}" for dot in dots),
            "dots": dots,
            "zero": y(0.0),
            "left": CHART_LEFT,
            "right": CHART_WIDTH - CHART_RIGHT,
            "label_y": CHART_HEIGHT - 8,
            "first_year": first,
            "last_year": last,
        }


def group_facts(statistics):
    """Facts from statistics ordered by indicator (display order) and newest year first."""
    facts = {}
    for statistic in statistics:
        facts.setdefault(statistic.indicator_id, Fact(statistic.indicator)).statistics.append(
            statistic
        )
    return list(facts.values())
