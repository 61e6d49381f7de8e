"""The site search page: forgiving queries, privacy-aware results, a helpful empty page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query

from cms.visibility import is_member, public_pages, visible_pages
from search import results as engine
from search.models import ZeroResultQuery
from search.query import parse
from topics.models import Topic

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
    if kind and kind not in engine.KINDS:
        notes.append(f"“{kind}” is not a result type; showing every type.")
        kind = None
    topic = None
    slug = request.GET.get("topic", "").strip()
    if slug:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            notes.append(f"There is no topic “{slug}”; showing every topic.")
    return kind, topic, notes


def search(request):
    parsed = parse(request.GET.get("q", ""))
    kind, topic, notes = _filters(request)
    context = {
        "search_query": parsed.raw,
        "parsed": parsed,
        "kind": kind,
        "topic": topic,
        "kinds": engine.KINDS,
        "notes": notes,
    }
    if not parsed.raw:
        context["popular_topics"] = engine.popular_topics()
        return TemplateResponse(request, "search/search.html", context)

    picks = engine.promotions(parsed.raw, request.user) if not (kind or topic) else []
    picked_ids = [pick.page_id for pick in picks if pick.page_id]
    total = 0
    page = None
    if not parsed.is_empty:
        pages = engine.base_pages(kind, topic).exclude(pk__in=picked_ids)
        # Non-members also never get pages flagged members-only whose restriction lags.
        if is_member(request.user):
            readable = visible_pages(pages, request.user)
        else:
            readable = public_pages(pages)
        found = engine.search_pages(readable, parsed)
        paginator = Paginator(found, PER_PAGE)
        page = paginator.page(_page_number(request.GET.get("page"), paginator.num_pages))
        total = paginator.count
        restricted = engine.restricted_matches(parsed, request.user, kind, topic)
        context.update(
            results=engine.rows(page.object_list, parsed.search_words, request),
            restricted_results=engine.rows(
                restricted, parsed.search_words, request, restricted=True
            ),
            matching_topics=engine.matching_topics(parsed),
        )
    number = page.number if page else 1
    promoted = engine.promoted_rows(picks, parsed.search_words, request) if number == 1 else []
    total += len(picks)  # pinned results count, though only page one lists them
    context.update(page_obj=page, total=total, promoted=promoted)
    nothing = not (total or promoted or context.get("restricted_results"))
    if nothing:
        context["popular_topics"] = engine.popular_topics()
    if number == 1:
        Query.get(parsed.raw).add_hit()
        if nothing:
            ZeroResultQuery.record(parsed.raw)
    context["nothing_found"] = nothing
    return TemplateResponse(request, "search/search.html", context)
