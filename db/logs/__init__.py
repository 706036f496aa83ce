"""The audit and access logs as an admin reads them: filters, French labels, readable
diffs, and the access log's purge (CNIL: access logs kept 6 to 12 months)."""
