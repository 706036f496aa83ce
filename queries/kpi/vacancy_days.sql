-- name: kpi/vacancy_days
-- Jours de vacance sur la période, comme le rapport d'occupation : pour chaque logement présent dans le parc au moins un jour entre le premier et le dernier jour de la période (bornes comprises), ses jours dans le parc dans la période non couverts par un bail de ménage (travaux compris), additionnés par dispositif ; loyer perdu = pour chaque logement jours de vacance × loyer mensuel hors charges / 30 (arrondi au centime), additionné par dispositif. Filtres : commune et dispositif du logement.
-- title: Jours de vacance
-- section: Logements
-- order: 30
-- figure: sum vacancy_days
-- format: days
-- chart: bar x=programme y=vacancy_days
-- columns: programme=Dispositif, vacancy_days=Jours de vacance, rent_lost=Loyer perdu (€)
-- labels: programme=PROGRAMME
-- drill: kpi_drill/dwellings
-- with: days = shared/dwelling_days
SELECT d.programme,
       CAST(sum(s.stock_days - s.occupied_days) AS BIGINT) AS vacancy_days,
       round(sum(round(CAST((s.stock_days - s.occupied_days) * d.rent AS DOUBLE) / 30, 2)), 2)
           AS rent_lost
FROM days s
JOIN dwelling d ON d.id = s.dwelling_id
WHERE ($commune IS NULL OR d.commune = $commune)
  AND ($programme IS NULL OR d.programme = $programme)
GROUP BY d.programme
ORDER BY d.programme
