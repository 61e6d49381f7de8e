"""Admin registration for authors and topics, and the members-only teaser for articles."""

from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import ArticlePage, Author
from cms.visibility import restricted_ids


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "role", "slug"]
    search_fields = ["name", "role"]


register_snippet(AuthorViewSet)


@hooks.register("on_serve_page", order=-100)
def members_only_teaser(callback):
    """Anonymous readers of a members-only article get a 200 teaser, not a login redirect.

    The article template shows only the title, summary and a sign-in / join prompt with
    ``noindex`` when ``restricted`` is set, so the body never leaves the server.
    """

    def inner(page, request, args, kwargs):
        if isinstance(page.specific_deferred, ArticlePage):
            article = page.specific
            if article.members_only or restricted_ids([article], request.user):
                # The template shows the body only to readers cms.visibility allows
                # (members, and editors even outside the Members group).
                response = article.serve(request, *args, **kwargs)
                add_never_cache_headers(response)
                return response
        return callback(page, request, args, kwargs)

    return inner
