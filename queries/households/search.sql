-- name: households/search
-- One page of households matching a search and filters, in an allowed order, with the total.
WITH found AS (
    SELECT h.id, h.file_number, h.head_name, h.status, h.referent,
           u.display_name AS referent_name, h.commune, h.housing_situation, h.request_type,
           h.family_type, h.phone, h.opened_on, h.last_contact_on
    FROM household h
    LEFT JOIN users u ON u.username = h.referent
    WHERE ($term IS NULL OR h.search_key LIKE '%' || strip_accents(lower($term)) || '%')
      AND ($status IS NULL OR h.status = $status)
      AND ($referent IS NULL OR h.referent = $referent)
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($housing_situation IS NULL OR h.housing_situation = $housing_situation)
      AND ($request_type IS NULL OR h.request_type = $request_type)
      AND ($only_referent IS NULL OR h.referent = $only_referent)
      AND (NOT $only_tenants OR h.housing_situation = 'sous_locataire_association')
)
SELECT *, (SELECT count(*) FROM found) AS total
FROM found
ORDER BY
    CASE WHEN $sort = 'last_contact_desc' THEN last_contact_on END DESC NULLS LAST,
    CASE WHEN $sort = 'opened_desc' THEN opened_on END DESC,
    CASE WHEN $sort = 'file_number' THEN file_number END,
    CASE WHEN $sort = 'name' THEN head_name END,
    id DESC
LIMIT $limit OFFSET $offset
