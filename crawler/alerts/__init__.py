"""Alerts: watch rules, channels (email, apprise) and exactly-once delivery of change events."""

from crawler.alerts.dispatch import DispatchReport, dispatch_pending
from crawler.notify.testsend import test_channels

__all__ = ["DispatchReport", "dispatch_pending", "test_channels"]
