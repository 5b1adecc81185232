"""Pantau: monev of universal employment social security coverage (Inpres 2/2021)."""

__version__ = "0.1.0"
