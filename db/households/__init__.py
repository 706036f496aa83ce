"""Households: input models, writes, members and resources, search keys."""
