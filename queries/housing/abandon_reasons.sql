-- name: housing/abandon_reasons
-- Why leads were abandoned from $start to $end (both included, by date of abandonment): one row per reason with its number of leads, the most frequent first (then by reason code).
SELECT abandoned_reason, count(*) AS leads
FROM capture_lead
WHERE abandoned_on BETWEEN $start AND $end
GROUP BY abandoned_reason
ORDER BY leads DESC, abandoned_reason
