"""Admin forms that carry the version they edit, and the change set a form post describes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError

from timeline.errors import ErrorCode
from timeline.services.changes import model_key, row_label
from timeline.services.values import to_json
from timeline.services.versioning import changes_since, is_versioned

VERSION_FIELD = "edited_version"
NOT_MODEL_FIELDS = {VERSION_FIELD, "id", "DELETE"}


class VersionedForm(forms.ModelForm):
    """Carries the version the curator opened, so a concurrent edit is refused, not lost.

    A post without it is refused too: without the version nobody can tell whether
    it would overwrite someone else's edit.
    """

    edited_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by the admin when the services layer refused the save: shown as form errors
    # on the re-rendered form, which keeps everything the curator typed.
    workflow_refusal: ValidationError | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(self.instance)
        if self.instance.pk and is_versioned(model):
            version = self.instance.version
            if hasattr(self.instance, "_history"):
                # Rebuilt from a history row (the "revert" form): its version is the old
                # one; the edit is made against the stored version.
                version = (
                    model._default_manager.filter(pk=self.instance.pk)
                    .values_list("version", flat=True)
                    .first()
                )
            self.fields[VERSION_FIELD].initial = version

    def clean(self):
        cleaned = super().clean()
        model = type(self.instance)
        if self.instance.pk and is_versioned(model):
            edited = cleaned.get(VERSION_FIELD)
            current = (
                model._default_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if edited is None:
                raise ValidationError(
                    "This form was sent without the version of the record it edits, so saving "
                    "it could overwrite someone else's changes. Nothing was saved: reload the "
                    "page and make your changes again.",
                    code=ErrorCode.VERSION_REQUIRED,
                )
            if current != edited:
                raise ValidationError(
                    f"Someone else saved this record while you were editing it (now version "
                    f"{current}, you opened version {edited}). Your changes were not saved: "
                    "reload the page to see theirs."
                    + changes_since(model, self.instance.pk, edited),
                    code=ErrorCode.CONFLICT,
                )
        if self.workflow_refusal is not None:
            self._add_refusal(self.workflow_refusal)
        return cleaned

    def _add_refusal(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


def _model_field(model, name):
    if name in NOT_MODEL_FIELDS:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def form_fields(form, names=None) -> dict:
    """The model field values a valid form holds, as JSON (see services.changes)."""
    model = form._meta.model
    out = {}
    for name in form.fields if names is None else names:
        field = _model_field(model, name)
        if field is None or name not in form.cleaned_data:
            continue
        out[name] = to_json(field, form.cleaned_data[name])
    return out


def formset_ops(formset) -> list[dict]:
    """The inline operations a valid inline formset describes."""
    model, fk = formset.model, formset.fk.name
    ops = []
    for form in formset.initial_forms:
        version = form.cleaned_data.get(VERSION_FIELD) if form.cleaned_data else None
        base = {"model": model_key(model), "fk": fk, "pk": form.instance.pk, "version": version}
        if formset.can_delete and formset._should_delete_form(form):
            ops.append({**base, "op": "delete", "label": row_label(form.instance)})
        elif form.has_changed():
            names = [n for n in form.changed_data if n != fk]
            fields = form_fields(form, names)
            if fields:
                label = row_label(form.instance)
                ops.append({**base, "op": "change", "fields": fields, "label": label})
    for form in formset.extra_forms:
        if not form.has_changed() or formset._should_delete_form(form):
            continue
        fields = form_fields(form)
        fields.pop(fk, None)
        ops.append({"model": model_key(model), "fk": fk, "op": "add", "fields": fields})
    return ops
