"""The daily digest: one email per local day with highlights, new, changed, open, withdrawn and source health."""
