"""newswatch benchmarks: numbers for the README and the targets they guard (not tests; see docs/benchmarks.md)."""
