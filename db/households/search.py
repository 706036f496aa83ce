"""Search keys: names, file number and phone digits without accents or capitals.

Computed by the database's own `fold` macro (lower case, no accents, œ and æ written oe
and ae; migration 004) so that a search term folded the same way in
queries/households/*.sql always matches ("eloise" finds "Éloïse", "mercoeur" "Mercœur").
"""

REFRESH_SEARCH_KEYS = """
UPDATE household SET search_key = k.search_key
FROM (
    SELECT h.id,
           fold(concat_ws(' ', h.file_number,
               string_agg(p.last_name || ' ' || p.first_name, ' '),
               regexp_replace(coalesce(h.phone, ''), '[^0-9]', '', 'g'))) AS search_key
    FROM household h LEFT JOIN person p ON p.household_id = h.id
    WHERE $household_id IS NULL OR h.id = $household_id
    GROUP BY h.id, h.file_number, h.phone
) AS k
WHERE household.id = k.id
"""

REFRESH_NAME_KEYS = """
UPDATE person SET name_key = fold(trim(last_name) || ' ' || trim(first_name))
WHERE $household_id IS NULL OR household_id = $household_id
"""


def refresh_search_keys(cur, household_id: int) -> None:
    cur.execute(REFRESH_NAME_KEYS, {"household_id": household_id})
    cur.execute(REFRESH_SEARCH_KEYS, {"household_id": household_id})


def refresh_all_search_keys(cur) -> None:
    cur.execute(REFRESH_NAME_KEYS, {"household_id": None})
    cur.execute(REFRESH_SEARCH_KEYS, {"household_id": None})
