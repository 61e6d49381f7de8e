"""Admin panels worded for editors.

Wagtail's ``InlinePanel`` builds its button from the label ("Add Authors") and numbers
each item with it ("Authors 1"). ``ItemsPanel`` takes the item's name (``label``, e.g.
"author": "Author 1") and the button's own words (``add_label``, "Add an author").
"""

from wagtail.admin.panels import InlinePanel


class ItemsPanel(InlinePanel):
    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "core/items_panel.html"
