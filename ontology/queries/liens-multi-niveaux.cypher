// Cypher twin of liens-multi-niveaux.rq (same columns and ORDER BY).
// The embedded store evaluates the path anc:locatedIn|anc:territory as a set: a party linked to the
// same territory both ways counts once, hence the WITH DISTINCT after each such MATCH.
CALL () {
  MATCH (relation:Membership)-[:MEMBER]->(a:Ancrage), (relation)-[:ORGANIZATION]->(b:Ancrage)
  RETURN 'membership' AS kind, relation, a, b
  UNION ALL
  MATCH (relation:Partnership)-[:PARTICIPANT]->(a:Ancrage), (relation)-[:PARTICIPANT]->(b:Ancrage)
  WHERE a.uri < b.uri
  RETURN 'partnership' AS kind, relation, a, b
  UNION ALL
  MATCH (relation:InformationFlow)-[:FLOW_FROM]->(a:Ancrage), (relation)-[:FLOW_TO]->(b:Ancrage)
  RETURN 'flow' AS kind, relation, a, b
  UNION ALL
  MATCH (a:Ancrage)-[:ACCOMPANIES]->(b:Ancrage)
  RETURN 'accompaniment' AS kind, null AS relation, a, b
}
MATCH (a)-[:LOCATED_IN|TERRITORY]->(ta:Ancrage)
WITH DISTINCT kind, relation, a, b, ta
MATCH (ta)-[:LEVEL]->(la:Ancrage)
MATCH (b)-[:LOCATED_IN|TERRITORY]->(tb:Ancrage)
WITH DISTINCT kind, relation, a, b, ta, la, tb
MATCH (tb)-[:LEVEL]->(lb:Ancrage)
WITH kind, relation, a, b, la, lb
WHERE la <> lb AND a.prefLabel_fr IS NOT NULL AND b.prefLabel_fr IS NOT NULL
RETURN DISTINCT kind, relation.uri AS relation, a.prefLabel_fr AS aLabel, last(split(la.uri, '/')) AS aLevel,
       b.prefLabel_fr AS bLabel, last(split(lb.uri, '/')) AS bLevel
ORDER BY kind, aLabel, bLabel, aLevel, bLevel, relation IS NOT NULL, relation
