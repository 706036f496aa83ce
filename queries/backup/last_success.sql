-- name: backup/last_success
-- When the last backup that was written and verified was taken (empty: none yet).
SELECT max(taken_at) AS taken_at
FROM backup_log
WHERE verified AND error IS NULL
