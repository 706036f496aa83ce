-- name: households/duplicates
-- Files with a member of the same name and birth date (case and accents aside) or phone.
WITH wanted AS (
    SELECT fold(trim(l) || ' ' || trim(f)) AS name_key, b AS birth_date
    FROM (SELECT unnest(CAST($last_names AS VARCHAR[])) AS l,
                 unnest(CAST($first_names AS VARCHAR[])) AS f,
                 unnest(CAST($birth_dates AS DATE[])) AS b)
),
matches AS (
    SELECT p.household_id AS id, 'même nom, prénom et date de naissance' AS reason
    FROM person p
    JOIN wanted w ON p.name_key = w.name_key AND p.birth_date = w.birth_date
    UNION
    SELECT id, 'même numéro de téléphone' AS reason
    FROM household
    WHERE $phone IS NOT NULL AND phone = $phone
)
SELECT h.id, h.file_number, h.head_name, h.status, h.commune, h.opened_on,
       string_agg(DISTINCT m.reason, ' ; ') AS reason
FROM matches m
JOIN household h ON h.id = m.id
GROUP BY h.id, h.file_number, h.head_name, h.status, h.commune, h.opened_on
ORDER BY h.opened_on DESC
LIMIT 20
