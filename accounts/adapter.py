"""The site's django-allauth adapter: its name in emails, an HTML part for every message,
and which sign-ins need a confirmed address."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from core.sites import site_name


def user_display(user):
    """How allauth names a person to themselves: their email address (usernames are made up)."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject):
        """Subjects start with the site's name as editors set it, not the host name."""
        return f"[{site_name(allauth_context.request)}] {subject}"

    def render_mail(self, template_prefix, email, context, headers=None):
        """Every message goes as plain text plus HTML; the HTML is the text, escaped, with
        paragraphs and links, so one template per message says everything once."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            body = linebreaks(urlize(message.body, autoescape=True), autoescape=False)
            html = render_to_string(
                "account/email/base_message.html",
                {"body": mark_safe(body)},  # urlize escaped it
                allauth_context.request,
            )
            message.attach_alternative(html, "text/html")
        return message

    def get_login_stages(self):
        return [
            "accounts.stages.EmailVerificationStage"
            if stage == "allauth.account.stages.EmailVerificationStage"
            else stage
            for stage in super().get_login_stages()
        ]
