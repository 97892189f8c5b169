from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Offices and contacts")

    # Content for backups (config.backup): model -> the order a backup lists its rows in.
    content = {"office": ["slug"]}
    seeded = set()
