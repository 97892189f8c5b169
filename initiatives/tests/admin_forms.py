"""POST data for the yearly plan admin form and its inline initiatives (prefix "initiatives"),
written in English."""

from profiles.publication import Status


def plan_data(country, year, *, status=Status.PUBLISHED, lead_in="", items=(), existing=()):
    """`items` are new rows as (theme, text, order); `existing` are saved initiatives, kept."""
    rows = [
        (initiative.pk, initiative.theme_id, initiative.text, initiative.order)
        for initiative in existing
    ]
    rows += [("", theme.pk if theme else "", text, order) for theme, text, order in items]
    data = {
        "country": country.pk if country else "",
        "year": year,
        "status": status,
        "lead_in_en": lead_in,
        "initiatives-TOTAL_FORMS": len(rows),
        "initiatives-INITIAL_FORMS": len(existing),
        "initiatives-MIN_NUM_FORMS": 0,
        "initiatives-MAX_NUM_FORMS": 1000,
    }
    for number, (pk, theme, text, order) in enumerate(rows):
        data |= {
            f"initiatives-{number}-id": pk,
            f"initiatives-{number}-theme": theme,
            f"initiatives-{number}-text_en": text,
            f"initiatives-{number}-order": order,
        }
    return data
