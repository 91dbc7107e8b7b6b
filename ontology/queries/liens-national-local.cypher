// Cypher twin of liens-national-local.rq (same columns and ORDER BY).
// The path anc:locatedIn|anc:territory is a set in the embedded store: hence WITH DISTINCT.
CALL () {
  MATCH (r:Membership)-[:MEMBER]->(actor:Ancrage), (r)-[:ORGANIZATION]->(other:Ancrage) RETURN actor, other
  UNION
  MATCH (r:Membership)-[:MEMBER]->(other:Ancrage), (r)-[:ORGANIZATION]->(actor:Ancrage) RETURN actor, other
  UNION
  MATCH (r:Partnership)-[:PARTICIPANT]->(actor:Ancrage), (r)-[:PARTICIPANT]->(other:Ancrage)
  WHERE actor <> other RETURN actor, other
  UNION
  MATCH (r:InformationFlow)-[:FLOW_FROM]->(actor:Ancrage), (r)-[:FLOW_TO]->(other:Ancrage) RETURN actor, other
  UNION
  MATCH (r:InformationFlow)-[:FLOW_TO]->(actor:Ancrage), (r)-[:FLOW_FROM]->(other:Ancrage) RETURN actor, other
  UNION
  MATCH (actor:Ancrage)-[:ACCOMPANIES]->(other:Ancrage) RETURN actor, other
  UNION
  MATCH (other:Ancrage)-[:ACCOMPANIES]->(actor:Ancrage) RETURN actor, other
}
MATCH (other)-[:LOCATED_IN|TERRITORY]->(t:Ancrage)
WITH DISTINCT actor, other, t
MATCH (t)-[:LEVEL]->(level:Ancrage)
WITH actor, level
WHERE actor.prefLabel_fr IS NOT NULL
WITH actor, CASE WHEN level.uri IN ['https://w3id.org/ancrage/concept/level/national',
                                    'https://w3id.org/ancrage/concept/level/international'] THEN 1 ELSE 0 END AS isNational
WITH actor, sum(isNational) AS nationalLinks, sum(1 - isNational) AS localLinks
WHERE nationalLinks > 0 AND localLinks > 0
RETURN actor.uri AS actor, actor.prefLabel_fr AS actorLabel, nationalLinks, localLinks
ORDER BY nationalLinks + localLinks DESC, actorLabel
