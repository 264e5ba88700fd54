"""Tests of distributed mode: outbox, dispatch, reconciler, leadership, and real workers on PostgreSQL and Redis."""
