import datetime

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from commitments.reading import periods
from commitments.markup import escape

register = template.Library()


@register.simple_tag
def status_badges(commitment, today=None):
    """A commitment's status badge, then Overdue or Due soon when they apply: the one place
    they are written, for the table (CommitmentTable.rows_html) and every page."""
    today = today or timezone.localdate()
    html = f'<span class="status status-{escape(commitment.status)}">{escape(commitment.get_status_display())}</span>'
    if commitment.is_overdue(today):
        html += f' <span class="status status-overdue">Overdue</span> <span class="overdue-by">by {escape(periods.overdue_by(commitment.due_date, commitment.due_precision, today))}</span>'
    if commitment.is_due_soon(today):
        html += ' <span class="status status-due-soon">Due soon</span>'
    return mark_safe(html)


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
    """A single day as every page writes it: "Aug 15, 2023" (periods.format_day); a time is
    written as its day in the site's time zone."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return periods.format_day(value or None)


@register.filter
def due_period(value, precision=""):
    """A due date as its period: "Aug 2023", "Q2 2024", "by the end of 2024" (periods.format_period)."""
    return periods.format_period(value, precision or "")


@register.simple_tag
def due_soon_days():
    return periods.DUE_SOON_DAYS
