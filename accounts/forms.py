"""The account page's own forms (allauth's views handle email and password changes)."""

from django import forms
from django.contrib.auth import authenticate


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="Something to tell this token apart later, such as the app it is for.",
    )


class DeleteAccountForm(forms.Form):
    """The account's password, checked through ``authenticate`` so django-axes counts
    wrong answers here as it does on the sign-in form."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        if authenticate(self.request, username=user.get_username(), password=password) != user:
            raise forms.ValidationError(
                "That is not your password, so nothing was deleted. Try again, or sign out "
                "and use “Forgotten your password?” on the sign-in page."
            )
        return password
