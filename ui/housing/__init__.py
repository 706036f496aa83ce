"""Screens of « Logements » (the stock, its dwellings, leases and owners) and of
« Captation » (the capture pipeline)."""
