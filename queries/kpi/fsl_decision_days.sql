-- name: kpi/fsl_decision_days
-- Délai de décision FSL : pour les demandes décidées entre le premier et le dernier jour de la période, bornes comprises (statut « accordée » ou « refusée », date de décision dans la période), la médiane du nombre de jours entre le dépôt et la décision, par type d'aide et sur tous les types (la même sur chaque ligne). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Délai de décision FSL (médiane)
-- section: Accompagnement
-- order: 26
-- figure: first overall_median_days
-- format: days
-- chart: bar x=kind y=median_days
-- columns: kind=Type d'aide, decided=Demandes décidées, median_days=Délai médian (jours), overall_median_days=Délai médian tous types (jours)
-- labels: kind=FSL_KIND
-- A median without median(): the middle row (odd count) or the mean of the two middle
-- rows (even count), found with row_number() and count() windows.
-- with: filtered = shared/filtered_households
WITH decided AS (
    SELECT a.kind, date_diff('day', a.submitted_on, a.decided_on) AS days
    FROM fsl_application a
    JOIN filtered h ON h.id = a.household_id
    WHERE a.decided_on BETWEEN $start AND $end
      AND a.status IN ('accordee', 'refusee')
      AND a.submitted_on IS NOT NULL
),
ranked AS (
    SELECT kind, days,
           row_number() OVER (PARTITION BY kind ORDER BY days) AS kind_rn,
           count(*) OVER (PARTITION BY kind) AS kind_n,
           row_number() OVER (ORDER BY days) AS all_rn,
           count(*) OVER () AS all_n
    FROM decided
),
by_kind AS (
    SELECT kind, max(kind_n) AS decided, avg(CAST(days AS DOUBLE)) AS median_days
    FROM ranked
    WHERE kind_rn * 2 BETWEEN kind_n AND kind_n + 2
    GROUP BY kind
),
overall AS (
    SELECT avg(CAST(days AS DOUBLE)) AS overall_median_days
    FROM ranked
    WHERE all_rn * 2 BETWEEN all_n AND all_n + 2
)
SELECT b.kind, b.decided, b.median_days, o.overall_median_days
FROM by_kind b
CROSS JOIN overall o
ORDER BY b.kind
