-- The association's tenants come from the leases, not from the housing situation typed at
-- intake: a household is one on a day when a sublease or a bail glissant of the
-- association covers that day (after its slide, a bail glissant's household is the
-- owner's direct tenant: the sublease ended the day before). Rental management reads
-- those files (db/rules.py, household_scope), and the lists filter with this macro.
-- Call it with a qualified column, association_tenant(h.id, …): a bare `id` would be read
-- inside the macro's subquery as the lease's own id.
CREATE MACRO association_tenant(hid, day) AS EXISTS (
    SELECT 1
    FROM lease l
    WHERE l.household_id = hid
      AND l.kind IN ('sous_location', 'bail_glissant')
      AND l.start_on <= day
      AND (l.end_on IS NULL OR l.end_on >= day)
);
