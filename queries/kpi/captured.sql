-- name: kpi/captured
-- Logements captés : les logements entrés dans le parc (premier jour dans le parc) entre le premier et le dernier jour de la période, bornes comprises, par dispositif, dont ceux venus d'une piste de captation convertie (colonne « Dont issus d'une piste »). Filtres : commune et dispositif du logement ; chargé·e : seulement les logements venus d'une piste dont il ou elle est chargé·e.
-- title: Logements captés
-- section: Captation
-- order: 10
-- figure: sum dwellings
-- format: count
-- chart: bar x=programme y=dwellings
-- columns: programme=Dispositif, dwellings=Logements entrés dans le parc, from_leads=Dont issus d'une piste
-- labels: programme=PROGRAMME
WITH converted AS (
    SELECT c.dwelling_id
    FROM capture_lead c
    WHERE c.dwelling_id IS NOT NULL
      AND ($worker IS NULL OR c.assignee = $worker)
    GROUP BY c.dwelling_id
)
SELECT d.programme, count(*) AS dwellings, count(c.dwelling_id) AS from_leads
FROM dwelling d
LEFT JOIN converted c ON c.dwelling_id = d.id
WHERE d.entered_on BETWEEN $start AND $end
  AND ($commune IS NULL OR d.commune = $commune)
  AND ($programme IS NULL OR d.programme = $programme)
  AND ($worker IS NULL OR c.dwelling_id IS NOT NULL)
GROUP BY d.programme
ORDER BY d.programme
