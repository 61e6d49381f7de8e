"""The form members ask with; its errors say how to fix the problem and keep what was typed."""

from django import forms

from questions.models import PSEUDONYM_MAX_LENGTH, QUESTION_MAX_LENGTH, Question
from questions.scrub import known_names_of
from topics.models import Topic


class QuestionForm(forms.ModelForm):
    question = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            f"Tell us what worries you, in up to {QUESTION_MAX_LENGTH:,} characters. Leave out "
            "names, places and anything else that could identify you or your family."
        ),
        error_messages={
            "required": "Write your question before sending it.",
            "max_length": (
                f"Your question is longer than {QUESTION_MAX_LENGTH:,} characters "
                "(it has %(show_value)d). Shorten it a little and send it again."
            ),
        },
    )
    pseudonym = forms.CharField(
        label="Pseudonym",
        max_length=PSEUDONYM_MAX_LENGTH,
        help_text=(
            "The made-up name your question is published under, e.g. “Hopeful Dad”. "
            "Never your real name."
        ),
        error_messages={
            "required": "Choose a pseudonym: a made-up name, never your real one.",
            "max_length": f"Keep your pseudonym to {PSEUDONYM_MAX_LENGTH} characters.",
        },
    )
    consent = forms.BooleanField(
        label="I agree that my question may be published anonymously, under my pseudonym.",
        help_text="Our editors remove anything that could identify you before publishing.",
        error_messages={
            "required": "Tick the box to agree: we can only answer questions we may publish."
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics (optional)",
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick any that fit; it helps us find the right expert.",
    )

    class Meta:
        model = Question
        fields = ["question", "pseudonym", "consent", "topics"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_pseudonym(self):
        pseudonym = " ".join(self.cleaned_data["pseudonym"].split())
        if not pseudonym:
            raise forms.ValidationError("Choose a pseudonym: a made-up name, never your real one.")
        own = {name.strip().lower() for name in known_names_of(self.user) if name}
        words = {word.lower() for word in pseudonym.split()}
        if pseudonym.lower() in own or words & (own - {""}):
            raise forms.ValidationError(
                "That looks like your own name or username. Choose a made-up name instead."
            )
        return pseudonym

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if not question:
            raise forms.ValidationError("Write your question before sending it.")
        return question
