// Cypher twin of productions-par-theme.rq (same columns and ORDER BY).
// dct:title in every language (title, title_fr, title_en…) and dct:date in every datatype
// (date, date_gYear…) are read, as SPARQL reads every value.
MATCH (production:Production)
WITH production,
     reduce(acc = [], v IN [k IN keys(production) WHERE k = 'title' OR k STARTS WITH 'title_' | production[k]] |
            acc + CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END) AS titles,
     reduce(acc = [], v IN [k IN keys(production) WHERE k = 'date' OR k STARTS WITH 'date_' | production[k]] |
            acc + CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END) AS dates,
     CASE WHEN production.url IS NULL THEN [null] WHEN production.url IS :: LIST<ANY> THEN production.url
          ELSE [production.url] END AS urls
UNWIND titles AS title
OPTIONAL MATCH (production)-[:SUBJECT]->(th:Ancrage)
WITH production, title, last(split(th.uri, '/')) AS theme, dates, urls
UNWIND CASE WHEN size(dates) = 0 THEN [null] ELSE dates END AS date
UNWIND urls AS url
RETURN DISTINCT production.uri AS production, title, theme, date, url
ORDER BY theme IS NOT NULL, theme, title, production, url IS NOT NULL, url
