// Cypher twin of acteurs-et-relations-par-type.rq (same columns and ORDER BY).
MATCH (x:Ancrage)
UNWIND labels(x) AS kind
WITH x, kind
WHERE kind IN ['Organisation', 'LocalCommittee', 'WorkingGroup', 'Group', 'PublicRolePerson',
               'Membership', 'Partnership', 'InformationFlow']
RETURN kind, count(DISTINCT x) AS count
ORDER BY count DESC, kind
