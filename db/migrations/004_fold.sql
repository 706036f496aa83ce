-- One folding of text for search and duplicate checks: lower case, no accents, and the
-- ligatures œ and æ written oe and ae ("MERCOEUR" finds "Mercœur"). The search keys are
-- computed again with it.

CREATE MACRO fold(text_value) AS
    replace(replace(strip_accents(lower(text_value)), 'œ', 'oe'), 'æ', 'ae');

UPDATE person SET name_key = fold(trim(last_name) || ' ' || trim(first_name));

UPDATE household SET search_key = k.search_key
FROM (
    SELECT h.id,
           fold(concat_ws(' ', h.file_number,
               string_agg(p.last_name || ' ' || p.first_name, ' '),
               regexp_replace(coalesce(h.phone, ''), '[^0-9]', '', 'g'))) AS search_key
    FROM household h LEFT JOIN person p ON p.household_id = h.id
    GROUP BY h.id, h.file_number, h.phone
) AS k
WHERE household.id = k.id;
