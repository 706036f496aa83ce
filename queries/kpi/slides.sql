-- name: kpi/slides
-- Baux glissants ayant glissé dans la période : les baux dont la date de glissement (premier jour où le ménage est locataire en titre) tombe entre le premier et le dernier jour de la période, bornes comprises, comptés par dispositif du logement. Filtres : commune et dispositif du logement.
-- title: Glissements de bail
-- section: Logements
-- order: 40
-- figure: sum slides
-- format: count
-- chart: bar x=programme y=slides
-- columns: programme=Dispositif, slides=Baux glissés
-- labels: programme=PROGRAMME
-- drill: kpi_drill/dwellings
SELECT d.programme, count(*) AS slides
FROM lease l
JOIN dwelling d ON d.id = l.dwelling_id
WHERE l.slid_on BETWEEN $start AND $end
  AND ($commune IS NULL OR d.commune = $commune)
  AND ($programme IS NULL OR d.programme = $programme)
GROUP BY d.programme
ORDER BY d.programme
