"""Pages run the same number of queries however many initiatives they show."""

import pytest
from django.db.models import Count
from django.urls import reverse

from initiatives.models import Initiative, Theme, YearlyPlan
from tests.factories import InitiativeFactory, YearlyPlanFactory

PAGES = [
    reverse("initiatives:list"),
    reverse("initiatives:list") + "?q=support&page=2",
    reverse("initiatives:export"),
    reverse("initiatives:export") + "?q=initiative",
]


@pytest.mark.parametrize(
    "url", PAGES, ids=["list", "list-searched-page-2", "export", "export-searched"]
)
@pytest.mark.parametrize("user", [None, "editor"], ids=["anonymous", "editor"])
def test_list_and_export_queries_do_not_grow(request, client, spread, count_queries, url, user):
    if user:
        client.force_login(request.getfixturevalue(user))
    spread(1)
    with_one = count_queries(client, url)

    spread(50)  # the first one again, and 49 more

    assert Initiative.objects.count() == 51
    assert YearlyPlan.objects.count() == 30
    assert Initiative.objects.aggregate(themes=Count("theme", distinct=True))["themes"] > 5
    assert count_queries(client, url) == with_one


@pytest.mark.parametrize("user", [None, "editor"], ids=["anonymous", "editor"])
def test_country_page_queries_do_not_grow(request, client, db, count_queries, user):
    if user:
        client.force_login(request.getfixturevalue(user))
    plan = YearlyPlanFactory(year=2020)
    YearlyPlanFactory(country=plan.country, year=2019)
    themes = list(Theme.objects.all())
    InitiativeFactory(plan=plan, theme=themes[0])
    url = reverse("profiles:country", kwargs={"slug": plan.country.slug})
    with_one = count_queries(client, url)

    for number in range(49):
        InitiativeFactory(plan=plan, theme=themes[number % len(themes)])

    response = client.get(url)
    assert response.text.count("<li>Support initiative number") == 50
    assert count_queries(client, url) == with_one
    # Chosen by its year, the plan is not presented as the latest: no query for when the
    # latest went live.
    assert count_queries(client, f"{url}?year=2020") == with_one - 1
