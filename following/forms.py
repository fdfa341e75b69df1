from django import forms

from commitments.models import Commitment, Project, Topic


class FollowForm(forms.Form):
    """An address and one thing to follow: a public promise, a topic or a project (by slug)."""

    email = forms.EmailField(label="Your e-mail", max_length=254, help_text="Never shown publicly.")
    commitment = forms.SlugField(required=False, widget=forms.HiddenInput)
    topic = forms.SlugField(required=False, widget=forms.HiddenInput)
    project = forms.SlugField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        named = [name for name in ("commitment", "topic", "project") if cleaned.get(name)]
        if len(named) != 1:
            raise forms.ValidationError("Follow one promise, topic or project at a time: open its page and use its form.")
        name = named[0]
        queryset = {
            "commitment": Commitment.objects.published(),
            "topic": Topic.objects.all(),
            "project": Project.objects.all(),
        }[name]
        found = queryset.filter(slug=cleaned[name]).first()
        if found is None:
            raise forms.ValidationError("There is nothing to follow under that name: open its page and use its form.")
        self._target = {name: found}
        return cleaned

    def target(self) -> dict:
        return dict(getattr(self, "_target", {}))

    def target_name(self) -> str:
        target = self.target()
        if "commitment" in target:
            return f"“{target['commitment'].title}”"
        if "topic" in target:
            return f"the topic {target['topic'].name}"
        if "project" in target:
            return f"{target['project'].name}'s promises"
        return ""
