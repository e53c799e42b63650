"""Ground every part stands on: money, durations, the clock, refusals, settings, paths,
logs and the credential guard."""
