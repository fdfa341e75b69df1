import datetime

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..models import Commitment, format_due

register = template.Library()


@register.filter
def highlight_quotes(paragraph, commitments):
    """The paragraph, escaped, with each commitment's quote wrapped in a <mark> linking to it."""
    html = str(conditional_escape(paragraph))
    for commitment in commitments or ():
        quote = str(conditional_escape(commitment.quote))
        if quote and quote in html:
            marked = format_html(
                '<mark id="c-{}"><a href="{}">{}</a></mark>',
                commitment.slug,
                commitment.get_absolute_url(),
                mark_safe(quote),
            )
            html = html.replace(quote, marked, 1)
    return mark_safe(html)


@register.filter
def day(value):
    """A date (or a time's local date) in the one format the pages use: "Aug 15, 2023"."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_due(value, Commitment.Precision.DAY)
