"""Render Django form fields with GOV.UK Design System markup.

One tag, `govuk_field`, covers the widgets the product uses so that every page gets the same
labels, hints, error messages and accessible structure without hand-written markup per form.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from msp.core.forms import DateInput

register = template.Library()

CHECKED = SafeString(" checked")
SELECTED = SafeString(" selected")


def _joined(parts):
    """Join fragments already built with format_html, without escaping them twice."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _errors(field):
    if not field.errors:
        return ""
    return format_html_join(
        "",
        '<p id="{}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>',
        ((field.auto_id, error) for error in field.errors),
    )


def _hint(field):
    if not field.help_text:
        return ""
    return format_html(
        '<div id="{}-hint" class="govuk-hint">{}</div>', field.auto_id, field.help_text
    )


def _describedby(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


def _group(field, inner):
    css = "govuk-form-group govuk-form-group--error" if field.errors else "govuk-form-group"
    return format_html('<div class="{}">{}</div>', css, inner)


def _value(field):
    value = field.value()
    return "" if value is None else value


def _legend(field, heading):
    if heading:
        return format_html(
            '<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">{}</h1></legend>',
            field.label,
        )
    return format_html(
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend>', field.label
    )


def _label(field, heading):
    if heading:
        return format_html(
            '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="{}">{}</label></h1>',
            field.auto_id,
            field.label,
        )
    return format_html(
        '<label class="govuk-label govuk-label--s" for="{}">{}</label>', field.auto_id, field.label
    )


def _date(field, heading):
    values = field.value() or [None, None, None]
    if not isinstance(values, list | tuple):
        values = field.field.widget.decompress(values)
    error = bool(field.errors)
    parts = []
    for index, (name, width) in enumerate((("Day", 2), ("Month", 2), ("Year", 4))):
        css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
        if error:
            css += " govuk-input--error"
        value = values[index] if index < len(values) and values[index] is not None else ""
        parts.append(
            format_html(
                '<div class="govuk-date-input__item"><div class="govuk-form-group">'
                '<label class="govuk-label govuk-date-input__label" for="{id}_{i}">{name}</label>'
                '<input class="{css}" id="{id}_{i}" name="{html}_{i}" type="text" inputmode="numeric" value="{value}">'
                "</div></div>",
                id=field.auto_id,
                i=index,
                name=name,
                css=css,
                html=field.html_name,
                value=value,
            )
        )
    describedby = _describedby(field)
    inner = format_html(
        '<fieldset class="govuk-fieldset" role="group"{}>{}{}{}<div class="govuk-date-input" id="{}">{}</div></fieldset>',
        format_html(' aria-describedby="{}"', describedby) if describedby else "",
        _legend(field, heading),
        _hint(field),
        _errors(field),
        field.auto_id,
        _joined(parts),
    )
    return _group(field, inner)


def _choices(field, kind, inline=False):
    """Radios or checkboxes, with the first input carrying the field id so error links land on it."""
    selected = field.value()
    if kind == "checkboxes":
        selected = {str(v) for v in (selected or [])}
    else:
        selected = {str(selected)} if selected not in (None, "") else set()
    items = []
    index = 0
    for value, label in field.field.choices:
        if value == "":
            continue
        input_id = field.auto_id if index == 0 else f"{field.auto_id}_{index}"
        index += 1
        input_type = "checkbox" if kind == "checkboxes" else "radio"
        items.append(
            format_html(
                '<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" id="{id}" name="{name}" type="{type}" value="{value}"{checked}>'
                '<label class="govuk-label govuk-{kind}__label" for="{id}">{label}</label></div>',
                kind=kind,
                id=input_id,
                name=field.html_name,
                type=input_type,
                value=value,
                checked=CHECKED if str(value) in selected else "",
                label=label,
            )
        )
    small = " govuk-radios--small" if kind == "radios" and len(items) > 6 else ""
    if inline:
        small += f" govuk-{kind}--inline"
    describedby = _describedby(field)
    inner = format_html(
        '<fieldset class="govuk-fieldset"{}>{}{}{}<div class="govuk-{}{}" data-module="govuk-{}">{}</div></fieldset>',
        format_html(' aria-describedby="{}"', describedby) if describedby else "",
        _legend(field, False),
        _hint(field),
        _errors(field),
        kind,
        small,
        kind,
        _joined(items),
    )
    return _group(field, inner)


def _single_checkbox(field):
    checked = CHECKED if field.value() else ""
    describedby = _describedby(field)
    inner = format_html(
        '{}{}<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">'
        '<input class="govuk-checkboxes__input" id="{}" name="{}" type="checkbox" value="on"{}{}>'
        '<label class="govuk-label govuk-checkboxes__label" for="{}">{}</label></div></div>',
        _hint(field),
        _errors(field),
        field.auto_id,
        field.html_name,
        checked,
        format_html(' aria-describedby="{}"', describedby) if describedby else "",
        field.auto_id,
        field.label,
    )
    return _group(field, inner)


@register.simple_tag
def govuk_field(field, heading=False, width="", inline=False):
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return format_html(
            '<input type="hidden" name="{}" value="{}">', field.html_name, _value(field)
        )
    if isinstance(widget, DateInput):
        return _date(field, heading)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return _choices(field, "checkboxes")
    if isinstance(widget, forms.RadioSelect):
        return _choices(field, "radios", inline)
    if isinstance(widget, forms.CheckboxInput):
        return _single_checkbox(field)
    describedby = _describedby(field)
    aria = format_html(' aria-describedby="{}"', describedby) if describedby else ""
    if isinstance(widget, forms.Select):
        selected = str(_value(field))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, SELECTED if str(value) == selected else "", label)
                for value, label in field.field.choices
            ),
        )
        control = format_html(
            '<select class="govuk-select{}" id="{}" name="{}"{}>{}</select>',
            " govuk-select--error" if field.errors else "",
            field.auto_id,
            field.html_name,
            aria,
            options,
        )
    elif isinstance(widget, forms.FileInput):
        control = format_html(
            '<input class="govuk-file-upload{}" id="{}" name="{}" type="file"{}>',
            " govuk-file-upload--error" if field.errors else "",
            field.auto_id,
            field.html_name,
            aria,
        )
    elif isinstance(widget, forms.Textarea):
        control = format_html(
            '<textarea class="govuk-textarea{}" id="{}" name="{}" rows="{}"{}>{}</textarea>',
            " govuk-textarea--error" if field.errors else "",
            field.auto_id,
            field.html_name,
            widget.attrs.get("rows", 5),
            aria,
            _value(field),
        )
    else:
        input_type = getattr(widget, "input_type", "text")
        width_class = f" govuk-input--width-{width}" if width else ""
        extra = ""
        if widget.attrs.get("autocomplete"):
            extra = format_html(' autocomplete="{}"', widget.attrs["autocomplete"])
        if widget.attrs.get("spellcheck") is not None:
            extra = format_html('{} spellcheck="{}"', extra, widget.attrs["spellcheck"])
        control = format_html(
            '<input class="govuk-input{}{}" id="{}" name="{}" type="{}" value="{}"{}{}>',
            width_class,
            " govuk-input--error" if field.errors else "",
            field.auto_id,
            field.html_name,
            "password"
            if input_type == "password"
            else ("email" if input_type == "email" else "text"),
            "" if input_type == "password" else _value(field),
            aria,
            extra,
        )
    return _group(
        field,
        format_html("{}{}{}{}", _label(field, heading), _hint(field), _errors(field), control),
    )


def _error_target(field):
    widget = field.field.widget
    if isinstance(widget, DateInput):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag
def govuk_error_summary(*forms_, problems=()):
    """The error summary at the top of the page, each message linking to its field. `problems`
    adds what a page found wrong outside a form (msp.core.params.ParameterProblem)."""
    items = [
        format_html('<li><a href="#{}">{}</a></li>', problem.field_id, problem.message)
        for problem in problems or ()
    ]
    for form in forms_:
        if form is None or not form.errors:
            continue
        anchors = getattr(form, "error_anchors", {})
        for error in form.non_field_errors():
            if error in anchors:
                items.append(format_html('<li><a href="{}">{}</a></li>', anchors[error], error))
            else:
                items.append(format_html("<li>{}</li>", error))
        for field in form:
            for error in field.errors:
                items.append(
                    format_html('<li><a href="#{}">{}</a></li>', _error_target(field), error)
                )
    if not items:
        return ""
    return format_html(
        '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">'
        '<h2 class="govuk-error-summary__title">There is a problem</h2>'
        '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">{}</ul></div>'
        "</div></div>",
        _joined(items),
    )


@register.filter
def label_for(code, choices):
    """The label of a code in a list of (code, label) pairs, or the code itself."""
    return dict(choices).get(code, code)
