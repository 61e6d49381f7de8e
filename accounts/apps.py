from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """A person's own account: the site's side of django-allauth (adapter, templates), the
    account page with API tokens, export and deletion, and the superusers' 2FA rule. It
    holds no models: allauth, axes and Wagtail keep theirs, other apps their own data."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import data
        from core import account_data

        account_data.register("profile", data.profile)
        account_data.register("api_tokens", data.api_tokens, delete=data.delete_api_tokens)
