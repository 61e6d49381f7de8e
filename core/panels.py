"""An editor's panel that shows something worked out from the object being edited.

``InstancePanel(template, context)`` renders ``template`` with ``context(instance, request)``
merged in: the member's question with personal data highlighted, the content checks of a
page. It edits nothing, so it claims no form field.
"""

from wagtail.admin.panels import Panel


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
