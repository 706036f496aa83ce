"""« Console SQL »: the analysts' ad-hoc queries on the pseudonymised analytics base."""
