"""Personal data (RGPD): retention and anonymisation, right of access, erasure."""
