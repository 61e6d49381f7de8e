from allauth.account import views as account_views
from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.errors import not_found as api_not_found
from api.v2 import api_router
from api.v3 import v3_api
from articles.sitemap import sitemap_view
from cms.views import favicon, robots_txt
from search import views as search_views
from security import password_forms

urlpatterns = [
    # The admin's sign-in is the site's (below), so its throttling and 2FA apply to editors.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own reader sign-in (for login-restricted pages) is the site's too.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="wagtailcore_login",
    ),
    # Wagtail's password forms, at Wagtail's own addresses and names, throttled by axes.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_forms.collection_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        password_forms.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("api/v2/", api_router.urls),
    path("api/v3/", v3_api.urls),
    re_path(r"^api/v3/(?P<path>.*)$", api_not_found),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("operations.urls")),
    path("my/membership/", include("membership.urls")),
    path("my/", include("accounts.urls")),
    path("my/", include("craft_course.urls")),
    path("my/", include("questions.urls")),
    # allauth's sign-in and sign-out under the names the templates and LOGIN_URL use too.
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/", include("allauth.urls")),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "cms.views.bad_request"
handler403 = "cms.views.permission_denied"
handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
