"""The members-only page mixin: a page type gets its privacy by inheriting it, and nothing else.

``MembersOnlyPage`` owns everything that makes a page "members only":

- the ``members_only`` field, its editor panel, its API field and its search filter (added
  to a subclass's own lists when it does not name them itself);
- the teaser: ``as_teaser()`` is a copy that holds only the fields listed in
  ``teaser_fields`` (every other content field emptied), and ``serve_teaser()`` renders
  the page's own template from it, ``noindex`` and never cached. Which reader gets the
  teaser is the access policy's decision (``core.access``); the one serving hook in
  ``core.wagtail_hooks`` asks it;
- keeping Wagtail's page privacy in step with the flag when the page is published
  (``sync_members_restriction``, connected in ``core.apps``).
"""

import copy

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.preview import HeadlessPreview

FLAG = "members_only"
#: The kinds of field a teaser empties when its page type declares them.
TEXT_FIELDS = (models.TextField, models.CharField, StreamField)


def _refuse_to_save(*args, **kwargs):
    raise RuntimeError("A teaser is a partial copy of a page and is never saved.")


def members_group_name():
    """The group whose users read members-only pages (``MEMBERS_GROUP_NAME``)."""
    return settings.MEMBERS_GROUP_NAME


def _mentions(panels, name):
    """True when ``name`` is edited by one of ``panels`` (nested panels included)."""
    for panel in panels:
        if getattr(panel, "field_name", None) == name:
            return True
        if _mentions(getattr(panel, "children", ()), name):
            return True
    return False


def members_only_field(default=False, help_text=None):
    """The ``members_only`` flag; a page type may declare it again to change the default."""
    return models.BooleanField(
        default=default,
        help_text=help_text
        or (
            "Only signed-in members can read this page. Others see the title, summary and "
            "an invitation to sign in or join."
        ),
    )


def members_only_panel():
    """The editor's control for the flag, for a page type that places it in its own panels."""
    return FieldPanel(FLAG)


class MembersOnlyPage(HeadlessPreview, Page):
    """A page that members read in full and everyone else sees as a teaser.

    Subclasses list in ``teaser_fields`` the API fields a teaser keeps (besides the title
    and the page's meta); every other API field, and every StreamField, is emptied in a
    teaser. A system check (``core.checks``) refuses a content field that cannot be
    emptied, so a new field is private in teasers until someone decides otherwise.
    """

    members_only = members_only_field()

    #: API fields a teaser keeps; every other content field is emptied.
    teaser_fields = ("summary",)

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """Register the flag with the API, search and the editor of every subclass."""
        super().__init_subclass__(**kwargs)
        api_fields = list(getattr(cls, "api_fields", ()))
        if not any(getattr(field, "name", field) == FLAG for field in api_fields):
            cls.api_fields = [*api_fields, APIField(FLAG)]
        search_fields = list(getattr(cls, "search_fields", Page.search_fields))
        if not any(getattr(field, "field_name", None) == FLAG for field in search_fields):
            cls.search_fields = [*search_fields, index.FilterField(FLAG)]
        panels = [*getattr(cls, "content_panels", ()), *getattr(cls, "settings_panels", ())]
        if not _mentions(panels, FLAG):
            access_panel = MultiFieldPanel([members_only_panel()], heading="Access")
            cls.settings_panels = [*getattr(cls, "settings_panels", ()), access_panel]

    @classmethod
    def content_field_names(cls):
        """The fields a teaser empties: the API fields it does not keep, and every text or
        StreamField the page type itself declares (not Wagtail's own: title, slug...)."""
        keep = {"title", FLAG, *cls.teaser_fields}
        names = [
            getattr(field, "name", field)
            for field in getattr(cls, "api_fields", ())
            if getattr(field, "name", field) not in keep
        ]
        page_fields = {field.name for field in Page._meta.get_fields()}
        names += [
            field.name
            for field in cls._meta.get_fields()
            if isinstance(field, TEXT_FIELDS)
            and field.name not in keep
            and field.name not in page_fields
        ]
        return list(dict.fromkeys(names))

    def as_teaser(self):
        """A copy of this page holding only what a teaser shows.

        Kept values that are computed once (``cached_property``) are worked out from the
        full page first, so a teaser's reading time is the article's, not an empty body's.
        """
        for name in self.teaser_fields:
            if isinstance(getattr(type(self), name, None), cached_property):
                getattr(self, name)
        teaser = copy.copy(self)
        for name in self.content_field_names():
            field = self._meta.get_field(name)
            setattr(teaser, field.attname, [] if isinstance(field, StreamField) else "")
        teaser.members_only = True
        teaser.is_teaser = True
        teaser.save = _refuse_to_save
        return teaser

    def get_context(self, request, *args, **kwargs):
        """``locked``: this is the reader's teaser; ``members_only_page``: it is for members.

        The serving hook sets ``is_members_only`` from the access policy; a preview, which
        is not served through it, goes by the flag.
        """
        context = super().get_context(request, *args, **kwargs)
        context["locked"] = getattr(self, "is_teaser", False)
        context["members_only_page"] = getattr(self, "is_members_only", self.members_only)
        return context

    def serve_teaser(self, request, *args, **kwargs):
        """The page's own template, rendered from the teaser: a 200, ``noindex``, not cached."""
        teaser = self.as_teaser()
        response = TemplateResponse(
            request,
            teaser.get_template(request, *args, **kwargs),
            teaser.get_context(request, *args, **kwargs),
        )
        response["X-Robots-Tag"] = "noindex"
        add_never_cache_headers(response)
        return response

    def serve_password_required_response(self, request, form, action_url):
        """Wagtail's password form, rendered from the teaser: nothing of the page's content,
        and none of its context (a unit's outline and answers), reaches the form."""
        template = self.password_required_template or getattr(
            settings, "WAGTAIL_PASSWORD_REQUIRED_TEMPLATE", "wagtailcore/password_required.html"
        )
        teaser = self.as_teaser()
        context = {"page": teaser, "self": teaser, "form": form, "action_url": action_url}
        return TemplateResponse(request, template, context)

    def sync_members_restriction(self):
        """Make Wagtail's privacy match the flag: a Members restriction exactly when it is set.

        Only the restriction to the Members group is managed; a password or other group
        restriction an editor added stays as it is (and still applies).
        """
        group, _ = Group.objects.get_or_create(name=members_group_name())
        restrictions = PageViewRestriction.objects.filter(
            page=self, restriction_type=PageViewRestriction.GROUPS
        )
        members = restrictions.filter(groups=group)
        if not self.members_only:
            for restriction in members:
                if restriction.groups.exclude(pk=group.pk).exists():
                    restriction.groups.remove(group)
                else:
                    restriction.delete()
            return
        if not members.exists():
            restriction = PageViewRestriction.objects.create(
                page=self, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.add(group)


def sync_on_publish(sender, instance, **kwargs):
    """``page_published`` receiver for every members-only page type."""
    if isinstance(instance, MembersOnlyPage):
        instance.sync_members_restriction()
