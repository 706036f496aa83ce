-- name: kpi/rsa_share
-- Part des ménages suivis au RSA : parmi les ménages suivis (actifs au moins un jour entre le premier et le dernier jour de la période, bornes comprises, selon les périodes de suivi tirées de l'historique daté des statuts, comme « Ménages suivis »), la part des ménages percevant le RSA, c'est-à-dire ayant au moins une ressource de type « rsa » perçue au moins un jour de la période (perçue à partir de sa date de début, vide : depuis toujours, jusqu'à la veille de sa date de fin, vide : toujours perçue). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Part des ménages suivis au RSA
-- section: Ménages
-- order: 60
-- figure: first share
-- format: percent
-- chart: none
-- columns: households=Ménages suivis, with_rsa=Ménages au RSA, share=Part
WITH followed AS (
    SELECT DISTINCT household_id
    FROM household_follow_span
    WHERE from_on <= $end AND (to_on IS NULL OR to_on >= $start)
),
receiving AS (
    SELECT DISTINCT r.household_id
    FROM resource r
    WHERE r.kind = 'rsa'
      AND (r.valid_from IS NULL OR r.valid_from <= $end)
      AND (r.valid_until IS NULL OR r.valid_until > $start)
      AND (r.valid_from IS NULL OR r.valid_until IS NULL OR r.valid_until > r.valid_from)
)
SELECT count(*) AS households,
       count(g.household_id) AS with_rsa,
       CAST(count(g.household_id) AS DOUBLE) / nullif(count(*), 0) AS share
FROM household h
JOIN followed f ON f.household_id = h.id
LEFT JOIN receiving g ON g.household_id = h.id
WHERE ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
