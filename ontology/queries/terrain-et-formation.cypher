// Cypher twin of terrain-et-formation.rq (same columns and ORDER BY).
MATCH (structure:Ancrage)
WHERE EXISTS {
  MATCH (structure)-[:CATEGORY]->(c:Ancrage)
  WHERE c.uri IN ['https://w3id.org/ancrage/concept/category/formation',
                  'https://w3id.org/ancrage/concept/category/universite-recherche']
}
CALL (structure) {
  MATCH (relation:Membership)-[:MEMBER]->(structure), (relation)-[:ORGANIZATION]->(other:Ancrage)
  RETURN relation, 'membership' AS kind, other
  UNION ALL
  MATCH (relation:Membership)-[:ORGANIZATION]->(structure), (relation)-[:MEMBER]->(other:Ancrage)
  RETURN relation, 'membership' AS kind, other
  UNION ALL
  MATCH (relation:Partnership)-[:PARTICIPANT]->(structure), (relation)-[:PARTICIPANT]->(other:Ancrage)
  WHERE other <> structure
  RETURN relation, 'partnership' AS kind, other
}
WITH structure, relation, kind, other
WHERE structure.prefLabel_fr IS NOT NULL AND other.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (relation)-[:STATEMENT_STATUS]->(st:Ancrage)
RETURN DISTINCT structure.prefLabel_fr AS structureLabel, kind, other.prefLabel_fr AS otherLabel, relation.uri AS relation,
       coalesce(last(split(st.uri, '/')), 'observe') AS status
ORDER BY structureLabel, kind, otherLabel, relation
