-- name: kpi/reviews_overdue
-- Bilans en retard : les mesures en cours le dernier jour de la période (commencées au plus tard ce jour, sans fin ou finies au plus tôt ce jour) dont le bilan était dû avant ce jour, comme dans « À traiter » : un bilan est dû le nombre de mois du réglage « Un bilan de mesure d'accompagnement est dû tous les … mois » (3 sans réglage) après le dernier bilan daté au plus tard ce jour, ou après le début de la mesure ; par type de mesure. Filtres : commune et référent·e du ménage ; mesure : seulement les mesures de ce type.
-- title: Bilans de mesure en retard
-- section: Accompagnement
-- order: 20
-- figure: sum measures
-- format: count
-- chart: bar x=kind y=measures
-- columns: kind=Type de mesure, measures=Mesures
-- labels: kind=MEASURE_KIND
-- drill: kpi_drill/measures
-- The due day is the base day `n` months later (kept within the month); it is before
-- $end when its month comes before the month of $end, or is the same month with an
-- earlier day of the month. Month numbers and days of the month, read from the ISO text
-- of the date (portable, and faster than strftime): no month arithmetic.
WITH review_every AS (
    SELECT coalesce(
        (SELECT CAST(CAST(value AS VARCHAR) AS INTEGER) FROM setting
         WHERE key = 'measure_review_months'), 3) AS months
),
active AS (
    SELECT m.id, m.kind, m.start_on
    FROM support_measure m
    JOIN household h ON h.id = m.household_id
    WHERE m.start_on <= $end
      AND (m.end_on IS NULL OR m.end_on >= $end)
      AND ($measure_kind IS NULL OR m.kind = $measure_kind)
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($worker IS NULL OR h.referent = $worker)
),
last_review AS (
    SELECT r.measure_id, max(r.review_on) AS review_on
    FROM measure_review r
    JOIN active a ON a.id = r.measure_id
    WHERE r.review_on <= $end
    GROUP BY r.measure_id
),
bases AS (
    SELECT a.kind, CAST(coalesce(l.review_on, a.start_on) AS VARCHAR) AS base_on
    FROM active a
    LEFT JOIN last_review l ON l.measure_id = a.id
),
months AS (
    SELECT b.kind,
           CAST(substr(b.base_on, 1, 4) AS INTEGER) * 12
               + CAST(substr(b.base_on, 6, 2) AS INTEGER) + e.months AS due_month,
           CAST(substr(b.base_on, 9, 2) AS INTEGER) AS due_day,
           CAST(substr(CAST($end AS VARCHAR), 1, 4) AS INTEGER) * 12
               + CAST(substr(CAST($end AS VARCHAR), 6, 2) AS INTEGER) AS end_month,
           CAST(substr(CAST($end AS VARCHAR), 9, 2) AS INTEGER) AS end_day
    FROM bases b
    CROSS JOIN review_every e
)
SELECT kind, count(*) AS measures
FROM months
WHERE due_month < end_month OR (due_month = end_month AND due_day < end_day)
GROUP BY kind
ORDER BY kind
