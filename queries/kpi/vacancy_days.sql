-- name: kpi/vacancy_days
-- Jours de vacance sur la période, comme le rapport d'occupation : pour chaque logement présent dans le parc au moins un jour entre le premier et le dernier jour de la période (bornes comprises), ses jours dans le parc dans la période non couverts par un bail de ménage (travaux compris), additionnés par dispositif ; loyer perdu = pour chaque logement jours de vacance × loyer mensuel hors charges / 30 (arrondi au centime), additionné par dispositif. Filtres : commune et dispositif du logement.
-- title: Jours de vacance
-- section: Logements
-- order: 30
-- figure: sum vacancy_days
-- format: days
-- chart: bar x=programme y=vacancy_days
-- columns: programme=Dispositif, vacancy_days=Jours de vacance, rent_lost=Loyer perdu (€)
-- labels: programme=PROGRAMME
-- drill: kpi_drill/dwellings
WITH stock AS (
    SELECT d.id AS dwelling_id, d.programme, d.rent,
           CASE WHEN d.entered_on > $start THEN d.entered_on ELSE $start END AS from_on,
           CASE WHEN d.left_on IS NOT NULL AND d.left_on < $end THEN d.left_on ELSE $end END
               AS to_on
    FROM dwelling d
    WHERE d.entered_on <= $end
      AND (d.left_on IS NULL OR d.left_on >= $start)
      AND ($commune IS NULL OR d.commune = $commune)
      AND ($programme IS NULL OR d.programme = $programme)
),
occupied AS (
    SELECT s.dwelling_id,
           sum(date_diff('day',
                         CASE WHEN l.start_on > s.from_on THEN l.start_on ELSE s.from_on END,
                         CASE WHEN l.end_on IS NOT NULL AND l.end_on < s.to_on THEN l.end_on
                              ELSE s.to_on END) + 1) AS days
    FROM stock s
    JOIN lease l ON l.dwelling_id = s.dwelling_id
        AND l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
        AND l.start_on <= s.to_on
        AND (l.end_on IS NULL OR l.end_on >= s.from_on)
    GROUP BY s.dwelling_id
),
per_dwelling AS (
    SELECT s.dwelling_id, s.programme, s.rent,
           date_diff('day', s.from_on, s.to_on) + 1 AS stock_days,
           coalesce(o.days, 0) AS occupied_days
    FROM stock s
    LEFT JOIN occupied o ON o.dwelling_id = s.dwelling_id
)
SELECT programme,
       CAST(sum(stock_days - occupied_days) AS BIGINT) AS vacancy_days,
       round(sum(round(CAST((stock_days - occupied_days) * rent AS DOUBLE) / 30, 2)), 2)
           AS rent_lost
FROM per_dwelling
GROUP BY programme
ORDER BY programme
