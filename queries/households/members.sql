-- name: households/members
-- The present members of one household (those who left are kept, dated, but not listed), head first, then by birth date, each with its version.
SELECT id, role, last_name, first_name, birth_date, sex,
       date_diff('year', birth_date, current_date)
         - CASE WHEN strftime(current_date, '%m%d') < strftime(birth_date, '%m%d')
                THEN 1 ELSE 0 END AS age,
       version
FROM person
WHERE household_id = $household_id AND left_on IS NULL
ORDER BY role <> 'chef_menage', role <> 'conjoint', birth_date NULLS LAST, id
