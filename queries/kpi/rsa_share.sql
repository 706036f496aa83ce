-- name: kpi/rsa_share
-- Part des ménages suivis au RSA : parmi les ménages suivis (actifs au moins un jour entre le premier et le dernier jour de la période, bornes comprises, selon les périodes de suivi tirées de l'historique daté des statuts, comme « Ménages suivis »), la part des ménages percevant le RSA, c'est-à-dire ayant au moins une ressource de type « rsa » perçue au moins un jour de la période (perçue à partir de sa date de début, vide : depuis toujours, jusqu'à la veille de sa date de fin, vide : toujours perçue). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Part des ménages suivis au RSA
-- section: Ménages
-- order: 60
-- figure: first share
-- format: percent
-- chart: none
-- columns: households=Ménages suivis, with_rsa=Ménages au RSA, share=Part
-- with: followed = shared/followed_households
-- with: filtered = shared/filtered_households
-- with: received = shared/resources_received
WITH receiving AS (
    SELECT DISTINCT household_id FROM received WHERE kind = 'rsa'
)
SELECT count(*) AS households,
       count(g.household_id) AS with_rsa,
       CAST(count(g.household_id) AS DOUBLE) / nullif(count(*), 0) AS share
FROM filtered h
JOIN followed f ON f.household_id = h.id
LEFT JOIN receiving g ON g.household_id = h.id
