"""Alerts: watch rules, and routing change events to channels right away (delivery.py)."""
