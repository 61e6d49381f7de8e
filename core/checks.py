"""System checks: a members-only page type must say what its teaser keeps.

A teaser empties every content field it does not keep (``MembersOnlyPage.teaser_fields``).
Only model fields can be emptied, so an API field that is computed (a property or a custom
serializer) must be listed as kept, or made a model field: otherwise a new computed field
could carry members-only content into a teaser.
"""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from core.restrictions import teaser_models


@checks.register()
def teaser_fields_can_be_emptied(app_configs=None, **kwargs):
    errors = []
    for model in teaser_models():
        for name in model.content_field_names():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is None or not field.concrete or field.is_relation:
                errors.append(
                    checks.Error(
                        f"{model._meta.label}.{name} is in the API but a teaser cannot empty it.",
                        hint=(
                            f"Add {name!r} to {model.__name__}.teaser_fields if teasers may "
                            "show it, or make it a text or StreamField model field."
                        ),
                        obj=model,
                        id="core.E001",
                    )
                )
    return errors
