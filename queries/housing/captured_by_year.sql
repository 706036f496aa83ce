-- name: housing/captured_by_year
-- Dwellings captured through the pipeline (a converted lead) per calendar year of their entry in the stock, entries from $start to $end (both included); years without any capture are not listed.
SELECT year(d.entered_on) AS year, count(*) AS dwellings
FROM capture_lead c
JOIN dwelling d ON d.id = c.dwelling_id
WHERE d.entered_on BETWEEN $start AND $end
GROUP BY year
ORDER BY year
