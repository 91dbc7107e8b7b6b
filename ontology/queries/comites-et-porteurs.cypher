// Cypher twin of comites-et-porteurs.rq (same columns and ORDER BY).
// SPARQL sorts unbound values first, Cypher sorts nulls last: hence "x IS NOT NULL, x".
MATCH (committee:LocalCommittee)
WHERE committee.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (committee)-[:TERRITORY]->(territory:Ancrage)
  WHERE territory.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (m:Membership)-[:ORGANIZATION]->(committee), (m)-[:MEMBER]->(lead:Ancrage),
               (m)-[:ROLE]->(:Ancrage {uri: 'https://w3id.org/ancrage/concept/role/porteur'})
  WHERE lead.prefLabel_fr IS NOT NULL
RETURN DISTINCT committee.uri AS committee, committee.prefLabel_fr AS committeeLabel,
       territory.uri AS territory, territory.prefLabel_fr AS territoryLabel,
       lead.uri AS lead, lead.prefLabel_fr AS leadLabel
ORDER BY committeeLabel, territoryLabel IS NOT NULL, territoryLabel, leadLabel IS NOT NULL, leadLabel
