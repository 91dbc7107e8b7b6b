// Cypher twin of representations-enquete.rq (same columns and ORDER BY).
// Decimals (anc:share) are Neo4j floats.
MATCH (finding:Representation)
WHERE finding.share IS NOT NULL
UNWIND CASE WHEN finding.share IS :: LIST<ANY> THEN finding.share ELSE [finding.share] END AS share
OPTIONAL MATCH (finding)-[:ABOUT]->(a:Ancrage)
WITH finding, share, last(split(a.uri, '/')) AS about,
     CASE WHEN finding.choice IS NULL THEN [null] WHEN finding.choice IS :: LIST<ANY> THEN finding.choice
          ELSE [finding.choice] END AS choices
UNWIND choices AS choice
RETURN DISTINCT finding.uri AS finding, finding.prefLabel_fr AS label, about, choice, share
ORDER BY share DESC, label IS NOT NULL, label, finding
