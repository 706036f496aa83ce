-- name: kpi/capture_stage_days
-- Jours passés à chaque étape de la captation, comme sur l'écran « Captation » : pour chaque passage d'une piste à une étape daté entre le premier et le dernier jour de la période (bornes comprises), les jours jusqu'au passage suivant de la piste (même après la période ; pistes encore à l'étape, ou abandonnées à cette étape, non comptées), médiane par étape (les sept étapes toujours présentes, dans l'ordre des étapes, vides sans passage mesuré) ; la carte donne la médiane des jours entre le premier passage à « identifié » et le passage à « convention signée » des pistes dont la convention est signée dans la période (premier passage à cette étape dans la période ; pistes sans passage à « identifié » non comptées). Filtres : commune du logement de la piste ; chargé·e : pistes dont il ou elle est chargé·e.
-- title: Durée des étapes de captation
-- section: Captation
-- order: 30
-- figure: first overall_median_days
-- format: days
-- chart: bar x=stage y=median_days
-- columns: position=Rang, stage=Étape, median_days=Jours à l'étape (médiane), stays=Passages mesurés, overall_median_days=Jours de l'identification à la convention (médiane)
-- labels: stage=CAPTURE_STAGE
-- drill: kpi_drill/leads
WITH stages (stage, position) AS (
    VALUES ('identifie', 1), ('contacte', 2), ('visite', 3), ('proposition', 4),
           ('negociation', 5), ('convention_signee', 6), ('mis_en_location', 7)
),
leads AS (
    SELECT c.id
    FROM capture_lead c
    WHERE ($commune IS NULL OR c.commune = $commune)
      AND ($worker IS NULL OR c.assignee = $worker)
),
-- A move's next move is never earlier: the moves before the period are not needed.
events AS (
    SELECT e.lead_id, e.stage, e.moved_on,
           lead(e.moved_on) OVER (PARTITION BY e.lead_id ORDER BY e.moved_on, e.id) AS next_on
    FROM capture_stage_event e
    JOIN leads l ON l.id = e.lead_id
    WHERE e.moved_on >= $start
),
stays AS (
    SELECT stage, date_diff('day', moved_on, next_on) AS days
    FROM events
    WHERE moved_on <= $end AND next_on IS NOT NULL
),
ranked AS (
    SELECT stage, days,
           row_number() OVER (PARTITION BY stage ORDER BY days) AS rn,
           count(*) OVER (PARTITION BY stage) AS n
    FROM stays
),
medians AS (
    SELECT stage, avg(days) AS median_days, max(n) AS stays
    FROM ranked
    WHERE rn * 2 BETWEEN n AND n + 2
    GROUP BY stage
),
signed AS (
    SELECT e.lead_id, min(e.moved_on) AS signed_on
    FROM capture_stage_event e
    JOIN leads l ON l.id = e.lead_id
    WHERE e.stage = 'convention_signee' AND e.moved_on BETWEEN $start AND $end
    GROUP BY e.lead_id
),
identified AS (
    SELECT e.lead_id, min(e.moved_on) AS identified_on
    FROM capture_stage_event e
    JOIN signed s ON s.lead_id = e.lead_id
    WHERE e.stage = 'identifie'
    GROUP BY e.lead_id
),
to_signature AS (
    SELECT date_diff('day', i.identified_on, s.signed_on) AS days
    FROM signed s
    JOIN identified i ON i.lead_id = s.lead_id
),
to_signature_ranked AS (
    SELECT days,
           row_number() OVER (ORDER BY days) AS rn,
           count(*) OVER () AS n
    FROM to_signature
),
overall AS (
    SELECT avg(days) AS median_days
    FROM to_signature_ranked
    WHERE rn * 2 BETWEEN n AND n + 2
)
SELECT s.position, s.stage, m.median_days, coalesce(m.stays, 0) AS stays,
       o.median_days AS overall_median_days
FROM stages s
LEFT JOIN medians m ON m.stage = s.stage
CROSS JOIN overall o
ORDER BY s.position
