from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Migration initiatives")

    def ready(self):
        from config import edits
        from initiatives import corrections

        # Whatever path corrects a published plan marks it for the reviewers.
        edits.when_edited(corrections.mark_corrected_plans)
