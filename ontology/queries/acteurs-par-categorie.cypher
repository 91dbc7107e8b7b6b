// Cypher twin of acteurs-par-categorie.rq (same parameters, columns and ORDER BY).
// param: level | string | Niveau (region, departement, intercommunalite, commune) | Level (region, departement, intercommunalite, commune) | departement
// param: code | string | Code INSEE (SIREN pour un EPCI) | INSEE code (SIREN for an EPCI) | 59
MATCH (territory:Ancrage {uri: 'https://w3id.org/ancrage/id/territory/' + $level + '/' + $code})
MATCH (place:Ancrage)-[:SF_WITHIN*0..]->(territory)
MATCH (actor:Ancrage)-[:LOCATED_IN]->(place)
MATCH (actor)-[:CATEGORY]->(c:Ancrage)
WITH last(split(c.uri, '/')) AS category, count(DISTINCT actor) AS actors
RETURN category, actors
ORDER BY actors DESC, category
