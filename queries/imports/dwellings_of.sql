-- name: imports/dwellings_of
-- Dwellings already in the app that a file's leases or leads name ($ids): their time in the stock and their owner, read at once for the whole sheet.
SELECT id, entered_on, left_on, owner_id
FROM dwelling
WHERE id IN (SELECT unnest(CAST($ids AS BIGINT[])))
