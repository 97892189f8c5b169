"""Demo yearly plans: Lesotho's exactly as the seed page, in English, French and Spanish;
Eswatini's and Botswana's paraphrased, in English only (readers of the French and Spanish
pages see them in English, marked as such)."""

from config.demo import find_or_create
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

# country ISO code -> language -> (lead-in, [text of each initiative, in the order above])
TRANSLATIONS = {
    "LS": {
        "fr": (
            "En 2020, l’OIM au Lesotho appuiera le Gouvernement dans les domaines suivants :",
            [
                "Améliorer la compréhension, par les institutions chargées de l’application de la loi au Lesotho, des pratiques exemplaires permettant d’identifier les victimes de la traite, d’enquêter sur les affaires de traite et de poursuivre les trafiquants, et appliquer dans leur travail les compétences et connaissances acquises.",
                "Aider le Gouvernement à faire en sorte que les droits des travailleurs migrants basothos soient respectés par les employeurs et les gouvernements d’accueil grâce à la régularisation des mouvements de main-d’œuvre. L’OIM aidera également le Gouvernement à mettre en œuvre d’éventuels accords bilatéraux de main-d’œuvre afin que la migration régulière ait un effet sur le développement.",
                "L’OIM élabore des données factuelles et des approches mobilisant l’ensemble du gouvernement par l’intermédiaire du Comité consultatif national, composé de divers ministères, d’organisations d’aide aux migrants, du secteur privé et d’ONG. L’OIM continue d’appuyer l’examen annuel de l’Indice de gouvernance des migrations afin de renforcer l’approche fondée sur des données factuelles.",
                "L’OIM entend appuyer la gestion du profil migratoire du Lesotho.",
                "Appuyer la création de l’association de la diaspora basotho. Un modèle d’aide aux émigrants pourrait être envisagé pour étendre l’assistance aux migrants basothos vulnérables à l’étranger, et l’OIM entend mener à titre pilote des activités d’aide aux émigrants par l’intermédiaire de l’association de la diaspora qui sera prochainement créée.",
                "Étendre l’aide au retour et à la réintégration aux migrants bloqués et aux migrants forcés. L’OIM aidera le Gouvernement à contrôler les migrants aux frontières et fournira une assistance adaptée en matière d’hébergement, d’éducation, de moyens de subsistance et de santé.",
                "Aider le Gouvernement à améliorer la gestion des frontières et des migrations par le renforcement des capacités des agents des services d’immigration et des frontières, ainsi que par la fourniture d’équipements visant à renforcer la sécurité des frontières et de l’aéroport, et par un mécanisme de plaintes et de retours d’information des voyageurs.",
            ],
        ),
        "es": (
            "En 2020, la OIM en Lesoto apoyará al Gobierno en lo siguiente:",
            [
                "Mejorar la comprensión, por parte de las instituciones encargadas de hacer cumplir la ley en Lesoto, de las mejores prácticas para identificar a las víctimas de la trata, investigar los casos de trata y enjuiciar a los tratantes, y aplicar en su trabajo las competencias y los conocimientos adquiridos.",
                "Apoyar al Gobierno para garantizar que los empleadores y los gobiernos de acogida respeten los derechos de los trabajadores migrantes basotos mediante la regularización de los movimientos laborales. La OIM también apoyará al Gobierno en la aplicación de posibles acuerdos laborales bilaterales, a fin de que la migración regular tenga un efecto en el desarrollo.",
                "La OIM está generando datos empíricos y enfoques de gobierno integral a través del Comité Consultivo Nacional, integrado por diversos ministerios, organizaciones de apoyo a los migrantes, el sector privado y ONG. La OIM sigue apoyando el examen anual del Índice de Gobernanza de la Migración para reforzar el enfoque basado en datos empíricos.",
                "La OIM tiene previsto apoyar la gestión del perfil migratorio de Lesoto.",
                "Apoyar la creación de la asociación de la diáspora basota. Podría considerarse un modelo de apoyo a los emigrantes para ampliar la asistencia a los migrantes basotos vulnerables en el extranjero, y la OIM tiene previsto poner a prueba actividades de apoyo a los emigrantes a través de la asociación de la diáspora que se establecerá próximamente.",
                "Ampliar el apoyo al retorno y la reintegración de los migrantes varados y los migrantes forzosos. La OIM apoyará al Gobierno en la evaluación de los migrantes en las fronteras y prestará asistencia adaptada en materia de alojamiento, educación, medios de vida y salud.",
                "Apoyar al Gobierno para mejorar la gestión de fronteras y de la migración mediante el fortalecimiento de la capacidad de los funcionarios de inmigración y de fronteras, así como el suministro de equipos para reforzar la seguridad de las fronteras y el aeropuerto, y un mecanismo de quejas y comentarios de los viajeros.",
            ],
        ),
    },
}


def load():
    """Create missing plans with their initiatives; a plan that exists is left as it is."""
    created = 0
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for code, (year, lead_in, items) in PLANS.items():
        translations = TRANSLATIONS.get(code, {})
        fields = {"country": Country.objects.get(iso_code=code), "year": year}
        lead_ins = {f"lead_in_{language}": text for language, (text, _) in translations.items()}
        plan, new = find_or_create(
            YearlyPlan,
            {**fields, "lead_in": lead_in, **lead_ins, "status": Status.PUBLISHED},
            tuple(fields),
        )
        if not new:
            continue
        for order, (theme, text) in enumerate(items, start=1):
            texts = {f"text_{language}": t[order - 1] for language, (_, t) in translations.items()}
            initiative = Initiative(plan=plan, theme=themes[theme], text=text, **texts, order=order)
            initiative.full_clean()
            initiative.save()
        created += 1 + len(items)
    return created
