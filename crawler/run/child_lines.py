"""The lines a crawl child prints for its runner on stdout: progress, and its outcome when it ends."""

PROGRESS_PREFIX = "NWPROGRESS "
# The run's outcome, as one JSON line on stdout when the spider closes.
OUTCOME_PREFIX = "NWOUTCOME "
