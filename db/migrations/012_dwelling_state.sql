-- A dwelling's state on a day comes from here, and every screen reads it from here (the
-- stock, its counts, the dwelling's sheet, the dashboard's lists): « prevu » before it
-- enters the stock, « restitue » after it left it, « occupe » when a household lease
-- (sous-location, bail glissant, bail direct; end_on being the last day occupied) covers
-- the day, else « travaux » when its record says works are under way, else « vacant ».
-- The status typed on the dwelling's record only says whether works are under way: the
-- leases say whether it is occupied, its dates whether it is in the stock.
-- (kpi/stock keeps the same rule written out in portable SQL for the benchmark's SQLite
-- copy; tests/test_dwelling_state.py checks that both agree.)
-- Its own aliases (state_d, state_l) are names no caller uses: a macro's arguments are
-- put in its text, so a caller's d.id would otherwise be read as the macro's own d.id.
CREATE MACRO dwelling_state(did, day) AS (
    SELECT CASE
        WHEN state_d.entered_on > day THEN 'prevu'
        WHEN state_d.left_on IS NOT NULL AND state_d.left_on < day THEN 'restitue'
        WHEN EXISTS (
            SELECT 1
            FROM lease state_l
            WHERE state_l.dwelling_id = state_d.id
              AND state_l.household_id IS NOT NULL
              AND state_l.start_on <= day
              AND (state_l.end_on IS NULL OR state_l.end_on >= day)
        ) THEN 'occupe'
        WHEN state_d.status = 'travaux' THEN 'travaux'
        ELSE 'vacant'
    END
    FROM dwelling state_d
    WHERE state_d.id = did
);
