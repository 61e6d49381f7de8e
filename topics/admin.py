"""Editors manage topics with wagtail-modeladmin: usage counts, search and "Merge into…"."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin

from topics.merge import merge_topics
from topics.models import Topic, with_usage


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

    synonym_text.short_description = "Synonyms"


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
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        moved = merge_topics(source, target)
        messages.success(
            request, f"Merged “{source.name}” into “{target.name}”: {moved} item(s) moved."
        )
        return redirect(TopicAdmin().url_helper.index_url)
    return TemplateResponse(
        request,
        "topics/admin/merge_topic.html",
        {"source": source, "form": form, "index_url": TopicAdmin().url_helper.index_url},
    )
