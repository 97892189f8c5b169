"""Demo yearly plans: Lesotho's exactly as the seed page; Eswatini's and Botswana's paraphrased."""

from contacts.demo import find_or_create
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country
from profiles.publication import Status

# country ISO code -> (year, lead-in or "" for the default, [(theme slug, text), ...])
PLANS = {
    "LS": (
        2020,
        "",
        [
            (
                "counter-trafficking",
                "Enhance Lesotho law enforcement institutions’ understanding of best practices to identify trafficked persons, investigate trafficking cases and prosecute traffickers and apply the gained skills and knowledge in their work.",
            ),
            (
                "labour-migration",
                "Support the Government to ensure that the rights of Basotho migrant workers are upheld by employers and host governments through the regularization of labour movements. IOM will also support the Government in the implementation of potential bilateral labour agreements in order to bring a developmental impact from the regular migration.",
            ),
            (
                "migration-governance",
                "IOM is developing evidence and whole-of-government approaches through the National Consultative Committee, which consists of various ministries, migrant support organizations, private sector and NGOs. IOM continues to support the annual review for Migration Governance Index in order to enhance evidence-based approach.",
            ),
            (
                "migration-data",
                "IOM intends to support the administration of the migration profile for Lesotho.",
            ),
            (
                "diaspora-engagement",
                "Support the creation of the Basotho diaspora association. An emigrant support model could be considered to extend support for Basotho vulnerable migrants abroad, and IOM intends to pilot emigrant support activities through the soon-to-be established diaspora association.",
            ),
            (
                "return-and-reintegration",
                "Expand return and reintegration support for stranded migrants and forced migrants. IOM will support the Government in screening migrants at the borders and provide tailored shelter, education, livelihood and health assistance.",
            ),
            (
                "border-management",
                "Support the Government to enhance border and migration management through capacity-building for immigration and border officials, as well as provision of equipment to strengthen security of the borders/airport, and travellers’ complaints/feedback mechanism.",
            ),
        ],
    ),
    "SZ": (
        2020,
        "In 2020, IOM Eswatini will continue to engage the Government, migrants, civil society, the private sector and the media on safe, orderly and regular migration, which will include the following:",
        [
            ("counter-trafficking", "Counter trafficking in persons."),
            ("return-and-reintegration", "Assist vulnerable migrants in mixed migration flows."),
            ("migration-health", "Address HIV and AIDS among mobile populations."),
            ("labour-migration", "Put the labour migration policy into practice."),
            ("diaspora-engagement", "Engage the Swazi diaspora."),
        ],
    ),
    "BW": (
        2020,
        "For the year 2020, IOM in Botswana will scale up its support to the Government and will prioritize the following:",
        [
            (
                "migration-governance",
                "Support a national coordination mechanism on migration and the implementation of the Global Compact for Migration.",
            ),
            ("counter-trafficking", "Assist vulnerable migrants and victims of trafficking."),
            ("labour-migration", "Promote ethical recruitment."),
        ],
    ),
}


def load():
    """Create missing plans with their initiatives; a plan that exists is left as it is."""
    created = 0
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for code, (year, lead_in, items) in PLANS.items():
        fields = {"country": Country.objects.get(iso_code=code), "year": year}
        plan, new = find_or_create(
            YearlyPlan, {**fields, "lead_in": lead_in, "status": Status.PUBLISHED}, tuple(fields)
        )
        if not new:
            continue
        for order, (theme, text) in enumerate(items, start=1):
            initiative = Initiative(plan=plan, theme=themes[theme], text=text, order=order)
            initiative.full_clean()
            initiative.save()
        created += 1 + len(items)
    return created
