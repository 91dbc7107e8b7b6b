"""Who is a member at a date is decided once (kg.read.membership): the composition check, the
state of the network at a date and the explorer's committee page agree."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.analysis.temporal import committee_members as analysis_members
from kg.app import model
from kg.gaps import read_facts
from kg.read import membership
from kg.sources import Source
from kg.store import Store

ID = "https://w3id.org/ancrage/id/"
ANC = "https://w3id.org/ancrage/def#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
DATE = "http://www.w3.org/2001/XMLSchema#date"
COMMITTEE = ID + "committee/nord"
AT = dt.date(2020, 6, 1)


def _membership(key: str, member: str, start: str | None = None, end: str | None = None, status: str | None = None):
    m = f"<{ID}membership/{key}>"
    lines = [f"{m} <{TYPE}> <{ANC}Membership> .", f"{m} <{ORG}member> <{ID}actor/{member}> .",
             f"{m} <{ORG}organization> <{COMMITTEE}> ."]
    if start:
        lines.append(f'{m} <{SCHEMA}startDate> "{start}"^^<{DATE}> .')
    if end:
        lines.append(f'{m} <{SCHEMA}endDate> "{end}"^^<{DATE}> .')
    if status:
        lines.append(f"{m} <{ANC}statementStatus> <https://w3id.org/ancrage/concept/statement-status/{status}> .")
    return lines


@pytest.fixture()
def store():
    nt = [f"<{COMMITTEE}> <{TYPE}> <{ANC}LocalCommittee> .",
          f'<{COMMITTEE}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Comité du Nord"@fr .']
    for actor in ("current", "ended", "ends-that-day", "expected", "undated"):
        nt += [f"<{ID}actor/{actor}> <{TYPE}> <{ANC}Organisation> .",
               f'<{ID}actor/{actor}> <http://www.w3.org/2004/02/skos/core#prefLabel> "{actor}"@fr .']
    nt += _membership("m1", "current", start="2018-09-21")
    nt += _membership("m2", "ended", start="2018-09-21", end="2019-12-31")  # ended before AT
    nt += _membership("m3", "ends-that-day", start="2018-09-21", end=AT.isoformat())
    nt += _membership("m4", "expected", status="attendu")  # an expectation, not a fact
    nt += _membership("m5", "undated")
    return Store.in_memory([Source.from_ntriples("t", "t", nt)])


def _three_readers(store, at):
    check = {m.iri for m in read_facts(store, COMMITTEE, at=at).members}
    analysis = analysis_members(store, at).get(COMMITTEE, set())
    page = {m["iri"] for m in model.committee_members(store, COMMITTEE, at=at)}
    count = next(c.members for c in model.committees(store, at=at) if c.iri == COMMITTEE)
    return check, analysis, page, count


def test_the_check_the_analysis_and_the_committee_page_agree_on_an_ended_membership(store):
    check, analysis, page, count = _three_readers(store, AT)
    expected = {ID + "actor/current", ID + "actor/ends-that-day", ID + "actor/undated"}
    assert check == analysis == page == expected
    assert count == len(expected)
    assert read_facts(store, COMMITTEE, at=AT).former_members == [ID + "actor/ended"]


def test_the_rule_is_changed_in_one_place(store, monkeypatch):
    """Change what "holds at a date" means in kg.read.membership only: every reader follows."""
    monkeypatch.setattr(membership, "holds_at", lambda start, end, at: True)  # ended memberships count too
    check, analysis, page, count = _three_readers(store, AT)
    everyone = {ID + f"actor/{a}" for a in ("current", "ended", "ends-that-day", "undated")}
    assert check == analysis == page == everyone and count == 4


def test_relation_dates_are_one_rule(store):
    """The network at a date and the explorer read the same dates."""
    dates = membership.relation_dates(store)
    assert dates[ID + "membership/m2"] == membership.RelationDates("membership", dt.date(2018, 9, 21),
                                                                    dt.date(2019, 12, 31))
    assert model.relation_dates(store)[ID + "membership/m2"] == (dt.date(2018, 9, 21), dt.date(2019, 12, 31))
    assert ID + "membership/m5" not in model.relation_dates(store)  # undated: always holds
    assert not dates[ID + "membership/m2"].holds_at(AT) and dates[ID + "membership/m3"].holds_at(AT)
