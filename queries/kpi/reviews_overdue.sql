-- name: kpi/reviews_overdue
-- Bilans en retard : les mesures en cours le dernier jour de la période (commencées au plus tard ce jour, sans fin ou finies au plus tôt ce jour) dont le bilan était dû avant ce jour, comme dans « À traiter » : un bilan est dû le réglage « measure_review_months » (3 mois sans réglage) après le dernier bilan daté au plus tard ce jour, ou après le début de la mesure ; par type de mesure. Filtres : commune et référent·e du ménage ; mesure : seulement les mesures de ce type.
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
-- earlier day of the month. Month numbers and days of the month: no month arithmetic.
WITH review_every AS (
    SELECT coalesce(
        (SELECT CAST(CAST(value AS VARCHAR) AS INTEGER) FROM setting
         WHERE key = 'measure_review_months'), 3) AS months
),
active AS (
    SELECT m.id, m.kind, coalesce(max(r.review_on), m.start_on) AS base_on
    FROM support_measure m
    JOIN household h ON h.id = m.household_id
    LEFT JOIN measure_review r ON r.measure_id = m.id AND r.review_on <= $end
    WHERE m.start_on <= $end
      AND (m.end_on IS NULL OR m.end_on >= $end)
      AND ($measure_kind IS NULL OR m.kind = $measure_kind)
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($worker IS NULL OR h.referent = $worker)
    GROUP BY m.id, m.kind, m.start_on
),
months AS (
    SELECT a.kind,
           CAST(strftime(a.base_on, '%Y') AS INTEGER) * 12
               + CAST(strftime(a.base_on, '%m') AS INTEGER) + e.months AS due_month,
           CAST(strftime(a.base_on, '%d') AS INTEGER) AS due_day,
           CAST(strftime($end, '%Y') AS INTEGER) * 12
               + CAST(strftime($end, '%m') AS INTEGER) AS end_month,
           CAST(strftime($end, '%d') AS INTEGER) AS end_day
    FROM active a
    CROSS JOIN review_every e
)
SELECT kind, count(*) AS measures
FROM months
WHERE due_month < end_month OR (due_month = end_month AND due_day < end_day)
GROUP BY kind
ORDER BY kind
