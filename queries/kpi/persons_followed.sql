-- name: kpi/persons_followed
-- Personnes des ménages suivis : les personnes des ménages actifs au moins un jour entre le premier et le dernier jour de la période, bornes comprises (les mêmes ménages que « Ménages suivis », lus dans les périodes de suivi tirées de l'historique daté des statuts), chaque ménage comptant ses membres le dernier jour où il était suivi dans la période (le dernier jour de la période, ou le jour de la clôture si le dossier a été clos avant : membres déclarés à l'accueil ou arrivés au plus tard ce jour-là, et pas encore partis), selon le type de demande, à côté du nombre de ménages. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Personnes des ménages suivis
-- section: Ménages
-- order: 25
-- figure: sum persons
-- format: count
-- chart: bar x=request_type y=persons
-- columns: request_type=Type de demande, households=Ménages, persons=Personnes
-- labels: request_type=REQUEST_TYPE
-- drill: kpi_drill/households_followed
-- with: followed = shared/followed_households
-- with: filtered = shared/filtered_households
WITH households AS (
    SELECT h.id, h.request_type, f.counted_on
    FROM filtered h
    JOIN followed f ON f.household_id = h.id
)
SELECT s.request_type, count(DISTINCT s.id) AS households, count(p.id) AS persons
FROM households s
LEFT JOIN person p ON p.household_id = s.id
    AND (p.joined_on IS NULL OR p.joined_on <= s.counted_on)
    AND (p.left_on IS NULL OR p.left_on > s.counted_on)
GROUP BY s.request_type
ORDER BY s.request_type
