-- name: shared/dwelling_days
-- Jours d'occupation de chaque logement sur la période, la règle que lisent les indicateurs, leurs listes et le rapport d'occupation : pour chaque logement présent dans le parc au moins un jour entre le premier ($start) et le dernier jour ($end), bornes comprises, ses jours dans le parc dans la période (stock_days) et ceux couverts par un bail de ménage (sous-location, bail glissant, bail direct ; la date de fin est le dernier jour occupé) : occupied_days ; la vacance est la différence (travaux compris).
WITH stock AS (
    SELECT d.id AS dwelling_id,
           CASE WHEN d.entered_on > $start THEN d.entered_on ELSE $start END AS from_on,
           CASE WHEN d.left_on IS NOT NULL AND d.left_on < $end THEN d.left_on ELSE $end END
               AS to_on
    FROM dwelling d
    WHERE d.entered_on <= $end
      AND (d.left_on IS NULL OR d.left_on >= $start)
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
)
SELECT s.dwelling_id,
       date_diff('day', s.from_on, s.to_on) + 1 AS stock_days,
       CAST(coalesce(o.days, 0) AS BIGINT) AS occupied_days
FROM stock s
LEFT JOIN occupied o ON o.dwelling_id = s.dwelling_id
