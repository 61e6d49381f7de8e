"""Site search. A first version over live, public pages; the search issue extends it."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from cms.visibility import visible_pages


def search(request):
    query = request.GET.get("q", "").strip()
    results = visible_pages(Page.objects.all(), request.user).search(query) if query else []
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page},
    )
