from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Countries and facts")

    # Content for backups (config.backup), each model after those it refers to.
    content = {
        "country": ["iso_code"],
        "indicator": ["slug"],
        "statistic": ["country__iso_code", "indicator__slug", "year"],
    }
    seeded = set()

    def ready(self):
        from config import edits
        from profiles import corrections, value_rules

        # Whatever path corrects a published page marks it for the reviewers.
        edits.when_edited(corrections.mark_corrected_countries)

        # SQLite only: its table rebuilds can't run while the cross-table trigger exists.
        pre_migrate.connect(value_rules.drop_sqlite_triggers, sender=self)
        post_migrate.connect(value_rules.create_sqlite_triggers, sender=self)
