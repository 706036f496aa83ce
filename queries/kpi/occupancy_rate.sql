-- name: kpi/occupancy_rate
-- Taux d'occupation du parc sur la période, comme le rapport d'occupation : pour chaque logement présent dans le parc au moins un jour entre le premier et le dernier jour de la période (bornes comprises), ses jours dans le parc dans la période (de la plus tardive de son entrée et du premier jour à la plus précoce de sa sortie et du dernier jour) et les jours couverts par un bail de ménage (la date de fin étant le dernier jour occupé, un bail sans fin courant jusqu'au bout de la période) ; taux = jours occupés / jours dans le parc, par dispositif, et pour tout le parc retenu sur la carte. Filtres : commune et dispositif du logement.
-- title: Taux d'occupation
-- section: Logements
-- order: 20
-- figure: first overall_rate
-- format: percent
-- chart: bar x=programme y=rate
-- columns: programme=Dispositif, stock_days=Jours dans le parc, occupied_days=Jours occupés, rate=Taux d'occupation, overall_rate=Taux d'occupation du parc
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
       CAST(sum(stock_days) AS BIGINT) AS stock_days,
       CAST(sum(occupied_days) AS BIGINT) AS occupied_days,
       CAST(sum(occupied_days) AS DOUBLE) / nullif(sum(stock_days), 0) AS rate,
       CAST(sum(sum(occupied_days)) OVER () AS DOUBLE)
           / nullif(sum(sum(stock_days)) OVER (), 0) AS overall_rate
FROM per_dwelling
GROUP BY programme
ORDER BY programme
