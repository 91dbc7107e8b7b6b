// Cypher twin of flux-information.rq (same columns and ORDER BY).
MATCH (flow:InformationFlow)-[:FLOW_FROM]->(source:Ancrage), (flow)-[:FLOW_TO]->(target:Ancrage),
      (flow)-[:DIRECTION]->(d:Ancrage)
WHERE source.prefLabel_fr IS NOT NULL AND target.prefLabel_fr IS NOT NULL
OPTIONAL MATCH (flow)-[:CARRIES]->(c:Ancrage)
OPTIONAL MATCH (flow)-[:STATEMENT_STATUS]->(st:Ancrage)
WITH flow, last(split(d.uri, '/')) AS direction, source.prefLabel_fr AS fromLabel,
     target.prefLabel_fr AS toLabel, last(split(c.uri, '/')) AS carries,
     coalesce(last(split(st.uri, '/')), 'observe') AS status
RETURN DISTINCT flow.uri AS flow, direction, fromLabel, toLabel, carries, status
ORDER BY direction, fromLabel, toLabel, carries IS NOT NULL, carries, flow
