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
-- with: stock = shared/filtered_dwelling_days
SELECT programme,
       CAST(sum(stock_days - occupied_days) AS BIGINT) AS vacancy_days,
       round(sum(round(CAST((stock_days - occupied_days) * rent AS DOUBLE) / 30, 2)), 2)
           AS rent_lost
FROM stock
GROUP BY programme
ORDER BY programme
