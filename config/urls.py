from axes.models import AccessAttempt
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from config import views
from config.signin import SignInAttemptAdmin
from profiles.sitemaps import SITEMAPS

admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, SignInAttemptAdmin)

# The database being away is a 503 with a friendly page, not a 500. The API's are JSON.
handler400 = "config.views.bad_request"
handler500 = "config.views.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico whatever the page says; the admin's pages name none.
    # Lazy: the hashed name is known only once the static files are collected.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    # Kept whole by the page cache (config/page_cache.py), under the content version.
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/", include("config.api")),
] + i18n_patterns(
    # Readers' pages carry their language: /en/, /fr/, /es/.
    path("initiatives/", include("initiatives.urls")),
    path("", include("profiles.urls")),
)
