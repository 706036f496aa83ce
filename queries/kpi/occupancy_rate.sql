-- name: kpi/occupancy_rate
-- Taux d'occupation du parc sur la période, comme le rapport d'occupation : pour chaque logement présent dans le parc au moins un jour entre le premier et le dernier jour de la période (bornes comprises), ses jours dans le parc dans la période (de la plus tardive de son entrée et du premier jour à la plus précoce de sa sortie et du dernier jour) et les jours couverts par un bail de ménage (la date de fin étant le dernier jour occupé, un bail sans fin courant jusqu'au bout de la période) ; taux = jours occupés / jours dans le parc, par dispositif, et pour tout le parc retenu sur la carte. Filtres : commune et dispositif du logement.
-- title: Taux d'occupation
-- section: Logements
-- order: 20
-- figure: first overall_rate
-- format: percent
-- chart: bar x=programme y=rate
-- columns: programme=Dispositif, stock_days=Jours dans le parc, occupied_days=Jours occupés, rate=Taux d'occupation, overall_rate=Taux d'occupation du parc
-- labels: programme=PROGRAMME
-- drill: kpi_drill/dwellings
-- with: stock = shared/filtered_dwelling_days
SELECT programme,
       CAST(sum(stock_days) AS BIGINT) AS stock_days,
       CAST(sum(occupied_days) AS BIGINT) AS occupied_days,
       CAST(sum(occupied_days) AS DOUBLE) / nullif(sum(stock_days), 0) AS rate,
       CAST(sum(sum(occupied_days)) OVER () AS DOUBLE)
           / nullif(sum(sum(stock_days)) OVER (), 0) AS overall_rate
FROM stock
GROUP BY programme
ORDER BY programme
