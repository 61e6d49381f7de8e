"""Show editors the searches that found nothing, next to Wagtail's "Search terms" report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.views import settings as promotion_views

from search.admin_views import ZeroResultSearchesReport, can_view

# The menu calls them "Promoted search results"; Wagtail's messages say "Editor's picks".
# Its views take their words from these attributes, so the messages match the menu.
promotion_views.CreateView.success_message = "Promoted result for '%(query)s' created."
promotion_views.EditView.success_message = "Promoted result for '%(query)s' updated."
promotion_views.DeleteView.success_message = "Promoted results deleted."


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
