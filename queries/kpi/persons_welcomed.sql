-- name: kpi/persons_welcomed
-- Personnes accueillies : les personnes des ménages accueillis entre le premier et le dernier jour de la période, bornes comprises (les mêmes ménages que « Ménages accueillis » : dossier ouvert dans la période, une réouverture n'étant pas un nouvel accueil), chaque ménage comptant ses membres le jour de l'ouverture de son dossier (déclarés à l'accueil ou arrivés au plus tard ce jour-là, et pas encore partis : un membre parti avant n'est pas compté, un membre arrivé après non plus), selon le type de demande, à côté du nombre de ménages. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Personnes accueillies
-- section: Ménages
-- order: 15
-- figure: sum persons
-- format: count
-- chart: bar x=request_type y=persons
-- columns: request_type=Type de demande, households=Ménages, persons=Personnes
-- labels: request_type=REQUEST_TYPE
-- drill: kpi_drill/households_welcomed
-- with: filtered = shared/filtered_households
WITH welcomed AS (
    SELECT h.id, h.request_type, h.opened_on AS counted_on
    FROM filtered h
    WHERE h.opened_on BETWEEN $start AND $end
)
SELECT w.request_type, count(DISTINCT w.id) AS households, count(p.id) AS persons
FROM welcomed w
LEFT JOIN person p ON p.household_id = w.id
    AND (p.joined_on IS NULL OR p.joined_on <= w.counted_on)
    AND (p.left_on IS NULL OR p.left_on > w.counted_on)
GROUP BY w.request_type
ORDER BY w.request_type
