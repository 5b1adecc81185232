"""APBD allocations of a Pemda: recording one, its form and page, the budget file import."""
