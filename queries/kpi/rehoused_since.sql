-- name: kpi/rehoused_since
-- Ménages relogés depuis une date : le cumul, mois par mois, des ménages relogés entre la date de départ du cumul et le dernier jour de la période, bornes comprises (même définition que « Ménages relogés » : un bail de ménage de l'association qui commence sans prolonger un autre bail de ménage du même ménage en cours la veille, ou une mesure terminée avec le motif « relogé »), chaque ménage compté une fois, dans le mois de son premier relogement depuis la date de départ ; seuls les mois ayant un relogement apparaissent. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour entre la date de départ et le dernier jour de la période.
-- title: Ménages relogés en cumul
-- section: Ménages
-- order: 40
-- figure: max cumulative
-- format: count
-- chart: line x=month y=cumulative
-- columns: month=Mois, households=Relogés dans le mois, cumulative=Relogés depuis le début
-- with: rehoused = shared/rehoused_households(start=since)
-- with: filtered = shared/filtered_households(start=since)
WITH monthly AS (
    SELECT strftime(f.rehoused_on, '%Y-%m') AS month, count(*) AS households
    FROM rehoused f
    JOIN filtered h ON h.id = f.household_id
    GROUP BY strftime(f.rehoused_on, '%Y-%m')
)
SELECT month, households,
       CAST(sum(households) OVER (ORDER BY month) AS BIGINT) AS cumulative
FROM monthly
ORDER BY month
