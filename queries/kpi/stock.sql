-- name: kpi/stock
-- Logements du parc au dernier jour de la période : ceux entrés dans le parc ce jour-là au plus tard et pas encore sortis (sans date de sortie, ou sortis ce jour-là ou après), par dispositif et par état ce jour-là : « occupé » si un bail de ménage (sous-location, bail glissant ou bail direct) couvre ce jour, sinon « en travaux » si la fiche du logement est au statut travaux (statut actuel, non daté), sinon « vacant ». Filtres : commune et dispositif du logement.
-- title: Logements du parc
-- section: Logements
-- order: 10
-- figure: sum dwellings
-- format: count
-- chart: bar x=programme y=dwellings color=state
-- columns: programme=Dispositif, state=État, dwellings=Logements
-- labels: programme=PROGRAMME, state=DWELLING_STATUS
-- drill: kpi_drill/dwellings
WITH let_at_end AS (
    SELECT DISTINCT l.dwelling_id
    FROM lease l
    WHERE l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
      AND l.start_on <= $end
      AND (l.end_on IS NULL OR l.end_on >= $end)
),
at_end AS (
    SELECT d.programme,
           CASE WHEN o.dwelling_id IS NOT NULL THEN 'occupe'
                WHEN d.status = 'travaux' THEN 'travaux'
                ELSE 'vacant' END AS state
    FROM dwelling d
    LEFT JOIN let_at_end o ON o.dwelling_id = d.id
    WHERE d.entered_on <= $end
      AND (d.left_on IS NULL OR d.left_on >= $end)
      AND ($commune IS NULL OR d.commune = $commune)
      AND ($programme IS NULL OR d.programme = $programme)
)
SELECT programme, state, count(*) AS dwellings
FROM at_end
GROUP BY programme, state
ORDER BY programme, state
