// Cypher twin of dispositifs-et-ce-qu-ils-concernent.rq (same columns and ORDER BY).
CALL () {
  MATCH (policy:Policy) RETURN policy, 'Policy' AS kind
  UNION ALL
  MATCH (policy:Scheme) RETURN policy, 'Scheme' AS kind
}
WITH policy, kind
WHERE policy.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (policy)-[:CONCERNS]->(c:Ancrage)
WHERE c.prefLabel_fr IS NOT NULL
RETURN DISTINCT kind, policy.prefLabel_fr AS policyLabel, c.prefLabel_fr AS concernsLabel
ORDER BY kind, policyLabel, concernsLabel IS NOT NULL, concernsLabel
