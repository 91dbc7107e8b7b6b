"""The category hierarchy the code uses is the one the ontology declares."""

from rdflib.namespace import SKOS

from kg.namespaces import CATEGORY_BROADER, concept
from kg.ontology import load_ontology


def test_category_broader_matches_the_concept_scheme():
    g = load_ontology()
    declared = {}
    for narrower, broader in g.subject_objects(SKOS.broader):
        if "/concept/category/" in str(narrower):
            declared[str(narrower).rsplit("/", 1)[-1]] = str(broader).rsplit("/", 1)[-1]
    assert declared == CATEGORY_BROADER
    for narrower, broader in CATEGORY_BROADER.items():
        assert concept("category", narrower) and concept("category", broader)
