"""The cramps benchmark suite (not part of the test run): ``python benchmarks/run.py``."""
