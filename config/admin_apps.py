from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, on our site: each of its views is one edit (config.admin_site). Kept
    apart from config.admin_site, which the app registry imports only once it is ready."""

    default_site = "config.admin_site.AdminSite"
