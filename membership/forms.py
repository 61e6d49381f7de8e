from django import forms
from django.contrib import messages

from membership.models import normalise_code
from membership.services import find_code, redeem

#: What each problem with a code tells the reader; ``{code}`` is what they typed.
PROBLEMS = {
    "unknown": (
        "We do not know the code “{code}”. Check it against the letter or email it came in: "
        "codes are letters and digits, and never contain I, L, O, 0 or 1."
    ),
    "used_up": (
        "The code “{code}” has already been used as many times as it allows. "
        "Ask whoever gave it to you for a new one."
    ),
    "expired": ("The code “{code}” has expired. Ask whoever gave it to you for a new one."),
    "disabled": ("The code “{code}” has been withdrawn. Ask whoever gave it to you for a new one."),
    "already_member": (
        "You are already a member, with no end date, so there is no need for a code. "
        "Keep “{code}” for someone else."
    ),
}


class AccessCodeForm(forms.Form):
    code = forms.CharField(
        label="Access code",
        max_length=64,
        help_text="The code from your partner agency or invitation, e.g. ABCD 2345 XY.",
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Enter the code you were given.")
        return code

    def add_problem(self, problem):
        typed = self.data.get("code", "").strip()
        self.add_error("code", PROBLEMS[problem].format(code=typed))


class SignupCodeForm(forms.Form):
    """The optional access code on allauth's sign-up form (``ACCOUNT_SIGNUP_FORM_CLASS``).

    A code is checked with the rest of the form, so a mistyped one keeps everything typed
    and says what is wrong; it is used once the account exists.
    """

    code = forms.CharField(
        label="Access code (if you were given one)",
        max_length=64,
        required=False,
        help_text="From your partner agency or invitation. You can also enter it later.",
    )

    def clean_code(self):
        typed = self.cleaned_data.get("code", "")
        code = normalise_code(typed)
        if not code:
            return ""
        found = find_code(code)
        problem = "unknown" if found is None else found.problem()
        if problem:
            raise forms.ValidationError(PROBLEMS[problem].format(code=typed.strip()))
        return code

    def signup(self, request, user):
        code = self.cleaned_data.get("code")
        if not code:
            return
        outcome = redeem(user, code)
        if outcome.problem:
            messages.warning(request, PROBLEMS[outcome.problem].format(code=code))
        else:
            messages.success(request, "Your access code is accepted: you are a member.")
