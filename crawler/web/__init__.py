"""The web console and Atom feeds: server-rendered pages over a read-only view of the database."""
