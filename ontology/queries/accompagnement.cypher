// Cypher twin of accompagnement.rq (same parameters, columns and ORDER BY).
// param: by | string | Accompagnateur (extrait du nom) | Accompanying actor (part of the name) | solidarités actives
MATCH (accompanist:Ancrage)-[:ACCOMPANIES]->(target:Ancrage)
WHERE toLower(accompanist.prefLabel_fr) CONTAINS toLower($by)
OPTIONAL MATCH (target)-[:TERRITORY]->(committeeTerritory:Ancrage)
WITH coalesce(committeeTerritory, target) AS territory
WHERE territory:Territory AND territory.prefLabel_fr IS NOT NULL
RETURN DISTINCT territory.uri AS territory, territory.prefLabel_fr AS territoryLabel
ORDER BY territoryLabel
