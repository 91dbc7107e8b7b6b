// Cypher twin of sources-d-un-sujet.rq (same parameters, columns and ORDER BY).
// ?kind is a class of the Ancrage vocabulary: the labels below (kg.namespaces.CLASSES).
// Section titles in French or without a language: the keys title_fr and title.
// A statement without anc:statementStatus is an observed fact ("observe", kg.namespaces.OBSERVED).
// param: about | string | Sujet (extrait du nom) | Subject (part of the name) | Cols
MATCH (subject:Ancrage)
WHERE toLower(subject.prefLabel_fr) CONTAINS toLower($about)
CALL (subject) {
  RETURN subject AS statement
  UNION
  MATCH (statement:Ancrage)-[:MEMBER|ORGANIZATION|PARTICIPANT|FLOW_FROM|FLOW_TO]->(subject)
  RETURN statement
}
MATCH (statement)-[:SOURCE]->(s:Ancrage)
WHERE s.sectionNumber IS NOT NULL
OPTIONAL MATCH (statement)-[:STATEMENT_STATUS]->(st:Ancrage)
OPTIONAL MATCH (statement)-[:PASSAGE]->(p:Ancrage)-[:IS_PART_OF]->(s)
UNWIND [l IN labels(statement) WHERE l IN ['Actor', 'Organisation', 'LocalCommittee', 'WorkingGroup',
        'PublicRolePerson', 'Group', 'Territory', 'ProjectTerritory', 'Membership', 'Partnership', 'Policy',
        'Scheme', 'Event', 'InformationFlow', 'Production', 'Representation', 'Survey', 'SourceDocument',
        'SourceSection', 'SourcePassage', 'CompositionRule', 'Dataset']] AS kind
UNWIND CASE WHEN s.sectionNumber IS :: LIST<ANY> THEN s.sectionNumber ELSE [s.sectionNumber] END AS section
UNWIND reduce(acc = [], v IN [k IN keys(s) WHERE k IN ['title', 'title_fr'] | s[k]] |
              acc + CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END) AS sectionTitle
WITH subject, statement, kind, section, sectionTitle, p,
     coalesce(last(split(st.uri, '/')), 'observe') AS status
RETURN DISTINCT subject.uri AS subject, subject.prefLabel_fr AS subjectLabel, statement.uri AS statement, kind,
       status, section, sectionTitle,
       CASE WHEN p IS NULL THEN NULL WHEN p.startLine = p.endLine THEN toString(p.startLine)
            ELSE toString(p.startLine) + '-' + toString(p.endLine) END AS lines,
       p.quote_fr AS quote
ORDER BY subjectLabel, kind, statement, section, lines
