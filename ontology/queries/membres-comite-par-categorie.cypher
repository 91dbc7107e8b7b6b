// Cypher twin of membres-comite-par-categorie.rq (same columns and ORDER BY).
MATCH (committee:LocalCommittee)<-[:ORGANIZATION]-(m:Membership)-[:MEMBER]->(member:Ancrage),
      (member)-[:CATEGORY]->(c:Ancrage)
WHERE committee.prefLabel_fr IS NOT NULL
WITH committee, last(split(c.uri, '/')) AS category, count(DISTINCT member) AS members
RETURN committee.uri AS committee, committee.prefLabel_fr AS committeeLabel, category, members
ORDER BY committeeLabel, members DESC, category
