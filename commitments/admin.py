from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.contrib.admin.widgets import AutocompleteSelect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.http import require_POST
from django.template.response import TemplateResponse
from django.urls import path, reverse

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt

from . import caching, importers, services, tasks
from .models import Commitment, Correction, EvidenceSuggestion, ImportJob, Project, Source, Speaker, StatusChange, Topic, Turn, source_text
from .reading.transcripts import MAX_SIZE, TranscriptError


class SourceListFilter(admin.RelatedFieldListFilter):
    """Filter by source, loading each source's title only, never its transcript."""

    def field_choices(self, field, request, model_admin):
        return list(Source.objects.order_by("-aired_on", "title").values_list("pk", "title"))


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ("changed_at", "from_status", "to_status", "happened", "changed_by", "note", "evidence_url", "evidence_turn")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Happened")
    def happened(self, change):
        return change.happened_display


class EvidenceSuggestionInline(admin.TabularInline):
    """What later sources say of the commitment, each with its kind, the matched words marked,
    the proposed happened date, and one-click accept and dismiss buttons. The buttons post the
    page's form (and its CSRF token) to the accept/dismiss views."""

    model = EvidenceSuggestion
    fk_name = "commitment"
    fields = ("said_in", "kind", "marked_sentence", "proposed_dates", "state", "decide")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Suggested by later sources"

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .select_related("commitment", "turn__source", "turn__speaker")
            .defer(*source_text("turn__source"))
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Said in")
    def said_in(self, suggestion):
        turn = suggestion.turn
        return format_html('<a href="{}">{}</a> ({})', turn.get_absolute_url(), turn.source.title, turn.speaker)

    @admin.display(description="Sentence (matched words marked)")
    def marked_sentence(self, suggestion):
        sentence = format_html_join(
            "", "{}", ((format_html("<mark>{}</mark>", text) if marked else text,) for text, marked in suggestion.marked_parts())
        )
        if not suggestion.matched_question:
            return sentence
        return format_html(
            "{}<br><small>matched through the question or the sentence before: {}</small>",
            sentence,
            format_html_join(
                "",
                "{}",
                (
                    (format_html("<mark>{}</mark>", text) if marked else text,)
                    for text, marked in suggestion.marked_parts(suggestion.matched_question)
                ),
            ),
        )

    @admin.display(description="Happened / new due")
    def proposed_dates(self, suggestion):
        return suggestion.proposed_dates_display

    def current_verdict(self, commitment):
        """The commitment's current verdict change, read once per page."""
        if getattr(self, "_current_for", None) != commitment.pk:
            self._current_for, self._current = commitment.pk, commitment.current_verdict_change()
        return self._current

    @admin.display(description="Decision")
    def decide(self, suggestion):
        if suggestion.state != EvidenceSuggestion.State.PROPOSED:
            return suggestion.get_state_display()
        current = self.current_verdict(suggestion.commitment)
        if suggestion.is_superseded(current):
            return format_html(
                'Superseded: the current verdict ({}) happened later, {}. '
                '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate>Dismiss</button>',
                current.get_to_status_display().lower(), current.happened_display,
                reverse("admin:commitments_evidencesuggestion_dismiss", args=[suggestion.pk]),
            )
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate>Accept: {}</button> '
            '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate>Dismiss</button>',
            reverse("admin:commitments_evidencesuggestion_accept", args=[suggestion.pk]),
            accept_label(suggestion),
            reverse("admin:commitments_evidencesuggestion_dismiss", args=[suggestion.pk]),
        )


def accept_label(suggestion) -> str:
    """What accepting a suggestion does, for its button: "mark delivered", "record the restatement"."""
    if suggestion.kind == EvidenceSuggestion.Kind.RESTATED:
        return "record the restatement"
    return "mark " + Commitment.Status(services.SUGGESTED_VERDICTS[suggestion.kind]).label.lower()


def accepted_label(suggestion) -> str:
    """What accepting did, for the message: "marked delivered", "restatement recorded"."""
    if suggestion.kind == EvidenceSuggestion.Kind.RESTATED:
        return "restatement recorded"
    return "marked " + Commitment.Status(services.SUGGESTED_VERDICTS[suggestion.kind]).label.lower()


class HappenedFields(forms.Form):
    """When a verdict happened in the world; today when left empty."""

    happened_on = forms.DateField(
        label="Happened on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When it happened in the world (a date inside the period below); empty means today.",
    )
    happened_precision = forms.ChoiceField(
        label="Known to the", choices=Commitment.HAPPENED_PRECISIONS, initial=Commitment.Precision.DAY, required=False
    )

    def clean_happened_on(self):
        happened_on = self.cleaned_data.get("happened_on")
        if happened_on and happened_on > timezone.localdate():
            raise forms.ValidationError("It cannot have happened after today.")
        return happened_on


class CommitmentAdminForm(forms.ModelForm):
    """The status field is edited here, but saved through services.change_status so the
    change is recorded in the history with the reason, evidence and happened date below.

    Two admins may have the same commitment open. Each field posts back the value it was
    opened with (show_hidden_initial), so `changed_data` names what this admin changed and
    CommitmentAdmin.save_model writes only that; `opened_status` carries the status the form
    was opened with, and clean() refuses the form, under the row's lock, when another admin
    has changed the status since."""

    opened_status = forms.CharField(widget=forms.HiddenInput, required=False)
    opened_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    status_note = forms.CharField(
        label="Reason for the verdict",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown publicly. Required for every verdict but “no news yet”.",
    )
    happened_on = HappenedFields.base_fields["happened_on"]
    happened_precision = HappenedFields.base_fields["happened_precision"]
    clean_happened_on = HappenedFields.clean_happened_on
    evidence_url = forms.URLField(label="Evidence URL", required=False, max_length=500, assume_scheme="https")
    evidence_turn = forms.ModelChoiceField(
        queryset=Turn.objects.select_related("source", "speaker").defer(*source_text("source")),
        required=False,
        widget=AutocompleteSelect(Commitment._meta.get_field("turn"), admin.site),
        help_text="Type words the speaker said, a speaker or a source title to find the turn that proves the change (optional).",
    )

    class Meta:
        model = Commitment
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_status"].initial = self.instance.status
            self.fields["opened_at"].initial = timezone.now()
        for field in (*Commitment._meta.fields, *Commitment._meta.many_to_many):
            if field.name in self.fields:
                self.fields[field.name].show_hidden_initial = True

    def clean(self):
        cleaned = super().clean()
        self.refuse_if_stale(cleaned.get("opened_status"), cleaned.get("opened_at"))
        status = cleaned.get("status")
        changes_status = status and (self.instance.pk is None or "status" in self.changed_data)
        if changes_status and status != Commitment.Status.NO_NEWS and not cleaned.get("status_note", "").strip():
            self.add_error("status_note", f"Say why it is {Commitment.Status(status).label.lower()}: the reason is shown publicly.")
        if changes_status and self.instance.pk:
            try:
                services.check_not_older(
                    self.instance, cleaned.get("happened_on"), cleaned.get("happened_precision") or Commitment.Precision.DAY
                )
            except services.StatusChangeError as error:
                self.add_error("happened_on", str(error))
        if self.instance.pk and cleaned.get("depends_on") is not None:
            try:
                services.check_dependencies(self.instance, cleaned["depends_on"])
            except services.DependencyError as error:
                self.add_error("depends_on", str(error))
        return cleaned

    # What a form opened before another admin's change must not overwrite, by the name its message uses.
    WATCHED_FIELDS = {
        "status": "status", "title": "title", "due_date": "due", "due_precision": "due", "due_text": "due",
        "condition": "condition", "depends_on": "dependencies",
    }

    def refuse_if_stale(self, opened_status: str | None, opened_at) -> None:
        """Refuse the form when another admin changed a watched field after it was opened: the
        values it was opened with (posted back beside each field) are compared with the row,
        locked here. The admin's change view runs in one transaction, so the row stays locked
        until the form is saved and no change can slip in between."""
        if not self.instance.pk:
            return
        caching.lock_data_version()
        current = Commitment.objects.select_for_update().get(pk=self.instance.pk)
        changed = []
        if opened_status and current.status != opened_status:
            changed.append(
                f"the status from “{Commitment.Status(opened_status).label}” to “{Commitment.Status(current.status).label}”"
            )
        if self.add_initial_prefix("title") in self.data:  # the form carries the values it was opened with
            values = {
                "depends_on": list(current.depends_on.all()),
                **{name: getattr(current, name) for name in self.WATCHED_FIELDS if name != "depends_on"},
            }
            for name, label in self.WATCHED_FIELDS.items():
                field = self.fields.get(name)
                if name == "status" or field is None or f"the {label}" in changed:
                    continue
                opened = field.hidden_widget().value_from_datadict(self.data, self.files, self.add_initial_prefix(name))
                if field.has_changed(values[name], opened):
                    changed.append(f"the {label}")
        if changed:
            raise forms.ValidationError(
                "While this form was open, another admin changed %(fields)s (%(who)s). Nothing was saved: reload "
                "the page to see their change, then make yours.",
                code="stale",
                params={"fields": " and ".join([", ".join(changed[:-1]), changed[-1]] if len(changed) > 1 else changed), "who": self.last_change_since(opened_at)},
            )

    def last_change_since(self, opened_at) -> str:
        """Who made the latest change to this commitment after `opened_at`, and when: from the
        admin's change log and the status history."""
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Commitment), object_id=str(self.instance.pk), action_flag=CHANGE
        ).select_related("user")
        changes = StatusChange.objects.filter(commitment=self.instance.pk).select_related("changed_by")
        if opened_at:
            entries, changes = entries.filter(action_time__gt=opened_at), changes.filter(changed_at__gt=opened_at)
        candidates = [
            (entry.action_time, entry.user) for entry in entries.order_by("-action_time")[:1]
        ] + [(change.changed_at, change.changed_by) for change in changes.order_by("-changed_at")[:1]]
        if not candidates:
            return "the time of the change is not recorded"
        when, who = max(candidates, key=lambda candidate: candidate[0])
        return f"{who.get_username() if who else 'an import or a command'}, {timezone.localtime(when):%b %-d, %Y %H:%M %Z}"


class StatusReasonForm(HappenedFields):
    note = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 3}), help_text="Shown publicly on each commitment's page."
    )
    evidence_url = forms.URLField(label="Evidence URL", required=False, max_length=500, assume_scheme="https")


def status_action(status: str):
    """An admin action "mark_<status>" that moves each selected commitment through
    services.change_status, so every change is in the history with the acting user. A verdict
    other than "no news yet" first asks for its reason and happened date."""

    def action(modeladmin, request, queryset):
        if status == Commitment.Status.NO_NEWS:
            return _bulk_status(modeladmin, request, queryset, status, {})
        form = StatusReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            return _bulk_status(modeladmin, request, queryset, status, form.cleaned_data)
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": f"Mark {queryset.count()} commitment(s) {Commitment.Status(status).label.lower()}",
            "form": form,
            "commitments": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        }
        return TemplateResponse(request, "admin/commitments/commitment/status_reason.html", context)

    action.__name__ = f"mark_{status}"
    return admin.action(
        description=f"Mark selected commitments {Commitment.Status(status).label.lower()}", permissions=["change"]
    )(action)


STATUS_ACTIONS = [status_action(status) for status in Commitment.Status.values]


def _bulk_status(modeladmin, request, queryset, to, reason: dict):
    changed, refused = 0, []
    for commitment in queryset:
        try:
            change = services.change_status(
                commitment,
                to,
                by=request.user,
                note=reason.get("note", ""),
                evidence_url=reason.get("evidence_url", ""),
                happened_on=reason.get("happened_on"),
                happened_precision=reason.get("happened_precision") or Commitment.Precision.DAY,
            )
        except services.StatusChangeError as error:
            refused.append(f"“{commitment.title}”: {error}")
            continue
        changed += change is not None
    label = Commitment.Status(to).label.lower()
    unchanged = queryset.count() - changed - len(refused)
    modeladmin.message_user(request, f"Marked {changed} commitment(s) {label}; {unchanged} already were.", messages.SUCCESS)
    for message in refused:
        modeladmin.message_user(request, f"Not changed: {message}", messages.ERROR)


@admin.action(description="Mark selected commitments reviewed, no change", permissions=["change"])
def mark_reviewed(modeladmin, request, queryset):
    for commitment in queryset:
        services.mark_reviewed(commitment)
    modeladmin.message_user(request, f"Marked {queryset.count()} commitment(s) reviewed; their verdicts stand.", messages.SUCCESS)


@admin.action(description="Accept selected proposals (publish them)", permissions=["change"])
def accept(modeladmin, request, queryset):
    count = services.set_review(queryset, Commitment.Review.ACCEPTED)
    modeladmin.message_user(request, f"Accepted {count} commitment(s); they are now public.", messages.SUCCESS)


@admin.action(description="Reject selected proposals", permissions=["change"])
def reject(modeladmin, request, queryset):
    count = services.set_review(queryset, Commitment.Review.REJECTED)
    modeladmin.message_user(request, f"Rejected {count} commitment(s).", messages.SUCCESS)


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    form = CommitmentAdminForm
    change_list_template = "admin/commitments/commitment/change_list.html"
    list_display = ("title", "quote_said", "status", "review", "strength", "topic", "speaker", "source", "due_date", "due_precision")
    list_filter = ("review", "status", "strength", "topic", "speaker", ("source", SourceListFilter))
    list_select_related = ("topic", "speaker", "source")
    search_fields = ("title", "quote", "slug", "due_text", "condition")
    autocomplete_fields = ("speaker", "source", "topic", "depends_on", "turn")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = (
        "review_decision", "delivered_on", "delivered_precision", "reviewed_at", "first_due_date", "restated_count", "restatements", "created_at", "updated_at",
    )
    change_form_template = "admin/commitments/commitment/change_form.html"
    # The review queue (?review__exact=proposed): what a reviewer needs to decide, on the row.
    queue_display = ("review_buttons", "short_title", "quote_excerpt", "speaker", "due", "topic")
    date_hierarchy = "due_date"
    inlines = [EvidenceSuggestionInline, StatusChangeInline]
    actions = [accept, reject, *STATUS_ACTIONS, mark_reviewed]
    fieldsets = (
        (None, {"fields": ("review_decision", "title", "slug", "quote", "speaker", "source", "topic", "turn", "line")}),
        (
            "Status",
            {
                "fields": (
                    "review", "status", "opened_status", "opened_at", "status_note", "happened_on", "happened_precision", "evidence_url", "evidence_turn",
                    "delivered_on", "delivered_precision", "reviewed_at",
                )
            },
        ),
        (
            "Due",
            {
                "fields": (
                    "due_date", "due_precision", "due_text", "condition", "first_due_date", "restated_count", "restatements",
                    "strength", "depends_on",
                )
            },
        ),
        ("Record", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    @admin.display(description="Said (the quote)")
    def quote_said(self, obj):
        """The review queue shows the short title beside the full sentence it was made from."""
        return obj.quote

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*source_text("source"))

    def in_queue(self, request) -> bool:
        return request.GET.get("review__exact") == Commitment.Review.PROPOSED

    def get_list_display(self, request):
        return self.queue_display if self.in_queue(request) else super().get_list_display(request)

    def get_list_display_links(self, request, list_display):
        return ("short_title",) if self.in_queue(request) else super().get_list_display_links(request, list_display)

    @admin.display(description="Proposal", ordering="title")
    def short_title(self, obj):
        return Truncator(obj.title).chars(80)

    @admin.display(description="Quote")
    def quote_excerpt(self, obj):
        return Truncator(obj.quote).chars(220)

    @admin.display(description="Due", ordering="due_date")
    def due(self, obj):
        return obj.due_display or (f"when: {obj.condition}" if obj.condition else "—")

    def review_buttons_html(self, obj, from_queue: bool):
        """Accept / Reject buttons that post the page's form (and its CSRF token) to the review
        view; from the queue they return to it, from a proposal's page they go to the next one."""
        if obj.review != Commitment.Review.PROPOSED:
            return obj.get_review_display()
        query = "?back=queue" if from_queue else ""
        if not from_queue:
            # On the proposal's page, Accept submits the form: the edits are saved with the decision.
            # The hidden first button keeps Enter in a field a plain "save and continue".
            return format_html(
                '<span class="review-buttons"><button type="submit" name="_continue" hidden></button>'
                '<button type="submit" class="button default" name="_accept" value="1">Accept</button> '
                '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate>Reject</button></span>',
                reverse("admin:commitments_commitment_reject", args=[obj.pk]),
            )
        return format_html(
            '<span class="review-buttons"><button type="submit" class="button default" formaction="{}{}" formmethod="post" formnovalidate>Accept</button> '
            '<button type="submit" class="button" formaction="{}{}" formmethod="post" formnovalidate>Reject</button></span>',
            reverse("admin:commitments_commitment_accept", args=[obj.pk]), query,
            reverse("admin:commitments_commitment_reject", args=[obj.pk]), query,
        )

    @admin.display(description="Decision")
    def review_buttons(self, obj):
        return self.review_buttons_html(obj, from_queue=True)

    @admin.display(description="Review")
    def review_decision(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return self.review_buttons_html(obj, from_queue=False)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/accept/", view(require_POST(self.accept_view)), name="commitments_commitment_accept"),
            path("<int:pk>/reject/", view(require_POST(self.reject_view)), name="commitments_commitment_reject"),
            *super().get_urls(),
        ]

    def accept_view(self, request, pk):
        return self.review_view(request, pk, "accept")

    def reject_view(self, request, pk):
        return self.review_view(request, pk, "reject")

    def review_view(self, request, pk, decision):
        """Accept or reject one proposal from its row or its page; back to the queue."""
        commitment = get_object_or_404(Commitment, pk=pk)
        if not self.has_change_permission(request, commitment):
            raise PermissionDenied
        states = {"accept": Commitment.Review.ACCEPTED, "reject": Commitment.Review.REJECTED}
        if decision not in states:
            raise PermissionDenied
        if commitment.review == Commitment.Review.PROPOSED:
            services.set_review(Commitment.objects.filter(pk=pk), states[decision])
            done = "accepted: it is now public" if decision == "accept" else "rejected"
            self.message_user(request, f"“{commitment.title}” {done}.", messages.SUCCESS)
        else:
            self.message_user(request, f"“{commitment.title}” was already {commitment.get_review_display().lower()}.", messages.WARNING)
        back = request.META.get("HTTP_REFERER", "")
        if request.GET.get("back") == "queue" and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        queue = reverse("admin:commitments_commitment_changelist") + f"?review__exact={Commitment.Review.PROPOSED}"
        following = Commitment.objects.proposed().filter(source=commitment.source_id).order_by("line", "pk").first()
        if following:
            return redirect(reverse("admin:commitments_commitment_change", args=[following.pk]))
        return redirect(queue + f"&source__id__exact={commitment.source_id}")

    @admin.display(description="Later statements")
    def restatements(self, obj):
        """Written by services.add_restatement (accepting a "restated" suggestion), so read-only."""
        rows = obj.restatements.select_related("source").defer(*source_text("source")) if obj.pk else []
        return format_html_join(
            "", "<p>{}{}: “{}”{}</p>",
            (
                (
                    "Also said in " if r.also_said else "",
                    r.source.title,
                    r.quote,
                    f" (due {r.due_display or r.due_text})" if (r.due_date or r.due_text) else (f" ({r.condition})" if r.condition else ""),
                )
                for r in rows
            ),
        ) or "—"

    def save_model(self, request, obj, form, change):
        """Writes only the fields this admin changed; the status goes through the service."""
        new_status = obj.status
        if change:
            columns = {field.name for field in Commitment._meta.concrete_fields} - {"status", "delivered_on", "delivered_precision"}
            changed = [name for name in form.changed_data if name in columns]
            if changed:
                obj.save(update_fields=[*changed, "updated_at"])
            obj.status = Commitment.objects.values_list("status", flat=True).get(pk=obj.pk)
        else:
            obj.status = Commitment.Status.NO_NEWS
            super().save_model(request, obj, form, change)
        if new_status != obj.status:
            services.change_status(
                obj,
                new_status,
                by=request.user,
                note=form.cleaned_data.get("status_note", ""),
                evidence_url=form.cleaned_data.get("evidence_url", ""),
                evidence_turn=form.cleaned_data.get("evidence_turn"),
                happened_on=form.cleaned_data.get("happened_on"),
                happened_precision=form.cleaned_data.get("happened_precision") or Commitment.Precision.DAY,
            )
        if change and "_accept" in request.POST and obj.review == Commitment.Review.PROPOSED:
            # Accepted from its page: in the same transaction as the edits saved above.
            services.set_review([obj], Commitment.Review.ACCEPTED)
            obj.review = Commitment.Review.ACCEPTED

    def response_change(self, request, obj):
        if "_accept" in request.POST:
            self.message_user(request, f"“{obj.title}” accepted with your edits: it is now public.", messages.SUCCESS)
            following = Commitment.objects.proposed().filter(source=obj.source_id).order_by("line", "pk").first()
            if following:
                return redirect(reverse("admin:commitments_commitment_change", args=[following.pk]))
            return redirect(
                reverse("admin:commitments_commitment_changelist")
                + f"?review__exact={Commitment.Review.PROPOSED}&source__id__exact={obj.source_id}"
            )
        return super().response_change(request, obj)

    def save_related(self, request, form, formsets, change):
        # The dependencies are saved through the service (which refuses a cycle), not by the form,
        # and only when this admin changed them (a form opened earlier must not empty them).
        depends_on = form.cleaned_data.pop("depends_on", None)
        super().save_related(request, form, formsets, change)
        if depends_on is not None and (not change or "depends_on" in form.changed_data):
            services.set_dependencies(form.instance, depends_on)


def import_links(source, proposed: int, suggested: int):
    """Links to what an import left for review: its source's queue and the suggestions."""
    queue = reverse("admin:commitments_commitment_changelist") + (
        f"?review__exact={Commitment.Review.PROPOSED}&source__id__exact={source.pk}"
    )
    suggestions = reverse("admin:commitments_evidencesuggestion_changelist") + (
        f"?state__exact={EvidenceSuggestion.State.PROPOSED}&turn__source__id__exact={source.pk}"
    )
    return format_html(
        'Review “{}”: <a href="{}">{} proposal(s) in the queue</a> · <a href="{}">{} suggestion(s) from later AMAs</a> (deliveries, progress, restatements, postponements)',
        source.title, queue, proposed, suggestions, suggested,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes one or more files and cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".md,.markdown,.txt,.vtt,.srt,text/markdown,text/plain,text/vtt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class TranscriptUploadForm(forms.Form):
    file = MultipleFileField(
        label="Transcript files",
        help_text="Markdown (with or without YAML front matter), plain text with speaker lines, or WebVTT (.vtt) and "
        f"SubRip (.srt) captions, up to {MAX_SIZE} each. Choose several to import them together; "
        "each is imported on its own, so a bad file does not stop the others.",
    )
    aired_on = forms.DateField(
        label="Air date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Only needed when a file names no date (in its front matter, header lines or file name).",
    )
    replace = forms.ModelChoiceField(
        label="Replace source",
        queryset=Source.objects.only("slug", "title", "aired_on"),
        to_field_name="slug",
        required=False,
        help_text="Only for a new version of an imported transcript (one file): it updates this source, keeping "
        "the decisions made on it. Otherwise a file is a new source, even if its name is like another's.",
    )
    project = forms.ModelChoiceField(
        queryset=Project.objects.only("slug", "name"),
        to_field_name="slug",
        required=False,
        help_text="The project the files are filed under. Left empty: the front matter's `project:` when it "
        "names one, else the first project.",
    )
    dry_run = forms.BooleanField(label="Dry run: report what would be imported, write nothing", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("replace") and len(cleaned.get("file") or []) > 1:
            self.add_error("replace", "A source is replaced by one file: choose one file, or no source to replace.")
        return cleaned


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "tickers")
    search_fields = ("name", "other_names", "tickers")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "other_names", "tickers")}),
        ("Methodology", {"fields": ("curators", "contact", "review_frequency")}),
    )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    change_list_template = "admin/commitments/source/change_list.html"
    list_display = ("title", "project", "aired_on", "author", "file_name", "commitment_count")
    list_filter = ("project",)
    search_fields = ("title", "description", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("checksum", "created_at", "updated_at")
    date_hierarchy = "aired_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # "example.org" means https

    def get_queryset(self, request):
        # A subquery, not a join and GROUP BY over every column (transcripts included); the
        # list shows no transcript, and the change form loads it when it shows it.
        counts = (
            Commitment.objects.filter(source=OuterRef("pk")).order_by().values("source").annotate(n=Count("pk")).values("n")
        )
        return (
            super().get_queryset(request)
            .annotate(commitment_count=Coalesce(Subquery(counts), 0))
            .defer("transcript", "metadata")
        )

    @admin.display(ordering="commitment_count", description="Commitments")
    def commitment_count(self, obj):
        return obj.commitment_count

    def get_urls(self):
        upload = path(
            "import/", self.admin_site.admin_view(self.import_view), name="commitments_source_import"
        )
        return [upload, *super().get_urls()]

    def import_view(self, request):
        """Upload transcripts: they are imported in the background (an ImportJob, whose page
        shows its progress); a dry run is read at once and reported here."""
        if not can_import(request):
            raise PermissionDenied
        form = TranscriptUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid() and not form.cleaned_data["dry_run"]:
            try:
                job = importers.queue_import(
                    form.cleaned_data["file"],
                    by=request.user,
                    aired_on=form.cleaned_data["aired_on"],
                    replace=form.cleaned_data["replace"].slug if form.cleaned_data["replace"] else "",
                    project=form.cleaned_data["project"].slug if form.cleaned_data["project"] else "",
                )
            except TranscriptError as error:
                form.add_error("file", str(error))
            else:
                tasks.import_upload.enqueue(job.pk)
                return redirect(reverse("admin:commitments_importjob_change", args=[job.pk]))
        if request.method == "POST" and form.is_valid():
            dry_run = form.cleaned_data["dry_run"]
            outcomes = list(
                importers.import_files(
                    form.cleaned_data["file"],
                    aired_on=form.cleaned_data["aired_on"],
                    dry_run=dry_run,
                    replace=form.cleaned_data["replace"].slug if form.cleaned_data["replace"] else "",
                    project=form.cleaned_data["project"].slug if form.cleaned_data["project"] else "",
                )
            )
            imported = [outcome.result for outcome in outcomes if not outcome.error]
            failures = [outcome.error for outcome in outcomes if outcome.error]
            for result in imported:
                # "File" first: the admin capitalises a message's first letter, never a file name's.
                line = "File " + importers.describe_import(result, dry_run=dry_run)
                level = messages.WARNING if result.team_silent else messages.SUCCESS
                self.message_user(request, ("Dry run, nothing written. " if dry_run else "") + line, level)
                if not dry_run and result.source is not None:
                    self.message_user(request, import_links(result.source, result.proposed, result.suggested), messages.INFO)
            if not imported:
                for failure in failures:
                    form.add_error("file", failure)
            else:
                for failure in failures:
                    self.message_user(request, f"Not imported: file {failure}", messages.ERROR)
                if dry_run:
                    return redirect(reverse("admin:commitments_source_import"))
                queue = reverse("admin:commitments_commitment_changelist") + "?review__exact=proposed"
                if len(imported) == 1:
                    queue += f"&source__id__exact={imported[0].source.pk}"
                return redirect(queue)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a transcript",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/commitments/source/import.html", context)


def can_import(request) -> bool:
    """Importing adds sources and proposes commitments: it takes both permissions."""
    return request.user.has_perm("commitments.add_source") and request.user.has_perm("commitments.add_commitment")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Uploads imported in the background: progress while they run, then what each file did."""

    change_form_template = "admin/commitments/importjob/change_form.html"
    list_display = ("created_at", "status", "progress", "files", "created_by", "finished_at")
    list_filter = ("status",)
    fields = ("status", "progress", "files", "created_by", "created_at", "finished_at", "outcome", "errors", "next_steps")
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return can_import(request)

    def has_module_permission(self, request):
        return can_import(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Progress")
    def progress(self, job):
        return f"{job.files_done} of {job.files_total} file(s) done, {job.turns_read:,} turn(s) read"

    @admin.display(description="Files")
    def files(self, job):
        return ", ".join(job.file_names)

    @admin.display(description="Result")
    def outcome(self, job):
        return format_html_join("", "<p>{}</p>", ((line,) for line in job.result.splitlines())) or "—"

    @admin.display(description="Errors")
    def errors(self, job):
        return format_html_join("", "<p>{}</p>", ((line,) for line in job.error.splitlines())) or "—"

    @admin.display(description="Review")
    def next_steps(self, job):
        if not job.finished:
            return "This page reloads every few seconds until the import is over."
        titles = dict(Source.objects.filter(pk__in=[row["source"] for row in job.sources]).values_list("pk", "title"))
        links = [
            import_links(Source(pk=row["source"], title=titles[row["source"]]), row["proposed"], row["suggested"])
            for row in job.sources
            if row["source"] in titles
        ]
        return format_html_join("", "<p>{}</p>", ((link,) for link in links)) or "Nothing to review."


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    """The team roster, one per project: who speaks for the team, under which names. Imports only propose."""

    list_display = ("name", "full_name", "project", "role", "is_team", "team_confirmed", "team_proposed")
    list_filter = ("project", "is_team", "team_confirmed", "team_proposed")
    list_select_related = ("project",)
    search_fields = ("name", "full_name", "role", "aliases")
    actions = ["confirm_team", "confirm_not_team"]

    @admin.action(description="Confirm: speaks for the team", permissions=["change"])
    def confirm_team(self, request, queryset):
        count = queryset.update(is_team=True, team_confirmed=True, team_proposed=False)
        self.message_user(request, f"{count} speaker(s) confirmed as team; import their files again to read them.")

    @admin.action(description="Confirm: does not speak for the team (guest, host, audience)", permissions=["change"])
    def confirm_not_team(self, request, queryset):
        count = queryset.update(is_team=False, team_confirmed=True, team_proposed=False)
        self.message_user(request, f"{count} speaker(s) confirmed as not team.")

    def save_model(self, request, obj, form, change):
        # Saving the team box is an admin's decision.
        if "is_team" in form.changed_data:
            obj.team_confirmed, obj.team_proposed = True, False
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Turn)
class TurnAdmin(admin.ModelAdmin):
    list_display = ("__str__", "section", "line_start")
    list_select_related = ("source", "speaker")
    list_filter = (("source", SourceListFilter),)
    search_fields = ("text", "speaker__name", "speaker__full_name", "source__title")
    readonly_fields = ("source", "position", "speaker", "section", "text", "line_start", "line_end", "spoken_at")

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*source_text("source"))

    def has_add_permission(self, request):
        return False


@admin.action(description="Accept selected suggestions (each by its kind: verdict or restatement)", permissions=["decide"])
def accept_suggestions(modeladmin, request, queryset):
    accepted = _decide_each(queryset.select_related("commitment", "turn__source"), services.accept_suggestion, request)
    modeladmin.message_user(request, f"Accepted {accepted} suggestion(s).", messages.SUCCESS)


@admin.action(description="Dismiss selected suggestions", permissions=["decide"])
def dismiss_suggestions(modeladmin, request, queryset):
    dismissed = _decide_each(queryset, services.dismiss_suggestion, request)
    modeladmin.message_user(request, f"Dismissed {dismissed} suggestion(s).", messages.SUCCESS)


def _decide_each(queryset, decision, request) -> int:
    """Apply `decision` to each proposed suggestion; one decided meanwhile is skipped."""
    decided = 0
    for suggestion in queryset.filter(state=EvidenceSuggestion.State.PROPOSED):
        try:
            decision(suggestion, by=request.user)
        except services.SuggestionError:
            continue
        decided += 1
    return decided


@admin.register(EvidenceSuggestion)
class EvidenceSuggestionAdmin(admin.ModelAdmin):
    list_display = ("commitment", "kind", "sentence", "turn", "score", "state")
    list_filter = ("state", "kind", ("turn__source", SourceListFilter))
    list_select_related = ("commitment", "turn__source", "turn__speaker")
    search_fields = ("sentence", "commitment__title")
    readonly_fields = (
        "commitment", "turn", "kind", "sentence", "happened_on", "happened_precision", "new_due_date",
        "new_due_precision", "new_due_text", "new_condition", "score", "state", "created_at", "decided_by", "decided_at",
    )
    actions = [accept_suggestions, dismiss_suggestions]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*source_text("turn__source"))

    def has_add_permission(self, request):
        return False

    def has_decide_permission(self, request):
        """Accepting a suggestion changes the commitment's status: it takes both permissions."""
        return self.has_change_permission(request) and request.user.has_perm("commitments.change_commitment")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/accept/", view(require_POST(self.accept_view)), name="commitments_evidencesuggestion_accept"),
            path("<int:pk>/dismiss/", view(require_POST(self.dismiss_view)), name="commitments_evidencesuggestion_dismiss"),
            *super().get_urls(),
        ]

    def decide(self, request, pk, decision, done):
        if not self.has_decide_permission(request):
            raise PermissionDenied
        suggestion = get_object_or_404(EvidenceSuggestion.objects.select_related("commitment", "turn__source"), pk=pk)
        try:
            decision(suggestion, by=request.user)
        except services.SuggestionError as error:
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.message_user(request, f"“{suggestion.commitment}” {done}.", messages.SUCCESS)
        return redirect(reverse("admin:commitments_commitment_change", args=[suggestion.commitment_id]))

    def accept_view(self, request, pk):
        suggestion = get_object_or_404(EvidenceSuggestion, pk=pk)
        return self.decide(request, pk, services.accept_suggestion, f"{accepted_label(suggestion)}, with the transcript as evidence")

    def dismiss_view(self, request, pk):
        return self.decide(request, pk, services.dismiss_suggestion, "keeps its status: suggestion dismissed")


@admin.action(description="Accept selected corrections (show them on the timeline)", permissions=["change"])
def accept_corrections(modeladmin, request, queryset):
    count = sum(c.decide(Correction.State.ACCEPTED, by=request.user) for c in queryset.awaiting())
    modeladmin.message_user(request, f"Accepted {count} correction(s).", messages.SUCCESS)


@admin.action(description="Dismiss selected corrections", permissions=["change"])
def dismiss_corrections(modeladmin, request, queryset):
    count = sum(c.decide(Correction.State.DISMISSED, by=request.user) for c in queryset.awaiting())
    modeladmin.message_user(request, f"Dismissed {count} correction(s).", messages.SUCCESS)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Readers' corrections: accept (it then shows on the commitment's timeline and the public
    corrections page, with the note written here) or dismiss."""

    list_display = ("what_is_wrong", "commitment", "source_link", "sent_at", "state", "decision")
    list_filter = ("state",)
    list_select_related = ("commitment",)
    search_fields = ("what_is_wrong", "commitment__title", "email")
    readonly_fields = ("commitment_link", "what_is_wrong", "source_link", "email", "sent_at", "state", "decided_by", "decided_at", "decision")
    fields = ("decision", "commitment_link", "what_is_wrong", "source_link", "email", "public_note", "sent_at", "state", "decided_by", "decided_at")
    actions = [accept_corrections, dismiss_corrections]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Commitment")
    def commitment_link(self, obj):
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">public page</a>)',
            reverse("admin:commitments_commitment_change", args=[obj.commitment_id]), obj.commitment, obj.commitment.get_absolute_url(),
        )

    @admin.display(description="Source link")
    def source_link(self, obj):
        return format_html('<a href="{}" rel="nofollow noopener">{}</a>', obj.source_url, obj.source_url) if obj.source_url else "—"

    @admin.display(description="Decision")
    def decision(self, obj):
        if obj.state != Correction.State.NEW:
            return obj.get_state_display()
        return format_html(
            '<button type="submit" class="button default" formaction="{}" formmethod="post" formnovalidate>Accept</button> '
            '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate>Dismiss</button>',
            reverse("admin:commitments_correction_accept", args=[obj.pk]),
            reverse("admin:commitments_correction_dismiss", args=[obj.pk]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/accept/", view(require_POST(self.accept_view)), name="commitments_correction_accept"),
            path("<int:pk>/dismiss/", view(require_POST(self.dismiss_view)), name="commitments_correction_dismiss"),
            *super().get_urls(),
        ]

    def accept_view(self, request, pk):
        return self.decide_view(request, pk, "accept")

    def dismiss_view(self, request, pk):
        return self.decide_view(request, pk, "dismiss")

    def decide_view(self, request, pk, decision):
        correction = get_object_or_404(Correction.objects.select_related("commitment"), pk=pk)
        if not self.has_change_permission(request, correction) or decision not in ("accept", "dismiss"):
            raise PermissionDenied
        state = Correction.State.ACCEPTED if decision == "accept" else Correction.State.DISMISSED
        note = request.POST.get("public_note", "").strip()[:2000]
        if correction.decide(state, by=request.user, note=note):
            self.message_user(request, f"Correction to “{correction.commitment}” {correction.get_state_display().lower()}.", messages.SUCCESS)
        else:
            self.message_user(request, "That correction was already decided.", messages.WARNING)
        return redirect(reverse("admin:commitments_correction_changelist") + f"?state__exact={Correction.State.NEW}")


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)

    @admin.register(AccessAttempt)
    class GuardedAccessAttemptAdmin(AccessAttemptAdmin):
        """django-axes' admin, with its clean-up action limited to those who may delete attempts."""

        @admin.action(description="Clean up expired attempts", permissions=["delete"])
        def cleanup_expired_attempts(self, request, queryset):
            return super().cleanup_expired_attempts(request, queryset)
