-- name: kpi/persons_rehoused_since
-- Personnes relogées depuis une date : le cumul, mois par mois, des personnes des ménages relogés entre la date de départ du cumul et le dernier jour de la période, bornes comprises (les mêmes ménages que « Ménages relogés en cumul » : chaque ménage une fois, dans le mois de son premier relogement depuis la date de départ), chaque ménage comptant ses membres le jour de ce relogement (déclarés à l'accueil ou arrivés au plus tard ce jour-là, et pas encore partis) ; à côté, les ménages du mois et leur cumul ; seuls les mois ayant un relogement apparaissent. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour entre la date de départ et le dernier jour de la période.
-- title: Personnes relogées en cumul
-- section: Ménages
-- order: 45
-- figure: max cumulative
-- format: count
-- chart: line x=month y=cumulative
-- columns: month=Mois, households=Ménages relogés dans le mois, persons=Personnes relogées dans le mois, cumulative_households=Ménages relogés depuis le début, cumulative=Personnes relogées depuis le début
-- with: firsts = shared/rehoused_households(start=since)
-- with: filtered = shared/filtered_households(start=since)
WITH rehoused AS (
    SELECT h.id, f.rehoused_on
    FROM firsts f
    JOIN filtered h ON h.id = f.household_id
),
monthly AS (
    SELECT strftime(r.rehoused_on, '%Y-%m') AS month,
           count(DISTINCT r.id) AS households, count(p.id) AS persons
    FROM rehoused r
    LEFT JOIN person p ON p.household_id = r.id
        AND (p.joined_on IS NULL OR p.joined_on <= r.rehoused_on)
        AND (p.left_on IS NULL OR p.left_on > r.rehoused_on)
    GROUP BY strftime(r.rehoused_on, '%Y-%m')
)
SELECT month, households, persons,
       CAST(sum(households) OVER (ORDER BY month) AS BIGINT) AS cumulative_households,
       CAST(sum(persons) OVER (ORDER BY month) AS BIGINT) AS cumulative
FROM monthly
ORDER BY month
