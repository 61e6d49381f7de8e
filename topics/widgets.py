"""The topics field in the editor: Wagtail's tag widget with plain help and our suggestions.

Suggestions come from ``topics_autocomplete`` (``topics.admin``), which matches names and
synonyms ("benzos" offers Benzodiazepines) among topics a published page uses.
"""

from django.urls import reverse
from wagtail.admin.widgets import AdminTagWidget

HELP = (
    "Type a topic and press Enter or type a comma; a topic may have several words. "
    "Other names are filed under their topic (“benzos” becomes Benzodiazepines). A new "
    "topic stays private until the page is published."
)


class TopicWidget(AdminTagWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["help_text"] = HELP
        context["widget"]["attrs"]["data-w-tag-url-value"] = reverse("topics_autocomplete")
        return context
