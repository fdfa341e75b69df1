"""The reader's correction form, with its guards against bots that need no third-party script:
a honeypot field people never see, and a signed time stamp that must be a few seconds old
(a person reads before sending) and at most a day old."""

import hashlib
import hmac
import time

from django import forms
from django.conf import settings
from django.core import signing

from .models import Correction

STAMP_SALT = "commitments.correction-form"
# A public page (and its stamp) may be served from the cache for up to a day.
MIN_SECONDS, MAX_SECONDS = 3, 2 * 24 * 3600


def form_stamp(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=STAMP_SALT)


def address_hash(address: str) -> str:
    """A keyed hash of the sender's address: enough to throttle, not an address to keep."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def stamp_hash(stamp: str) -> str:
    return hashlib.sha256(stamp.encode()).hexdigest()


class CorrectionForm(forms.ModelForm):
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput)
    source_url = forms.URLField(label="A link that shows it (optional)", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Correction
        fields = ["what_is_wrong", "source_url", "email"]
        labels = {"what_is_wrong": "What is wrong?", "email": "Your e-mail (optional)"}
        help_texts = {"email": "Only if you want an answer; never published."}
        widgets = {"what_is_wrong": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["stamp"] = form_stamp()

    def refuse_used_stamp(self) -> None:
        """Say the stamp was used, and give the form (shown again, filled) a fresh one."""
        self.add_error(None, "A correction was already sent with this form: check the text below and send it again to send another.")
        self.data = self.data.copy()
        self.data["stamp"] = form_stamp()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError("This looks automated, so it was not sent. Leave the last field empty and try again.")
        try:
            sent = signing.loads(cleaned.get("stamp") or "", salt=STAMP_SALT)
        except signing.BadSignature:
            raise forms.ValidationError("The form was damaged or is too old: reload the page and send it again.")
        age = time.time() - int(sent)
        if age < MIN_SECONDS:
            raise forms.ValidationError("That was quicker than a person can read the form: wait a moment and send it again.")
        if age > MAX_SECONDS:
            raise forms.ValidationError("The form is more than two days old: reload the page and send it again.")
        return cleaned
