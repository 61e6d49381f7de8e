from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = "Membership"

    def ready(self):
        from core import account_data
        from membership import data, receivers  # noqa: F401  (receivers connect signals)

        account_data.register("membership", data.grants, delete=data.delete_grants)
