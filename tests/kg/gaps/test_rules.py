"""Each rule R1–R10 on a graph that passes it and one that fails it, with the evidence asserted."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.kg.gaps.builder import Builder, full_committee
from kg.gaps import check
from kg.gaps.rules import MIN_KNOWN
from kg.namespaces import ANC, entity


@pytest.fixture(scope="module")
def world():
    """One graph: the full committee of the Nord (passes everything) and a committee per failing case."""
    b = Builder()
    t = b.france()
    full, a = full_committee(b, t)

    def committee(key, members, territory=None, role="membre"):
        c = b.committee(key, f"Comité {key}", territory or t["nord"])
        for m in members:
            b.member(m, c, role=role)
        return c

    # R1: no person receiving support among 4 members; R1 warning: only in a resource group
    committee("r1-fail", [a["cd59"], a["ts-terrain"], a["cadres"], a["irts"]])
    c = committee("r1-associated", [a["cd59"], a["ts-terrain"], a["cadres"]])
    b.member(a["people"], c, role="groupe-ressource")
    # R2: no front-line worker; managers over-represented
    committee("r2-fail", [a["cd59"], a["people"], a["cadres"], a["irts"]])
    extra_managers = [b.actor(f"cadres-{i}", f"Cadres de direction {i}", ["encadrement-employeurs"], t["nord"],
                              cls=ANC.Group) for i in range(2)]
    committee("r2-over", [a["ts-terrain"], a["cadres"], *extra_managers, a["people"]])
    # R3: one actor recorded both as people and as their representatives; representatives only
    both = b.actor("collectif-mixte", "Collectif des usagers et de leurs représentants",
                   ["personnes-accompagnees", "representants-personnes-accompagnees"], t["nord"], cls=ANC.Group)
    committee("r3-fail", [a["cd59"], a["ts-terrain"], both])
    committee("r3-reps-only", [a["cd59"], a["ts-terrain"], a["crpa"], a["cadres"]])
    # R4 and R10: four members, one expected partner only
    committee("r4-fail", [a["cd59"], a["ts-terrain"], a["people"], a["cadres"]])
    # R5: all members of one category
    ts = [b.actor(f"ts-{i}", f"Éducateurs spécialisés, équipe {i}", ["travailleurs-sociaux"], t["lille"],
                  cls=ANC.Group, worlds=["social"], levels=[3]) for i in range(4)]
    committee("r5-fail", ts)
    # R6: three of four members are services of the Département du Nord
    services = [b.actor(f"cd59-service-{i}", f"Service {i} du Département du Nord", ["collectivite-departement"],
                        t["nord"], part_of=a["cd59"], worlds=["social"]) for i in range(3)]
    committee("r6-fail", [*services, a["people"]])
    # R7: a single qualification level; no level recorded at all
    committee("r7-fail", [ts[0], a["cd59"], a["people"], a["cadres"]])
    committee("r7-unknown", [a["cd59"], a["people"], a["cadres"]])
    # R8: members but no link with the HCTS or other committees; bottom-up through a national group
    committee("r8-fail", [a["cd59"], a["people"], a["ts-terrain"]])
    wg = b.actor("gt-participation", "Groupe de travail participation du HCTS", [], t["fr"], cls=ANC.WorkingGroup,
                 part_of=a["hcts"])
    people2 = b.actor("groupe-pairs", "Groupe de pairs du RSA de Roubaix", ["personnes-accompagnees"], t["roubaix"],
                      cls=ANC.Group)
    committee("r8-bottom-up", [a["cd59"], people2, a["ts-terrain"]])
    b.member(people2, wg)
    # R9: every member in one commune
    committee("r9-fail", [a["ccas-lille"], a["irts"], a["univ-lille"], a["apf"]], territory=t["lille"])
    # no member known; two members known (below MIN_KNOWN)
    committee("empty", [])
    committee("two", [a["cd59"], a["irts"]])
    # dates: a membership that ended is not counted
    c = committee("dated", [a["cd59"], a["ts-terrain"], a["cadres"]])
    b.member(a["people"], c, start="2018-09-21", end="2019-06-30")
    return b.store(), a


def iris(items):
    return {x["iri"] for x in items}


def test_full_committee_passes_every_rule(world):
    store, _ = world
    report = check(store, "nord")
    assert {f.rule: f.severity for f in report.findings} == {f"R{i}": "ok" for i in range(1, 13)}
    assert report.summary == {"ok": 12, "warning": 0, "failure": 0, "unknown": 0}
    assert len(report.members) == 20
    assert all(f.sentence["fr"] and f.sentence["en"] and f.sentence["fr"] != f.sentence["en"]
               for f in report.findings)
    assert all(s.startswith("https://w3id.org/ancrage/id/section/seminaire-2018-s") for f in report.findings
               for s in f.sources)


def test_r1_people_receiving_support(world):
    store, a = world
    ok = check(store, "nord").finding("R1")
    assert iris(ok.evidence["full_members"]) == {str(a["people"])}
    fail = check(store, "r1-fail").finding("R1")
    assert fail.severity == "failure"
    assert fail.evidence["people"] == [] and fail.evidence["members_known"] == 4
    assert "4 membres connus" in fail.sentence["fr"]
    warn = check(store, "r1-associated").finding("R1")
    assert warn.severity == "warning"
    assert iris(warn.evidence["associated_only"]) == {str(a["people"])}
    assert warn.evidence["full_members"] == []


def test_r2_front_line_and_managers(world):
    store, a = world
    ok = check(store, "nord").finding("R2")
    assert (ok.evidence["front_line_count"], ok.evidence["managers_count"]) == (2, 1)
    fail = check(store, "r2-fail").finding("R2")
    assert fail.severity == "failure" and fail.evidence["front_line"] == []
    over = check(store, "r2-over").finding("R2")
    assert over.severity == "warning"
    assert (over.evidence["front_line_count"], over.evidence["managers_count"]) == (1, 3)
    assert over.evidence["managers_per_front_line"] == 3.0
    assert "surreprésenté" in over.sentence["fr"]


def test_r3_people_distinct_from_representatives(world):
    store, a = world
    ok = check(store, "nord").finding("R3")
    assert iris(ok.evidence["representatives"]) == {str(a["crpa"])} and ok.evidence["confused"] == []
    fail = check(store, "r3-fail").finding("R3")
    assert fail.severity == "failure"
    assert iris(fail.evidence["confused"]) == {str(entity("actor", "collectif-mixte"))}
    reps_only = check(store, "r3-reps-only").finding("R3")
    assert reps_only.severity == "failure"
    assert reps_only.evidence["people"] == [] and iris(reps_only.evidence["representatives"]) == {str(a["crpa"])}


def test_r4_openness(world):
    store, _ = world
    ok = check(store, "nord").finding("R4")
    assert ok.evidence["present_count"] == ok.evidence["expected_count"] == 13 and ok.evidence["absent"] == []
    fail = check(store, "r4-fail").finding("R4")
    assert fail.severity == "failure"
    assert fail.evidence["present"] == ["collectivite-departement"]
    assert "protection-sociale" in fail.evidence["absent"] and len(fail.evidence["absent"]) == 12
    assert len(fail.table["rows"]) == 13


def test_r5_not_a_single_segment(world):
    store, _ = world
    ok = check(store, "nord").finding("R5")
    assert ok.evidence["families"] >= 10 and ok.evidence["hhi_categories"] < 0.25
    fail = check(store, "r5-fail").finding("R5")
    assert fail.severity == "failure"
    assert fail.evidence["family_shares"] == {"travailleurs-sociaux": 1.0}
    assert fail.evidence["hhi_categories"] == 1.0


def test_r6_no_dominant_institution(world):
    store, a = world
    ok = check(store, "nord").finding("R6")
    assert ok.evidence["largest_institution_share"] == 0.05
    fail = check(store, "r6-fail").finding("R6")
    assert fail.severity == "failure"
    assert fail.evidence["largest_institution"]["iri"] == str(a["cd59"])
    assert fail.evidence["largest_institution_share"] == 0.75
    assert fail.evidence["hhi_institutions"] == round(0.75 ** 2 + 0.25 ** 2, 4)
    assert "75 %" in fail.sentence["fr"]


def test_r7_generalist_levels(world):
    store, _ = world
    ok = check(store, "nord").finding("R7")
    assert ok.evidence["qualification_levels"] == [1, 2, 3, 4, 5]
    fail = check(store, "r7-fail").finding("R7")
    assert fail.severity == "failure"
    assert fail.evidence["qualification_levels"] == [3] and fail.evidence["missing_levels"] == [5, 4, 2, 1]
    unknown = check(store, "r7-unknown").finding("R7")
    assert unknown.severity == "unknown" and unknown.evidence["qualification_levels"] == []


def test_r8_links_with_hcts_and_committees(world):
    store, a = world
    ok = check(store, "nord").finding("R8")
    assert ok.evidence["counts"] == {"descendant": 1, "ascendant": 1, "transversal": 1}
    assert ok.evidence["transversal"][0]["other"] == str(entity("committee", "reunion"))
    fail = check(store, "r8-fail").finding("R8")
    assert fail.severity == "failure" and fail.evidence["counts"] == {"descendant": 0, "ascendant": 0,
                                                                      "transversal": 0}
    up = check(store, "r8-bottom-up").finding("R8")
    assert up.severity == "warning"
    assert up.evidence["counts"]["ascendant"] == 1
    assert up.evidence["ascendant"][0]["via"] == "membership"
    assert up.evidence["ascendant"][0]["member"] == str(entity("actor", "groupe-pairs"))


def test_r9_several_scales(world):
    store, _ = world
    ok = check(store, "nord").finding("R9")
    assert ok.evidence["levels"] == ["region", "departement", "intercommunalite", "commune"]
    fail = check(store, "r9-fail").finding("R9")
    assert fail.severity == "failure"
    assert fail.evidence["levels"] == ["commune"] and len(fail.evidence["by_level"]["commune"]) == 4


def test_r10_elected_federations_users(world):
    store, _ = world
    ok = check(store, "nord").finding("R10")
    assert ok.evidence["present"] == ["elus", "federation", "representants-personnes-accompagnees"]
    fail = check(store, "r4-fail").finding("R10")
    assert fail.severity == "failure" and fail.evidence["present"] == []


def test_no_member_known_is_unknown_not_failure(world):
    store, _ = world
    report = check(store, "empty")
    member_rules = [f for f in report.findings if f.rule != "R8"]
    assert {f.severity for f in member_rules} == {"unknown"}
    assert report.finding("R8").severity in ("unknown", "failure")
    assert not any(f.severity == "failure" for f in member_rules)
    assert report.profile["members_known"] == 0


def test_few_members_make_absences_inconclusive(world):
    store, _ = world
    assert MIN_KNOWN == 3
    report = check(store, "two")
    r1 = report.finding("R1")
    assert r1.severity == "unknown"
    assert r1.evidence["verdict_if_complete"] == "failure"
    assert "2 membre(s) connu(s)" in r1.sentence["fr"] and "2 member(s) known" in r1.sentence["en"]


def test_ended_membership_is_not_counted(world):
    store, a = world
    report = check(store, "dated", at=dt.date(2020, 1, 1))
    assert str(a["people"]) in report.former_members
    assert report.finding("R1").severity == "failure"
    before = check(store, "dated", at=dt.date(2019, 1, 1))
    assert before.finding("R1").severity == "ok"


def test_profile_lists_present_and_absent(world):
    store, _ = world
    profile = check(store, "r9-fail").profile
    assert [lv["code"] for lv in profile["levels"]] == ["commune"]
    assert profile["levels_absent"] == ["region", "departement", "intercommunalite", "infra-communal"]
    codes = [c["code"] for c in profile["categories"]]
    assert "universite-recherche" in codes and "elus" in profile["families_absent"]


def test_report_is_json_serialisable_and_round_trips(world):
    import json

    from kg.gaps import CompositionReport

    store, _ = world
    report = check(store, "r6-fail", lang="en")
    data = json.loads(json.dumps(report.to_dict()))
    again = CompositionReport.from_dict(data)
    assert again.finding("R6").evidence == report.finding("R6").evidence
    assert data["lang"] == "en" and data["summary"]["failure"] == sum(
        1 for f in report.findings if f.severity == "failure")
