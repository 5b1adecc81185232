"""The regulatory compliance record of a Pemda: regulations, planning, evidence files."""
