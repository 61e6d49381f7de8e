"""Routing through a section without loading the section's own fields.

Wagtail routes ``/articles/tapering-safely/`` by loading each page on the way in full:
the blog is read as a plain page, then again as its specific type, only to look up its
child. A section page that passes a request on needs nothing but its place in the tree,
so ``PassThroughRouting`` hands the request to its child in Wagtail's deferred specific
form (``specific_deferred``: the right class and route, no second query). The page that
is served is always loaded in full: if the child's route answers with the child itself
(a sub-route of its own), it is loaded then, as Wagtail would have, and a routable page
(``RoutablePageMixin``), whose views are bound to the instance that routes, is routed
through in full.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult


class PassThroughRouting:
    """For page types whose children have children: route through them one query cheaper."""

    def route(self, request, path_components):
        if len(path_components) < 2:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        try:
            child = self.get_children().get(slug=slug)
        except Page.DoesNotExist as error:
            raise Http404 from error
        child._cached_parent_obj = self
        if issubclass(child.specific_class, RoutablePageMixin):
            # Its sub-routes' views are bound to the instance that routes: a full one.
            return child.specific.route(request, rest)
        section = child.specific_deferred
        page, args, kwargs = section.route(request, rest)
        if page is section:
            return RouteResult(child.specific, args, kwargs)
        return RouteResult(page, args, kwargs)
