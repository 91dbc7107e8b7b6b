// Cypher twin of echelles-d-intervention.rq (same columns and ORDER BY).
MATCH (relation:Ancrage)-[:INTERVENTION_SCALE]->(s:Ancrage)
CALL (relation) {
  MATCH (relation:Partnership)-[:PARTICIPANT]->(participant:Ancrage) RETURN 'partnership' AS kind, participant
  UNION ALL
  MATCH (relation:Membership)-[:MEMBER]->(participant:Ancrage) RETURN 'membership' AS kind, participant
  UNION ALL
  MATCH (relation:Membership)-[:ORGANIZATION]->(participant:Ancrage) RETURN 'membership' AS kind, participant
}
WITH relation, s, kind, participant
WHERE participant.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (relation)-[:STATEMENT_STATUS]->(st:Ancrage)
RETURN DISTINCT last(split(s.uri, '/')) AS scale, kind, relation.uri AS relation, participant.prefLabel_fr AS participantLabel,
       coalesce(last(split(st.uri, '/')), 'observe') AS status
ORDER BY scale, kind, participantLabel, relation
