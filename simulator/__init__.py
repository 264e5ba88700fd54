"""Offline simulator of the watched government sites: generated corpus, platform renderers, HTTP server."""
