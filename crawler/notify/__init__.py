"""Sending: channels (email, apprise), SMTP, templates, exactly-once delivery records."""
