// Cypher twin of acteurs-partages.rq (same columns and ORDER BY).
MATCH (m:Membership)-[:MEMBER]->(actor:Ancrage), (m)-[:ORGANIZATION]->(organisation:Ancrage)
WHERE actor.prefLabel_fr IS NOT NULL
WITH actor, count(DISTINCT organisation) AS bodies
WHERE bodies >= 2
RETURN actor.uri AS actor, actor.prefLabel_fr AS actorLabel, bodies
ORDER BY bodies DESC, actorLabel
