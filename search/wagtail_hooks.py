"""Show editors the searches that found nothing, next to Wagtail's "Search terms" report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.admin_views import ZeroResultSearchesReport, can_view


@hooks.register("register_admin_urls")
def register_zero_results_urls():
    return [
        path(
            "reports/searches-with-no-results/",
            ZeroResultSearchesReport.as_view(),
            name="search_zero_results",
        ),
        path(
            "reports/searches-with-no-results/results/",
            ZeroResultSearchesReport.as_view(results_only=True),
            name="search_zero_results_results",
        ),
    ]


class ZeroResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return ZeroResultsMenuItem(
        "Searches with no results",
        reverse("search_zero_results"),
        name="searches-with-no-results",
        icon_name="search",
        order=1310,
    )
