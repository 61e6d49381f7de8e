"""Admin report of searches that found nothing: what readers need that the site lacks."""

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from search.models import ZeroResultQuery


class ZeroResultSearchesReport(ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    columns = [
        Column("query_string", label="Search term(s)", sort_key="query_string"),
        NumberColumn("hits", label="Searches", sort_key="hits"),
        DateColumn("last_searched", label="Last searched", sort_key="last_searched"),
    ]
    export_headings = {
        "query_string": "Search term(s)",
        "hits": "Searches",
        "last_searched": "Last searched",
    }
    list_export = ["query_string", "hits", "last_searched"]

    def get_base_queryset(self):
        return ZeroResultQuery.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


def can_view(user):
    """Superusers and editors who may pin search results."""
    return user.is_superuser or user.has_perm("wagtailsearchpromotions.add_searchpromotion")
