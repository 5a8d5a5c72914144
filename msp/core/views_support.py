"""Small helpers the thin views share: turning a service's refusal into form errors, the one
way every page saves a form, and where a `next` address may send someone."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme

from msp.core.conflicts import EditConflict


def apply_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: field errors on their fields, the rest at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@dataclass
class Saved:
    done: bool
    result: object = None

    def __bool__(self) -> bool:
        return self.done


def save_form(form, write) -> Saved:
    """Check the form (every problem at once), refuse a save made over someone else's change,
    then call `write(cleaned_data)`, which calls one service. A refusal from the service lands on
    the form; a conflict found only by the service (a save in between) shows the same way."""
    valid = form.is_valid()
    if getattr(form, "watched", None) and form.find_conflicts():
        return Saved(False)
    if not valid:
        return Saved(False)
    try:
        return Saved(True, write(form.cleaned_data))
    except EditConflict as conflict:
        if not (getattr(form, "watched", None) and form.find_conflicts()):
            form.add_error(None, conflict.messages[0])
    except ValidationError as error:
        apply_service_errors(form, error)
    return Saved(False)


def on_this_site(request, target: str) -> bool:
    """Whether `target` is a path on this site: anything else (another site, a bare word) is
    never followed."""
    return target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request, fallback: str) -> str:
    """The `next` address sent with the request if it is on this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if on_this_site(request, target) else fallback
