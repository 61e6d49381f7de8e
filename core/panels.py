"""Admin panels worded for editors, and one that shows what is worked out from the object.

Wagtail's ``InlinePanel`` builds its button from the label ("Add Authors") and numbers
each item with it ("Authors 1"). ``ItemsPanel`` takes the item's name (``label``, e.g.
"author": "Author 1") and the button's own words (``add_label``, "Add an author").

``InstancePanel(template, context)`` renders ``template`` with ``context(instance, request)``
merged in: the member's question with personal data highlighted, the content checks of a
page. It edits nothing, so it claims no form field.
"""

from wagtail.admin.panels import InlinePanel, Panel


class ItemsPanel(InlinePanel):
    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "core/items_panel.html"


class InstancePanel(Panel):
    def __init__(self, template, context, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.context = context

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "template": self.template, "context": self.context}

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.panel.context(self.instance, self.request))
            return context
