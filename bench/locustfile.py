"""The people bench/load.py simulates, for locust: what a safeguarding service's day looks like.

Practitioners read their caseload and enquiry pages, search for people and record conversations
with an outcome through the real form (with its CSRF token); team managers read the team caseload,
its drift filter and the measures; performance officers read the measures and the statutory
return. An anonymous visitor asks for the health probe and the sign-in page: the framework's
ceiling in the same run. Everyone waits 0.5 to 1.5 seconds between pages, as people do.

Who signs in comes from the file named by MSP_LOAD_USERS (JSON written by bench/load.py): each
simulated person takes the next account of their kind, so their caseloads differ. Sign-in is
timed as the request named "sign in".
"""

import itertools
import json
import os
import random
import re
from datetime import date

from locust import HttpUser, between, task

PASSWORD = "safeguarding-demo"
ACCOUNTS = json.loads(open(os.environ["MSP_LOAD_USERS"]).read())  # noqa: SIM115
NEXT = {kind: itertools.cycle(names) for kind, names in ACCOUNTS["users"].items()}
SURNAMES = ACCOUNTS["surnames"]
YEAR = ACCOUNTS["year"]
ENQUIRY_LINK = re.compile(r'href="/enquiries/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    kind = ""

    def on_start(self):
        self.username = next(NEXT[self.kind])
        page = self.client.get("/accounts/sign-in/", name="sign-in page")
        with self.client.post(
            "/accounts/sign-in/",
            data={
                "csrfmiddlewaretoken": _csrf(page.text),
                "username": self.username,
                "password": PASSWORD,
            },
            headers={"Referer": self.host + "/accounts/sign-in/"},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code} for {self.username}")
        self.enquiries: list[str] = []


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Practitioner(SignedIn):
    weight = 6
    kind = "practitioner"

    @task(4)
    def caseload(self):
        response = self.client.get("/enquiries/", name="caseload")
        found = ENQUIRY_LINK.findall(response.text)
        if found:
            self.enquiries = found

    @task(4)
    def enquiry_page(self):
        if not self.enquiries:
            return self.caseload()
        self.client.get(f"/enquiries/{random.choice(self.enquiries)}/", name="enquiry page")

    @task(2)
    def person_search(self):
        self.client.get("/people/", params={"text": random.choice(SURNAMES)}, name="person search")

    @task(1)
    def record_conversation(self):
        if not self.enquiries:
            return self.caseload()
        url = f"/enquiries/{random.choice(self.enquiries)}/conversations/new/"
        form = self.client.get(url, name="conversation form")
        today = date.today()
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": _csrf(form.text),
                "stage": "during",
                "kind": "conversation",
                "participants": ["person"],
                "method": "phone",
                "held_on_0": today.day,
                "held_on_1": today.month,
                "held_on_2": today.year,
                "notes": "Talked through what has happened since we last spoke.",
                "outcome_0_words": "I want to feel safe when my nephew visits",
                "outcome_0_expressed_by": "person",
            },
            headers={"Referer": self.host + url},
            name="record conversation",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"the form answered {response.status_code}")


class Manager(SignedIn):
    weight = 2
    kind = "manager"

    @task(3)
    def team_caseload(self):
        self.client.get("/enquiries/", name="team caseload")

    @task(2)
    def drift(self):
        self.client.get("/enquiries/", params={"drift": "no_recent"}, name="team caseload, drift")

    @task(1)
    def measures(self):
        self.client.get("/reporting/measures/", name="measures")


class PerformanceOfficer(SignedIn):
    weight = 1
    kind = "performance"

    @task(2)
    def measures(self):
        self.client.get("/reporting/measures/", name="measures")

    @task(1)
    def statutory_return(self):
        self.client.get("/returns/", params={"year": YEAR}, name="statutory return")


class Visitor(HttpUser):
    """The framework's ceiling: a probe and a page that touch no case data."""

    weight = 1
    wait_time = between(0.5, 1.5)

    @task
    def trivial(self):
        self.client.get("/healthz", name="trivial: /healthz")
        self.client.get("/accounts/sign-in/", name="trivial: sign-in page")
