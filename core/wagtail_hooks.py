"""Serving a page asks the access policy: readers get the page, its teaser, or Wagtail's answer.

One hook for every page type, the outermost ``on_serve_page`` hook. A page the reader may
read is served here; a teaser is rendered from the page's teaser; a page the policy
hides goes on to Wagtail's own privacy check (``check_view_restrictions``, the next hook),
which answers with the password form for a password-protected page and the sign-in
redirect otherwise. So the policy is the one check, and Wagtail's forms still appear.

Serving readable pages here, rather than passing them on, is deliberate: Wagtail's check
would send an editor who is not in the Members group to the sign-in page for a
members-only page the policy lets them read, and would read the page's restrictions a
second time. Any other ``on_serve_page`` hook must therefore be registered with an order
below -100 to wrap this one.
"""

from django.http import Http404
from django.utils.cache import add_never_cache_headers
from wagtail import hooks

from core.access import READ, TEASER, Access, access_for
from core.restrictions import facts_of, lineage_restrictions


@hooks.register("on_serve_page", order=-100)
def serve_through_access_policy(serve):
    def inner(page, request, args, kwargs):
        restrictions = lineage_restrictions(page.path)
        facts = facts_of(page)
        state = access_for(request).decide(facts, restrictions)
        page.is_members_only = Access.anonymous().decide(facts, restrictions) == TEASER
        if state == TEASER:
            return page.serve_teaser(request, *args, **kwargs)
        if state == READ:
            response = page.serve(request, *args, **kwargs)
            if restrictions or facts.members_only:  # what not everyone reads is never cached
                add_never_cache_headers(response)
            return response
        if all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            # Wagtail would serve what the policy hides: the policy wins.
            raise Http404
        return serve(page, request, args, kwargs)

    return inner
