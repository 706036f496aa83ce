-- name: kpi/resources
-- Ressources des ménages suivis : parmi les ménages suivis (actifs au moins un jour entre le premier et le dernier jour de la période, bornes comprises, selon les périodes de suivi tirées de l'historique daté des statuts, comme « Ménages suivis »), pour chaque type de ressource, le nombre et la part des ménages ayant au moins une ressource de ce type perçue au moins un jour de la période (perçue à partir de sa date de début, vide : depuis toujours, jusqu'à la veille de sa date de fin, vide : toujours perçue) ; un ménage compte dans chacun de ses types. La part avec ressources (la même sur chaque ligne) est celle des ménages suivis ayant au moins une ressource autre que « sans ressources ». Seuls les types présents apparaissent. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Ressources des ménages suivis
-- section: Ménages
-- order: 80
-- figure: first share_any
-- format: percent
-- chart: hbar x=kind y=share
-- columns: kind=Type de ressource, households=Ménages, share=Part des ménages suivis, share_any=Part des ménages suivis ayant des ressources
-- labels: kind=RESOURCE_TYPE
-- with: spans = shared/followed_households
-- with: filtered = shared/filtered_households
-- with: received_all = shared/resources_received
WITH followed AS (
    SELECT s.household_id
    FROM spans s
    JOIN filtered h ON h.id = s.household_id
),
received AS (
    SELECT DISTINCT r.household_id, r.kind
    FROM received_all r
    JOIN followed f ON f.household_id = r.household_id
),
totals AS (
    SELECT (SELECT count(*) FROM followed) AS followed,
           (SELECT count(DISTINCT household_id) FROM received
            WHERE kind <> 'sans_ressources') AS with_any
)
SELECT r.kind, count(*) AS households,
       CAST(count(*) AS DOUBLE) / nullif(t.followed, 0) AS share,
       CAST(t.with_any AS DOUBLE) / nullif(t.followed, 0) AS share_any
FROM received r
CROSS JOIN totals t
GROUP BY r.kind, t.followed, t.with_any
ORDER BY households DESC, r.kind
