"""Editors manage topics with wagtail-modeladmin: usage counts, search and "Merge into…"."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin

from topics.merge import merge_topics, tagged_pages
from topics.models import Topic, with_usage
from topics.visibility import public_topics

SUGGESTION_LIMIT = 10


class TopicButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            buttons.append(
                {
                    "url": reverse("topics_merge", args=[obj.pk]),
                    "label": "Merge into…",
                    "classname": self.finalise_classname(["button-secondary"]),
                    "title": f"Move everything filed under “{obj}” to another topic",
                }
            )
        return buttons


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_label = "Topics"
    menu_icon = "tag"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ("name", "usage_count", "synonym_text", "description")
    search_fields = ("name", "synonyms", "description")
    button_helper_class = TopicButtonHelper
    form_fields_exclude = ()

    def get_queryset(self, request):
        return with_usage(super().get_queryset(request))

    @staticmethod
    def usage_count(obj):
        return obj.usage

    usage_count.short_description = "Articles and units"
    usage_count.admin_order_field = "usage"

    @staticmethod
    def synonym_text(obj):
        return ", ".join(obj.synonym_list)

    synonym_text.short_description = "Other names"


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Topic.objects.none(),
        label="Merge into",
        help_text=(
            "Everything filed under this topic moves to the topic you choose. This topic's "
            "name and synonyms become synonyms of the chosen topic, then this topic is deleted."
        ),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Topic.objects.exclude(pk=source.pk)


def merge_topic_view(request, pk):
    if not request.user.has_perm("topics.change_topic") or not request.user.has_perm(
        "topics.delete_topic"
    ):
        raise PermissionDenied
    source = get_object_or_404(with_usage(Topic.objects.all()), pk=pk)
    form = MergeForm(request.POST or None, source=source)
    confirming = None
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        if request.POST.get("confirm") != "yes":
            # First step: show what will move, and ask before the irreversible part.
            confirming = target
        else:
            moved = merge_topics(source, target)
            messages.success(
                request, f"Merged “{source.name}” into “{target.name}”: {moved} item(s) moved."
            )
            return redirect(TopicAdmin().url_helper.index_url)
    context = {
        "source": source,
        "form": form,
        "target": confirming,
        "moving": tagged_pages(source),
        "index_url": TopicAdmin().url_helper.index_url,
    }
    return TemplateResponse(request, "topics/admin/merge_topic.html", context)


def autocomplete_view(request):
    """Topic names for the editor's topics field: names or synonyms starting with the term.

    Only topics a published page uses are offered, so a name typed in someone's draft is
    never suggested to other editors before that page is published.
    """
    term = " ".join(request.GET.get("term", "").split())[:100]
    if not term:
        return JsonResponse([], safe=False)
    word_start = rf"(^|[\s,]){re.escape(term)}"
    candidates = public_topics().filter(Q(name__istartswith=term) | Q(synonyms__iregex=word_start))
    names = [topic.name for topic in candidates.order_by("name")[:SUGGESTION_LIMIT]]
    return JsonResponse(names, safe=False)
