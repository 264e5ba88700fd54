"""Small helpers used across newswatch: URLs, tables, file writes, logging, fingerprints."""
