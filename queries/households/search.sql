-- name: households/search
-- One page of households matching a search and filters, in an allowed order, with the total.
-- The sort carries only ids and sort keys; the page's 25 rows are fetched afterwards,
-- which keeps a deep page (offset 900 000) from sorting every column of every row.
WITH found AS (
    SELECT h.id, h.head_name, h.file_number, h.opened_on, lc.last_contact_on
    FROM household h
    LEFT JOIN household_last_contact lc ON lc.household_id = h.id
    -- Every word of the term, in any order, as plain text (no LIKE: « % » and « _ » typed
    -- are characters, not wildcards): « Océane Delmas » finds « DELMAS Océane ».
    WHERE ($term IS NULL OR list_bool_and(list_transform(
               string_split_regex(trim(fold($term)), '\s+'), lambda w: contains(h.search_key, w))))
      AND ($status IS NULL OR h.status = $status)
      AND ($referent IS NULL OR h.referent = $referent)
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($housing_situation IS NULL OR h.housing_situation = $housing_situation)
      AND ($request_type IS NULL OR h.request_type = $request_type)
      -- The read rule of db/rules.py (household_scope), as SQL.
      AND ($sees_all OR h.referent = $referent_of
           OR ($sees_tenants AND association_tenant(h.id, current_date)))
),
page AS (
    SELECT id,
           CASE WHEN $sort = 'last_contact_desc' THEN last_contact_on END AS by_contact,
           CASE WHEN $sort = 'opened_desc' THEN opened_on END AS by_opening,
           CASE WHEN $sort = 'file_number' THEN file_number END AS by_number,
           CASE WHEN $sort = 'name' THEN head_name END AS by_name
    FROM found
    ORDER BY by_contact DESC NULLS LAST, by_opening DESC, by_number, by_name, id DESC
    LIMIT $limit OFFSET $offset
)
SELECT h.id, h.file_number, h.head_name, h.status, h.referent,
       u.display_name AS referent_name, h.commune, h.housing_situation, h.request_type,
       h.family_type, h.phone, h.opened_on, found.last_contact_on,
       (SELECT count(*) FROM found) AS total
FROM page
JOIN household h ON h.id = page.id
JOIN found ON found.id = page.id
LEFT JOIN users u ON u.username = h.referent
ORDER BY page.by_contact DESC NULLS LAST, page.by_opening DESC, page.by_number, page.by_name,
         page.id DESC
