-- name: console/history_count
-- How many queries one person has run in the console (their history's length).
SELECT count(*) AS total
FROM console_log
WHERE username = $username
