"""The demo world: generated lists and members, demo accounts, budgets and workforce."""
