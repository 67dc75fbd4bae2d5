"""The open data, the second product: CSV / XLSX / JSON tables, the Frictionless package, SHA256SUMS."""
