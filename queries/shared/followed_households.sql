-- name: shared/followed_households
-- Ménages suivis sur la période, la définition que lisent tous les indicateurs et leurs listes : les ménages actifs au moins un jour entre le premier ($start) et le dernier jour ($end), bornes comprises, lus dans les périodes de suivi tirées de l'historique daté des statuts (une période, d'une ouverture ou réouverture à la clôture suivante, commencée au plus tard le dernier jour et non close avant le premier ; un dossier clos puis rouvert compte, un dossier clos avant la période non) ; counted_on, le jour où l'on compte ses membres : le dernier jour de la période s'il est encore suivi ce jour-là, sinon le dernier jour de sa dernière période de suivi.
SELECT household_id,
       CASE WHEN max(CASE WHEN to_on IS NULL OR to_on >= $end THEN 1 ELSE 0 END) = 1
            THEN $end ELSE max(to_on) END AS counted_on
FROM household_follow_span
WHERE from_on <= $end AND (to_on IS NULL OR to_on >= $start)
GROUP BY household_id
