"""Demo offices: real IOM offices, as published; unknown details are left empty."""

from config.demo import find_or_create
from contacts.models import Office

REGIONAL, COUNTRY = Office.Kind.REGIONAL, Office.Kind.COUNTRY

# The street lines stay as the post office reads them; the country line is translated.
PRETORIA_STREET = (
    "Walker Creek Office Park, Building Number 4\n"
    "90 Florence Ribeiro Avenue, entrance at 25 Nicholson St\n"
    "Nieuw Muckleneuk, Groenkloof, Pretoria\n"
)

# Names, cities and addresses in English, with French (_fr) and Spanish (_es) where given;
# the rest are shown in English on the French and Spanish pages until an editor adds them.
OFFICES = [
    {
        "slug": "southern-africa",
        "name": "Regional Office for Southern Africa",
        "name_fr": "Bureau régional pour l’Afrique australe",
        "name_es": "Oficina Regional para África Meridional",
        "kind": REGIONAL,
        "city": "Pretoria",
        "city_fr": "Pretoria",
        "city_es": "Pretoria",
        "country": "ZA",
        "address": PRETORIA_STREET + "South Africa",
        "address_fr": PRETORIA_STREET + "Afrique du Sud",
        "address_es": PRETORIA_STREET + "Sudáfrica",
        "telephone": "+27 12 342 14 97",
        "fax": "+27 12 34 20 932",
        "email": "ropretoria@iom.int",
        "website": "https://ropretoria.iom.int/",
    },
    {
        "slug": "eswatini",
        "name": "Eswatini",
        "name_fr": "Eswatini",
        "name_es": "Eswatini",
        "kind": COUNTRY,
        "city": "Mbabane",
        "country": "SZ",
        "address": "1st floor UN House\nSomhlolo Road\nMbabane\nKingdom of Eswatini",
    },
    {
        "slug": "east-and-horn-of-africa",
        "name": "Regional Office for East and Horn of Africa",
        "name_fr": "Bureau régional pour l’Afrique de l’Est et la Corne de l’Afrique",
        "name_es": "Oficina Regional para África Oriental y el Cuerno de África",
        "kind": REGIONAL,
        "city": "Nairobi",
        "country": "KE",
        "website": "https://eastandhornofafrica.iom.int/",
    },
    {
        "slug": "west-and-central-africa",
        "name": "Regional Office for West and Central Africa",
        "name_fr": "Bureau régional pour l’Afrique de l’Ouest et du Centre",
        "name_es": "Oficina Regional para África Occidental y Central",
        "kind": REGIONAL,
        "city": "Dakar",
        "country": "SN",
        "address": "Route des Almadies - Zone 3\nDakar\nSenegal",
        "telephone": "+221 33 869 62 00",
        "website": "https://rodakar.iom.int/",
    },
    {
        "slug": "middle-east-and-north-africa",
        "name": "Regional Office for the Middle East and North Africa",
        "name_fr": "Bureau régional pour le Moyen-Orient et l’Afrique du Nord",
        "name_es": "Oficina Regional para Oriente Medio y África del Norte",
        "kind": REGIONAL,
        "city": "Cairo",
        "city_fr": "Le Caire",
        "city_es": "El Cairo",
        "country": "EG",
        "address": "47 C, Abu El Feda Street\nZamalek\n11211 Cairo\nEgypt",
        "telephone": "+202 27 36 51 40",
        "fax": "+202 27 36 51 39",
    },
    {
        "slug": "asia-and-the-pacific",
        "name": "Regional Office for Asia and the Pacific",
        "name_fr": "Bureau régional pour l’Asie et le Pacifique",
        "name_es": "Oficina Regional para Asia y el Pacífico",
        "kind": REGIONAL,
        "city": "Bangkok",
        "country": "TH",
        "address": "18th Floor Rajanakarn Building\n183 South Sathorn Road, Satorn District\n"
        "Bangkok 10120",
        "telephone": "+66 2 343 93 00",
        "fax": "+66 2 343 93 99",
    },
    {
        "slug": "europe-and-central-asia",
        "name": "Regional Office for Europe and Central Asia",
        "name_fr": "Bureau régional pour l’Europe et l’Asie centrale",
        "name_es": "Oficina Regional para Europa y Asia Central",
        "kind": REGIONAL,
        "city": "Vienna",
        "city_fr": "Vienne",
        "city_es": "Viena",
        "country": "AT",
        "website": "https://eca.iom.int/",
    },
    {
        "slug": "americas",
        "name": "Regional Office for the Americas",
        "name_fr": "Bureau régional pour les Amériques",
        "name_es": "Oficina Regional para las Américas",
        "kind": REGIONAL,
        "city": "Panama",
        "city_fr": "Panama",
        "city_es": "Panamá",
        "country": "PA",
        "website": "https://americas.iom.int/",
    },
]


OFFICES_BY_SLUG = {fields["slug"]: fields for fields in OFFICES}


def office(slug):
    """The demo office first published with `slug`, even if an editor renamed it since."""
    return find_or_create(Office, OFFICES_BY_SLUG[slug], "slug", "name")


def load():
    return sum(office(slug)[1] for slug in OFFICES_BY_SLUG)
