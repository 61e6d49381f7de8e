"""The site search page: the one search pipeline, shown to a reader with a helpful empty page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query

from core.access import access_for
from core.search.pipeline import PROMOTED, TEASER, Search, searchable_pages
from search import results as rows
from search.models import ZeroResultQuery
from topics.models import Topic, tagged_with

PER_PAGE = 10


def _page_number(value, num_pages):
    """A page number from the query string: junk means page 1, too big means the last."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


def _filters(request):
    """The ``type`` and ``topic`` filters, with a note for values we do not know."""
    notes = []
    kind = request.GET.get("type", "").strip().lower() or None
    if kind and kind not in rows.KINDS:
        notes.append(f"“{kind}” is not a result type; showing every type.")
        kind = None
    topic = None
    slug = request.GET.get("topic", "").strip()
    if slug:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            notes.append(f"There is no topic “{slug}”; showing every topic.")
    return kind, topic, notes


def candidates(kind, topic):
    """The pages this search covers: the searchable types, narrowed by the filters."""
    pages = searchable_pages(kind)
    return pages.filter(tagged_with([topic])) if topic is not None else pages


def search(request):
    kind, topic, notes = _filters(request)
    context = {
        "kind": kind,
        "topic": topic,
        "kinds": rows.KINDS,
        "notes": notes,
    }
    access = access_for(request)
    found = Search(request.GET.get("q", ""), access, candidates(kind, topic))
    parsed = found.parsed
    if not parsed.raw:
        context.update(search_query="", parsed=parsed, popular_topics=rows.popular_topics(access))
        return TemplateResponse(request, "search/search.html", context)

    paginator = Paginator(found, PER_PAGE)
    page = paginator.page(_page_number(request.GET.get("page"), paginator.num_pages))
    hits = rows.rows(page.object_list, found, request)
    links = rows.link_rows(found) if page.number == 1 else []
    promoted = [row for row in hits if found.kind_of(row.page.pk) == PROMOTED] + links
    context.update(
        search_query=parsed.raw,
        parsed=parsed,
        page_obj=page,
        total=found.count() + len(found.links),
        promoted=promoted,
        results=[row for row in hits if found.kind_of(row.page.pk) not in (PROMOTED, TEASER)],
        restricted_results=[row for row in hits if found.kind_of(row.page.pk) == TEASER],
        matching_topics=rows.matching_topics(parsed, access) if not parsed.is_empty else [],
    )
    nothing = not (found.count() or links)
    if nothing:
        context["popular_topics"] = rows.popular_topics(access)
    if page.number == 1:
        Query.get(parsed.raw).add_hit()
        if nothing:
            ZeroResultQuery.record(parsed.raw)
    context["nothing_found"] = nothing
    return TemplateResponse(request, "search/search.html", context)
