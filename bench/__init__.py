"""Benchmarks of Détente: ``make bench`` runs every ``bench/bench_*.py`` module.

Speed is reported as ratios against a baseline measured in the same run (machines are noisy),
never as timed assertions in unit tests. Each module writes its results to ``bench/results/``.
"""
