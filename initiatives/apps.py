from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Migration initiatives")

    # Content for backups (config.backup), each model after those it refers to. Initiatives
    # have no natural key and keep their ids.
    content = {
        "theme": ["slug"],
        "yearlyplan": ["country__iso_code", "year"],
        "initiative": ["pk"],
    }
    seeded = {"theme"}  # by migration 0002: a new database has them

    def ready(self):
        from config import edits
        from initiatives import corrections

        # Whatever path corrects a published plan marks it for the reviewers.
        edits.when_edited(corrections.mark_corrected_plans)
