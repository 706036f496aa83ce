-- name: imports/duplicates
-- The intake's duplicate rule (queries/households/duplicates.sql) for many households at
-- once: for each household of the file ($keys, one per member or phone given), the
-- existing file with a member of the same name and birth date (case and accents aside),
-- or with the same phone. One match per household of the file: the latest opened.
WITH wanted AS (
    SELECT k AS key, fold(trim(l) || ' ' || trim(f)) AS name_key, b AS birth_date
    FROM (SELECT unnest(CAST($keys AS BIGINT[])) AS k,
                 unnest(CAST($last_names AS VARCHAR[])) AS l,
                 unnest(CAST($first_names AS VARCHAR[])) AS f,
                 unnest(CAST($birth_dates AS DATE[])) AS b)
),
phones AS (
    SELECT unnest(CAST($phone_keys AS BIGINT[])) AS key,
           unnest(CAST($phones AS VARCHAR[])) AS phone
),
matches AS (
    SELECT w.key, p.household_id AS id, 'même nom, prénom et date de naissance' AS reason
    FROM wanted w
    JOIN person p ON p.name_key = w.name_key AND p.birth_date = w.birth_date
    UNION
    SELECT ph.key, h.id, 'même numéro de téléphone' AS reason
    FROM phones ph
    JOIN household h ON h.phone = ph.phone
)
SELECT m.key, h.id, h.file_number, string_agg(DISTINCT m.reason, ' ; ') AS reason
FROM matches m
JOIN household h ON h.id = m.id
GROUP BY m.key, h.id, h.file_number, h.opened_on
QUALIFY row_number() OVER (PARTITION BY m.key ORDER BY h.opened_on DESC, h.id DESC) = 1
