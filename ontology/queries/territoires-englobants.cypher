// Cypher twin of territoires-englobants.rq (same parameters, columns and ORDER BY).
// param: commune | string | Code INSEE de la commune | INSEE code of the commune | 25056
MATCH (c:Ancrage {uri: 'https://w3id.org/ancrage/id/territory/commune/' + $commune})-[:SF_WITHIN*1..]->(t:Ancrage),
      (t)-[:LEVEL]->(l:Ancrage)
WHERE t.prefLabel_fr IS NOT NULL
UNWIND CASE WHEN t.inseeCode IS NULL THEN [null] WHEN t.inseeCode IS :: LIST<ANY> THEN t.inseeCode
            ELSE [t.inseeCode] END AS code
RETURN DISTINCT last(split(l.uri, '/')) AS level, code, t.prefLabel_fr AS label
ORDER BY level, code IS NOT NULL, code
