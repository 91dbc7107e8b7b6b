// Cypher twin of attendus-et-observes.rq (same columns and ORDER BY).
MATCH (committee:LocalCommittee)
CALL (committee) {
  MATCH (relation:Membership)-[:ORGANIZATION]->(committee), (relation)-[:MEMBER]->(other:Ancrage)
  RETURN relation, 'membership' AS kind, other
  UNION ALL
  MATCH (relation:Partnership)-[:PARTICIPANT]->(committee), (relation)-[:PARTICIPANT]->(other:Ancrage)
  WHERE other <> committee
  RETURN relation, 'partnership' AS kind, other
  UNION ALL
  MATCH (relation:InformationFlow)-[:FLOW_TO]->(committee), (relation)-[:FLOW_FROM]->(other:Ancrage)
  RETURN relation, 'flow-in' AS kind, other
  UNION ALL
  MATCH (relation:InformationFlow)-[:FLOW_FROM]->(committee), (relation)-[:FLOW_TO]->(other:Ancrage)
  RETURN relation, 'flow-out' AS kind, other
}
OPTIONAL MATCH (relation)-[:STATEMENT_STATUS]->(status:Ancrage)
WITH committee, kind, other,
     CASE WHEN status.uri = 'https://w3id.org/ancrage/concept/statement-status/attendu' THEN 1 ELSE 0 END AS isExpected,
     CASE WHEN status IS NULL OR status.uri = 'https://w3id.org/ancrage/concept/statement-status/observe' THEN 1 ELSE 0 END AS isObserved
WITH committee, kind, other, sum(isExpected) AS expected, sum(isObserved) AS observed
WHERE committee.prefLabel_fr IS NOT NULL AND other.prefLabel_fr IS NOT NULL
RETURN DISTINCT committee.prefLabel_fr AS committeeLabel, kind, other.prefLabel_fr AS otherLabel, expected, observed
ORDER BY committeeLabel, kind, otherLabel, expected, observed
