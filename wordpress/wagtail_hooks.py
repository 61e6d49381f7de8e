"""WordPress's ``/?p=ID`` addresses, and the admin's import view.

Wagtail's redirect middleware acts only on a 404, but ``/?p=12`` is the home page with a
query string, so it never sees one. This hook answers those addresses from the same
redirect table the importer filled, before the home page is served.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import include, path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.redirects.middleware import get_redirect

from wordpress import views
from wordpress.redirects import query_path


@hooks.register("before_serve_page")
def wordpress_query_redirects(page, request, serve_args, serve_kwargs):
    if request.path != "/" or not request.GET:
        return None
    old = query_path(request)
    redirect = get_redirect(request, old) if old else None
    if redirect is not None and redirect.link:
        return HttpResponsePermanentRedirect(redirect.link)
    return None


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("wordpress-import/", include((views.urlpatterns, "wordpress_import")))]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return SuperuserMenuItem(
        "WordPress import",
        "/admin/wordpress-import/",
        icon_name="download",
        order=900,
    )
