-- Accounts (Administration, « Comptes ») : a password set by an admin (a new account or a
-- reset) is temporary, and its holder must choose their own at the next sign-in.

ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false;
COMMENT ON COLUMN users.must_change_password IS 'Vrai : mot de passe provisoire (compte créé ou mot de passe réinitialisé par un administrateur) ; la personne doit en choisir un nouveau à sa prochaine connexion, avant d''accéder à l''application';
