from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Offices and contacts")

    def ready(self):
        from config import page_cache

        # Any save or deletion of content makes every cached page out of date.
        page_cache.connect_signals()
