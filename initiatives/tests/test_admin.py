import re
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from initiatives.models import Initiative, Theme, YearlyPlan
from initiatives.tests.admin_forms import plan_data
from profiles.publication import Status
from tests.factories import CountryFactory, InitiativeFactory, OfficeFactory, YearlyPlanFactory
from tests.helpers import page_text

PLAN_ADD = reverse("admin:initiatives_yearlyplan_add")
PLAN_LIST = reverse("admin:initiatives_yearlyplan_changelist")


def plan_change_url(plan):
    return reverse("admin:initiatives_yearlyplan_change", args=[plan.pk])


@pytest.fixture
def theme():
    return {theme.slug: theme for theme in Theme.objects.all()}


# --- Add and change pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "with_object"),
    [
        ("admin:initiatives_yearlyplan_add", False),
        ("admin:initiatives_yearlyplan_change", True),
        ("admin:initiatives_yearlyplan_changelist", False),
        ("admin:initiatives_yearlyplan_history", True),
        ("admin:initiatives_theme_add", False),
        ("admin:initiatives_theme_change", True),
        ("admin:initiatives_theme_changelist", False),
    ],
    ids=[
        "plan-add",
        "plan-change",
        "plan-list",
        "plan-history",
        "theme-add",
        "theme-change",
        "theme-list",
    ],
)
def test_admin_pages_render(editor_client, name, with_object):
    initiative = InitiativeFactory()
    target = initiative.theme if "theme" in name else initiative.plan

    response = editor_client.get(reverse(name, args=[target.pk] if with_object else []))

    assert response.status_code == 200


def test_plan_add_page_has_an_inline_for_the_initiatives(editor_client):
    response = editor_client.get(PLAN_ADD)

    for field in [
        "initiatives-TOTAL_FORMS",
        "initiatives-INITIAL_FORMS",
        "initiatives-0-text_en",
        "initiatives-0-theme",
        "initiatives-0-order",
        "country",
        "year",
        "lead_in_en",
        "lead_in_fr",
        "lead_in_es",
    ]:
        assert f'name="{field}"' in response.text


def test_add_a_plan_with_its_initiatives(editor_client, theme):
    country = CountryFactory()
    items = [
        (theme["labour-migration"], "Support labour agreements.", 1),
        (theme["migration-data"], "Publish the migration profile.", 2),
    ]

    response = editor_client.post(PLAN_ADD, plan_data(country, 2020, lead_in="Lead.", items=items))

    assert response.status_code == 302
    plan = YearlyPlan.objects.get()
    assert (plan.country, plan.year, plan.status, plan.lead_in) == (
        country,
        2020,
        "draft",  # new plans start as drafts, to be submitted for review
        "Lead.",
    )
    assert [(i.theme.slug, i.text, i.order) for i in plan.initiatives.all()] == [
        ("labour-migration", "Support labour agreements.", 1),
        ("migration-data", "Publish the migration profile.", 2),
    ]
    assert LogEntry.objects.get().object_id == str(plan.pk)


def test_change_a_plan_and_its_initiatives(editor_client, theme):
    plan = YearlyPlanFactory(year=2020, status=Status.DRAFT)
    kept, changed, removed = (InitiativeFactory(plan=plan, order=order) for order in (1, 2, 3))
    data = plan_data(
        plan.country,
        2021,
        lead_in="New lead-in.",
        existing=[kept, changed, removed],
        items=[(theme["border-management"], "Train border officials.", 9)],
    )
    data |= {"initiatives-1-text_en": "Changed text.", "initiatives-2-DELETE": "on"}

    response = editor_client.post(plan_change_url(plan), data)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.year, plan.lead_in, plan.status) == (2021, "New lead-in.", "draft")
    assert [i.text for i in plan.initiatives.all()] == [
        kept.text,
        "Changed text.",
        "Train border officials.",
    ]
    assert not Initiative.objects.filter(pk=removed.pk).exists()
    history = editor_client.get(reverse("admin:initiatives_yearlyplan_history", args=[plan.pk]))
    assert "Year: 2020 → 2021" in page_text(history)
    assert "Lead-in sentence (English): " in page_text(history)


@pytest.mark.parametrize(
    ("orders", "expected"),
    [
        ([1, 2, 3], ["First", "Second", "Third"]),
        ([3, 1, 2], ["Second", "Third", "First"]),
        ([0, 0, 0], ["First", "Second", "Third"]),
    ],
    ids=["numbered-in-form-order", "numbered-out-of-form-order", "unnumbered"],
)
def test_plan_items_keep_their_order_on_the_country_page(client, editor, theme, orders, expected):
    client.force_login(editor)
    country = CountryFactory()
    themes = [theme["counter-trafficking"], theme["migration-health"], theme["diaspora-engagement"]]
    items = [
        (t, text, order)
        for t, text, order in zip(themes, ["First", "Second", "Third"], orders, strict=True)
    ]
    assert client.post(PLAN_ADD, plan_data(country, 2020, items=items)).status_code == 302

    # The new plan is a draft: the editor previews it.
    response = client.get(reverse("profiles:country", kwargs={"slug": country.slug}))

    assert re.findall(r"<li>(First|Second|Third)</li>", response.text) == expected


def test_add_link_from_the_country_chooses_the_country(editor_client):
    country = CountryFactory(name="Lesotho")

    response = editor_client.get(f"{PLAN_ADD}?country={country.pk}")

    assert response.context["adminform"].form.initial["country"] == str(country.pk)
    assert f'<option value="{country.pk}" selected>Lesotho</option>' in response.text


def test_add_and_change_a_theme(editor_client):
    response = editor_client.post(
        reverse("admin:initiatives_theme_add"), {"name_en": "Climate migration", "slug": "climate"}
    )
    assert response.status_code == 302
    created = Theme.objects.get(slug="climate")

    response = editor_client.post(
        reverse("admin:initiatives_theme_change", args=[created.pk]),
        {"name_en": "Climate and migration", "slug": "climate-and-migration"},
    )

    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.name, created.slug) == ("Climate and migration", "climate-and-migration")


def test_view_only_staff_can_read_but_not_change_a_plan(client, viewer):
    client.force_login(viewer)
    plan = InitiativeFactory().plan

    page = client.get(plan_change_url(plan))
    post = client.post(plan_change_url(plan), plan_data(plan.country, 2030))

    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert post.status_code == 403
    plan.refresh_from_db()
    assert plan.year == 2020


# --- The plan list, its filters and search --------------------------------------------------


@pytest.fixture
def plans(theme):
    """Lesotho 2020 (3 items, 2 on counter-trafficking), Lesotho 2021 (draft), Kenya 2020."""
    southern, eastern = OfficeFactory(), OfficeFactory()
    lesotho = CountryFactory(name="Lesotho", regional_office=southern)
    kenya = CountryFactory(name="Kenya", regional_office=eastern)
    lesotho_2020 = YearlyPlanFactory(country=lesotho, year=2020)
    lesotho_2021 = YearlyPlanFactory(country=lesotho, year=2021, status=Status.DRAFT)
    kenya_2020 = YearlyPlanFactory(country=kenya, year=2020, changed_since_review=True)
    for plan, slug, text in [
        (lesotho_2020, "counter-trafficking", "Train police on trafficking."),
        (lesotho_2020, "counter-trafficking", "Shelter trafficking victims."),
        (lesotho_2020, "labour-migration", "Support labour agreements."),
        (lesotho_2021, "labour-migration", "Publish labour statistics."),
        (kenya_2020, "counter-trafficking", "Screen migrants at the border for trafficking."),
    ]:
        InitiativeFactory(plan=plan, theme=theme[slug], text=text)
    return {
        "lesotho": lesotho,
        "kenya": kenya,
        "eastern": eastern,
        "plans": {"L20": lesotho_2020, "L21": lesotho_2021, "K20": kenya_2020},
    }


CHANGELIST_QUERIES = {
    "none": (lambda p, t: {}, ["L21", "K20", "L20"]),
    "year": (lambda p, t: {"year": "2020"}, ["K20", "L20"]),
    "status": (lambda p, t: {"status__exact": "draft"}, ["L21"]),
    "changed-since-review": (lambda p, t: {"changed_since_review__exact": "1"}, ["K20"]),
    "regional-office": (
        lambda p, t: {"country__regional_office__id__exact": p["eastern"].pk},
        ["K20"],
    ),
    "theme": (
        lambda p, t: {"initiatives__theme__id__exact": t["counter-trafficking"].pk},
        ["K20", "L20"],
    ),
    "country": (lambda p, t: {"country__id__exact": p["lesotho"].pk}, ["L21", "L20"]),
    "search-text": (lambda p, t: {"q": "trafficking"}, ["K20", "L20"]),
    "search-country": (lambda p, t: {"q": "kenya"}, ["K20"]),
    "search-lead-in": (lambda p, t: {"q": "nothing-like-this"}, []),
    "theme+search": (
        lambda p, t: {"initiatives__theme__id__exact": t["labour-migration"].pk, "q": "police"},
        ["L20"],
    ),
}


@pytest.mark.parametrize("case", CHANGELIST_QUERIES, ids=list(CHANGELIST_QUERIES))
def test_plan_list_filters_and_search(editor_client, plans, theme, case):
    query, expected = CHANGELIST_QUERIES[case]
    by_pk = {plan.pk: key for key, plan in plans["plans"].items()}

    response = editor_client.get(PLAN_LIST, query(plans, theme))

    assert response.status_code == 200
    result = response.context["cl"].result_list
    assert [by_pk[plan.pk] for plan in result] == expected
    # The initiative count is the plan's own, whatever the filter or search matched.
    totals = {by_pk[plan.pk]: plan.initiative_total for plan in result}
    assert totals == {key: {"L20": 3, "L21": 1, "K20": 1}[key] for key in expected}


def test_plan_list_shows_country_office_and_count(editor_client, plans):
    response = editor_client.get(PLAN_LIST)

    [row] = [row for row in re.findall(r"<tr>.*?</tr>", response.text, re.DOTALL) if "Kenya" in row]
    assert f"IOM {plans['eastern'].name}" in row
    assert '<td class="field-initiative_count">1</td>' in row


LIST_FILTERS = {
    "none": lambda plan: {},
    "year": lambda plan: {"year": plan.year},
    "status": lambda plan: {"status__exact": plan.status},
    "changed-since-review": lambda plan: {"changed_since_review__exact": "0"},
    "regional-office": lambda plan: {
        "country__regional_office__id__exact": plan.country.regional_office_id
    },
    "theme": lambda plan: {"initiatives__theme__id__exact": plan.initiatives.get().theme_id},
    "country": lambda plan: {"country__id__exact": plan.country_id},
    "search": lambda plan: {"q": "support"},
    "theme+search": lambda plan: {
        "initiatives__theme__id__exact": plan.initiatives.get().theme_id,
        "q": "initiative",
    },
}


@pytest.mark.parametrize("case", LIST_FILTERS, ids=list(LIST_FILTERS))
def test_plan_list_queries_do_not_grow(editor_client, theme, count_queries, case):
    first = InitiativeFactory(theme=theme["migration-data"]).plan
    url = f"{PLAN_LIST}?{urlencode(LIST_FILTERS[case](first))}"
    with_one = count_queries(editor_client, url)

    offices = [first.country.regional_office, *OfficeFactory.create_batch(2)]
    countries = [first.country] + [CountryFactory(regional_office=offices[n % 3]) for n in range(9)]
    themes = list(theme.values())
    for number in range(1, 50):  # (countries[0], 2020) is the first plan
        plan = YearlyPlanFactory(
            country=countries[number % 10],
            year=2020 - number // 10,
            status=Status.DRAFT if number % 4 else Status.PUBLISHED,
        )
        InitiativeFactory.create_batch(2, plan=plan, theme=themes[number % len(themes)])

    assert YearlyPlan.objects.count() == 50
    response = editor_client.get(url)
    assert response.context["cl"].result_count > 1
    assert count_queries(editor_client, url) == with_one


# --- The country's change page links its plans ---------------------------------------------


def test_country_change_page_links_its_yearly_plans(editor_client):
    older = YearlyPlanFactory(year=2020)
    newer = YearlyPlanFactory(country=older.country, year=2021, status=Status.DRAFT)
    YearlyPlanFactory(year=2019)  # another country's
    url = reverse("admin:profiles_country_change", args=[older.country.pk])

    response = editor_client.get(url)

    links = re.findall(
        r'<a href="(/admin/initiatives/yearlyplan/[^"]+)">([^<]+)</a>', response.text
    )
    assert links == [
        (plan_change_url(newer), "2021 (Draft)"),
        (plan_change_url(older), "2020 (Published)"),
        (f"{PLAN_ADD}?country={older.country.pk}", "Add a yearly plan"),
    ]


def test_country_without_plans_says_so(editor_client):
    country = CountryFactory()

    response = editor_client.get(reverse("admin:profiles_country_change", args=[country.pk]))

    assert "No plans yet." in response.text
    assert f'href="{PLAN_ADD}?country={country.pk}"' in response.text
