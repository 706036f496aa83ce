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
       OR h.id IN (SELECT unnest(CAST($household_ids AS BIGINT[])))
    GROUP BY h.id, h.file_number, h.phone
) AS k
WHERE household.id = k.id
"""

REFRESH_NAME_KEYS = """
UPDATE person SET name_key = fold(trim(last_name) || ' ' || trim(first_name))
WHERE $household_id IS NULL OR household_id = $household_id
   OR household_id IN (SELECT unnest(CAST($household_ids AS BIGINT[])))
"""


def refresh_search_keys(cur, household_id: int) -> None:
    params = {"household_id": household_id, "household_ids": []}
    cur.execute(REFRESH_NAME_KEYS, params)
    cur.execute(REFRESH_SEARCH_KEYS, params)


def refresh_search_keys_of(cur, household_ids: list[int]) -> None:
    """These households' keys (an import: thousands at once)."""
    if not household_ids:
        return
    params = {"household_id": -1, "household_ids": household_ids}
    cur.execute(REFRESH_NAME_KEYS, params)
    cur.execute(REFRESH_SEARCH_KEYS, params)


def refresh_all_search_keys(cur) -> None:
    params = {"household_id": None, "household_ids": []}
    cur.execute(REFRESH_NAME_KEYS, params)
    cur.execute(REFRESH_SEARCH_KEYS, params)
