-- name: kpi/caseload
-- File active par travailleur social : les ménages actifs le dernier jour de la période selon les périodes de suivi tirées de l'historique daté des statuts (une période, d'une ouverture ou réouverture à la clôture suivante, commencée au plus tard ce jour-là et non close avant ce jour ; un dossier clos ce jour-là compte encore), par référent·e (vide : ménages sans référent·e) ; la moyenne (la même sur chaque ligne) est le nombre moyen de ménages par référent·e en ayant au moins un, sans les ménages sans référent·e. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Ménages par travailleur social
-- section: Équipe
-- order: 10
-- figure: first average
-- format: count
-- chart: bar x=referent y=households
-- columns: referent=Référent·e, households=Ménages actifs, average=Moyenne par référent·e
-- labels: referent=USER
-- with: active = shared/followed_households(start=end)
-- with: filtered = shared/filtered_households
WITH counted AS (
    SELECT h.referent, count(*) AS households
    FROM filtered h
    JOIN active a ON a.household_id = h.id
    GROUP BY h.referent
)
SELECT referent, households,
       avg(CASE WHEN referent IS NOT NULL THEN CAST(households AS DOUBLE) END) OVER () AS average
FROM counted
ORDER BY households DESC, referent
