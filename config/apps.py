from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site itself, beside its content apps: the content version (models.py) and the
    page cache's signal wiring. Its tables are named site_*."""

    name = "config"
    label = "site"
    verbose_name = "Site"

    def ready(self):
        from config import content_version

        # Any save or deletion of content makes every cached page out of date.
        content_version.connect_signals()
