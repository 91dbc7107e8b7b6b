// Cypher twin of liens-national-local.rq (same columns and ORDER BY).
// Counts distinct related actors: max() per related actor, then sum() per actor.
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
MATCH (other)-[:LOCATED_IN|TERRITORY]->(:Ancrage)-[:LEVEL]->(level:Ancrage)
WITH actor, other, CASE WHEN level.uri IN ['https://w3id.org/ancrage/concept/level/national',
                                           'https://w3id.org/ancrage/concept/level/international'] THEN 1 ELSE 0 END AS isNational
WHERE actor.prefLabel_fr IS NOT NULL
WITH actor, other, max(isNational) AS national, max(1 - isNational) AS local
WITH actor, sum(national) AS nationalLinks, sum(local) AS localLinks
WHERE nationalLinks > 0 AND localLinks > 0
RETURN actor.uri AS actor, actor.prefLabel_fr AS actorLabel, nationalLinks, localLinks
ORDER BY nationalLinks + localLinks DESC, actorLabel
