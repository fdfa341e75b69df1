import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from . import periods
from .models import Commitment, Source, Speaker, Topic

YES_NO = (("yes", "Yes"), ("no", "No"))


class PlainSelect(forms.Select):
    """A select whose options are written in Python, one format_html each, instead of one
    template render each: the same HTML, and a list of hundreds of sources stays cheap."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class CommitmentFilter(django_filters.FilterSet):
    """The status page's filters; the CSV export and the API apply the same ones."""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words in title or quote"}),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Commitment.Status.choices, widget=forms.CheckboxSelectMultiple, label="Status"
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        field_name="topic__slug", queryset=Topic.objects.all(), to_field_name="slug",
        widget=forms.CheckboxSelectMultiple, label="Topic",
    )
    speaker = django_filters.ModelChoiceFilter(
        queryset=Speaker.objects.filter(
            Exists(Commitment.objects.published().filter(speaker=OuterRef("pk")))
        ),
        to_field_name="name",
        empty_label="Any speaker",
        widget=PlainSelect,
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.public().only("slug", "title"), to_field_name="slug", empty_label="Any source", widget=PlainSelect
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label="Overdue", empty_label="Overdue or not"
    )
    due_soon = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_due_soon", label=f"Due within {periods.DUE_SOON_DAYS} days", empty_label="Any due date"
    )

    class Meta:
        model = Commitment
        fields = ["q", "status", "topic", "speaker", "source", "overdue", "due_soon"]

    def search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(quote__icontains=word))
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value == "yes" else queryset.not_overdue()

    def filter_due_soon(self, queryset, name, value):
        soon = queryset.due_soon()
        return soon if value == "yes" else queryset.exclude(pk__in=soon.values("pk"))
