from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from msp.core import views as core_views

admin.site.site_header = "MSP administration"
admin.site.site_title = "MSP administration"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("recent/", core_views.recent, name="recent"),
    path("accounts/", include("msp.accounts.urls")),
    path("people/", include("msp.people.urls")),
    path("concerns/", include("msp.concerns.urls")),
    path("enquiries/", include("msp.enquiries.urls")),
    path("returns/", include("msp.returns.urls")),
    path("reporting/", include("msp.reporting.urls")),
    path("data/", include("msp.interop.urls")),
    path("audit/", include("msp.audit.urls")),
    path("privacy/", include("msp.privacy.urls")),
    path("improvement/", include("msp.improvement.urls")),
    # The one page for the public: answering the follow-up questions with a single-use code.
    path("your-say/", include("msp.improvement.public_urls")),
    path("account/", include("msp.api.account_urls")),
    path("session/", include("msp.drafts.urls")),
    path("api/v1/", include("msp.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("msp.operations.urls")),
]

if settings.OIDC_ENABLED:
    # Single sign-on with the council's own directory (msp/accounts/oidc.py), only when configured.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
