// Cypher twin of formes-d-aide-a-la-decision.rq (same columns and ORDER BY).
MATCH (item:Ancrage)
WHERE item.prefLabel_fr IS NOT NULL
UNWIND labels(item) AS kind
WITH item, kind
WHERE kind IN ['Event', 'Production', 'Survey']
RETURN DISTINCT kind, item.prefLabel_fr AS label, item.uri AS item
ORDER BY kind, label, item
