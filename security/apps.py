from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Glue between django-axes and the site: lock-out answers, throttled password forms,
    and the editors' lock-out listing. It holds no models; axes keeps the attempts."""

    name = "security"
    verbose_name = "Security"
