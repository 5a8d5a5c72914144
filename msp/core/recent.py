"""The records a user opened lately (people and enquiries), for the "Recent" page.

Kept in the session (ids only, never names), so it ends when they sign out. Read back through
the selectors that limit what the user may see, so a record they may no longer open drops out
and a restricted person they are not named on shows as "Restricted record"."""

from msp.accounts import policy

SESSION_KEY = "msp_recent"
KEPT = 15


def remember_opened(request, kind: str, pk: int) -> None:
    """Note that the user opened a person ("person") or an enquiry ("enquiry")."""
    entry = [kind, pk]
    before = request.session.get(SESSION_KEY, [])
    if before[:1] == [entry]:
        return  # already the newest: saving the session again would be a write for nothing
    recent = [item for item in before if item != entry]
    request.session[SESSION_KEY] = [entry, *recent][:KEPT]


def recently_opened(request) -> list[dict]:
    """The user's recent records, newest first, each with its label and address: two queries."""
    from msp.enquiries.selectors import enquiries_visible_to
    from msp.people.selectors import people_visible_to

    user = request.user
    recent = request.session.get(SESSION_KEY, [])
    wanted = {kind: [pk for k, pk in recent if k == kind] for kind in ("person", "enquiry")}
    people = {
        person.pk: person
        for person in policy.with_identity(
            people_visible_to(user).filter(pk__in=wanted["person"]), user
        )
    }
    enquiries = {
        enquiry.pk: enquiry
        for enquiry in policy.with_identity(
            enquiries_visible_to(user)
            .filter(pk__in=wanted["enquiry"])
            .select_related("person", "concern"),
            user,
            "person_id",
        )
    }
    rows = []
    for kind, pk in recent:
        if kind == "person" and pk in people:
            person = people[pk]
            name = "Restricted record" if person.identity_withheld else person.full_name
            rows.append({"kind": "Person", "label": name, "url": f"/people/{person.reference}/"})
        elif kind == "enquiry" and pk in enquiries:
            enquiry = enquiries[pk]
            name = "Restricted record" if enquiry.identity_withheld else enquiry.person.full_name
            rows.append(
                {
                    "kind": "Enquiry",
                    "label": f"{enquiry}: {name}",
                    "url": f"/enquiries/{enquiry.pk}/",
                }
            )
    return rows
