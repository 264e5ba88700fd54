"""`python -m crawler …` is the `newswatch` command."""

from crawler.cli import main

main()
