"""Write: the OutputTree to disk (plan, diff, manifest, atomic writes); nothing else writes."""
