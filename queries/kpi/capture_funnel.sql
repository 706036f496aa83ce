-- name: kpi/capture_funnel
-- Entonnoir de captation sur la période, comme sur l'écran « Captation » : une ligne par étape, dans l'ordre des étapes (les sept étapes toujours présentes, pour l'entonnoir) : pistes y entrant (un passage daté à cette étape entre le premier et le dernier jour de la période, bornes comprises), pistes l'atteignant (un passage dans la période à cette étape ou à une étape plus avancée : une étape sautée compte comme franchie), conversion depuis l'étape précédente (atteintes ici / atteintes à la précédente ; vide pour la première ou si aucune n'a atteint la précédente), et, pour la carte, les pistes ayant atteint la convention signée dans la période (la même valeur sur chaque ligne). Filtres : commune du logement de la piste ; chargé·e : pistes dont il ou elle est chargé·e.
-- title: Entonnoir de captation
-- section: Captation
-- order: 20
-- figure: max signed
-- format: count
-- chart: funnel x=stage y=reached
-- columns: position=Rang, stage=Étape, entered=Pistes entrées, reached=Pistes ayant atteint l'étape, conversion=Conversion depuis l'étape précédente, signed=Conventions signées
-- labels: stage=CAPTURE_STAGE
-- drill: kpi_drill/leads
WITH stages (stage, position) AS (
    VALUES ('identifie', 1), ('contacte', 2), ('visite', 3), ('proposition', 4),
           ('negociation', 5), ('convention_signee', 6), ('mis_en_location', 7)
),
moves AS (
    SELECT DISTINCT e.lead_id, s.position
    FROM capture_stage_event e
    JOIN stages s ON s.stage = e.stage
    JOIN capture_lead c ON c.id = e.lead_id
    WHERE e.moved_on BETWEEN $start AND $end
      AND ($commune IS NULL OR c.commune = $commune)
      AND ($worker IS NULL OR c.assignee = $worker)
),
furthest AS (
    SELECT lead_id, max(position) AS position
    FROM moves
    GROUP BY lead_id
),
entered AS (
    SELECT position, count(*) AS leads
    FROM moves
    GROUP BY position
),
per_stage AS (
    SELECT s.stage, s.position, coalesce(n.leads, 0) AS entered,
           (SELECT count(*) FROM furthest f WHERE f.position >= s.position) AS reached
    FROM stages s
    LEFT JOIN entered n ON n.position = s.position
)
SELECT position, stage, entered, reached,
       CAST(reached AS DOUBLE) / nullif(lag(reached) OVER (ORDER BY position), 0) AS conversion,
       max(CASE WHEN stage = 'convention_signee' THEN reached END) OVER () AS signed
FROM per_stage
ORDER BY position
