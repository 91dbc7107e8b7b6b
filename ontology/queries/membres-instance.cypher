// Cypher twin of membres-instance.rq (same parameters, columns and ORDER BY).
// A property with values of several datatypes has one key per datatype (startDate, startDate_gYear…):
// all of them are read, as SPARQL reads every value of schema:startDate.
// param: body | string | Instance (extrait du nom) | Body (part of the name) | ancrage territorial
MATCH (m:Membership)-[:ORGANIZATION]->(organisation:Ancrage), (m)-[:MEMBER]->(member:Ancrage)
WHERE toLower(organisation.prefLabel_fr) CONTAINS toLower($body) AND member.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (m)-[:ROLE]->(r:Ancrage)
WITH m, organisation, member, last(split(r.uri, '/')) AS role
WITH m, organisation, member, role,
     reduce(acc = [], v IN [k IN keys(m) WHERE k = 'startDate' OR k STARTS WITH 'startDate_' | m[k]] |
            acc + CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END) AS starts,
     reduce(acc = [], v IN [k IN keys(m) WHERE k = 'endDate' OR k STARTS WITH 'endDate_' | m[k]] |
            acc + CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END) AS ends
UNWIND CASE WHEN size(starts) = 0 THEN [null] ELSE starts END AS start
UNWIND CASE WHEN size(ends) = 0 THEN [null] ELSE ends END AS end
RETURN DISTINCT organisation.uri AS organisation, organisation.prefLabel_fr AS organisationLabel,
       member.uri AS member, member.prefLabel_fr AS memberLabel, role, start, end
ORDER BY organisationLabel, memberLabel, role IS NOT NULL, role
