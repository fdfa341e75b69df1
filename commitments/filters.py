import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .reading import periods
from .markup import escape
from .models import Commitment, Source, Speaker, Topic

YES_NO = (("yes", "Yes"), ("no", "No"))


class PlainSelect(forms.Select):
    """A select whose options are written in Python instead of one template render each: the
    same HTML, and a list of hundreds of sources stays cheap."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(choice)}"{" selected" if str(choice) in chosen else ""}>{escape(label)}</option>'
            for choice, label in self.choices
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), mark_safe(options))


class ValuesChoiceIterator(ModelChoiceIterator):
    """(value, label) pairs read by one values_list query rather than a model per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", self.field.label_field)


class ListedChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice whose options show one field (`label_field`) of each row, read without
    making a model per option: the status page lists every source on every first render."""

    iterator = ValuesChoiceIterator

    def __init__(self, *args, label_field, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField


class PlainCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written in Python, each in its own label: the status
    page renders every status and topic on every first render, and a template per box cost
    more than the rest of the form."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe("".join(
            f'<label class="choice"><input type="checkbox" name="{escape(name)}" value="{escape(choice)}" '
            f'id="{escape(self.id_for_label(attrs.get("id", ""), index))}"{" checked" if str(choice) in chosen else ""}> '
            f"{escape(label)}</label>"
            for index, (choice, label) in enumerate(self.choices)
        ))


class CommitmentFilter(django_filters.FilterSet):
    """The status page's filters; the CSV export and the API apply the same ones."""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words in title or quote"}),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Commitment.Status.choices, widget=PlainCheckboxes, label="Status"
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        field_name="topic__slug", queryset=Topic.objects.all(), to_field_name="slug",
        widget=PlainCheckboxes, label="Topic",
    )
    speaker = django_filters.ModelChoiceFilter(
        queryset=Speaker.objects.filter(
            Exists(Commitment.objects.published().filter(speaker=OuterRef("pk")))
        ),
        to_field_name="name",
        empty_label="Any speaker",
        widget=PlainSelect,
    )
    source = ListedModelChoiceFilter(
        queryset=Source.objects.listed().only("slug", "title"), to_field_name="slug", label_field="title",
        empty_label="Any source", widget=PlainSelect,
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label="Overdue", empty_label="Overdue or not", widget=PlainSelect
    )
    due_soon = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_due_soon", label=f"Due within {periods.DUE_SOON_DAYS} days", empty_label="Any due date",
        widget=PlainSelect,
    )

    class Meta:
        model = Commitment
        fields = ["q", "status", "topic", "speaker", "source", "overdue", "due_soon"]

    def __init__(self, *args, project=None, **kwargs):
        """`project`: offer only that project's topics, speakers and sources (None: all)."""
        super().__init__(*args, **kwargs)
        if project is not None:
            own = Commitment.objects.for_project(project)
            self.filters["topic"].queryset = Topic.objects.filter(commitments__in=own).distinct()
            self.filters["speaker"].queryset = self.filters["speaker"].queryset.filter(project=project)
            self.filters["source"].queryset = self.filters["source"].queryset.for_project(project)

    def search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(quote__icontains=word))
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value == "yes" else queryset.not_overdue()

    def filter_due_soon(self, queryset, name, value):
        soon = queryset.due_soon()
        return soon if value == "yes" else queryset.exclude(pk__in=soon.values("pk"))


def public_filter(data, with_history: bool = False, project=None) -> CommitmentFilter:
    """The one public filter set: the published commitments the query `data` selects (a QueryDict;
    empty means every one), as the status page, the charts, the API and the CSV export (page and
    command) apply it. `with_history`: with each one's status changes and restatements, as the API
    lists them. `project`: that project's commitments only, and only its topics, speakers and
    sources offered (None: a site of one project)."""
    queryset = Commitment.objects.published().for_project(project).for_list()
    if with_history:
        queryset = queryset.with_history().with_restatements()
    return CommitmentFilter(data or None, queryset=queryset, project=project)


# The query parameters the filters read (the status page, charts, CSV export and API).
FILTER_PARAMETERS = tuple(CommitmentFilter.base_filters)
