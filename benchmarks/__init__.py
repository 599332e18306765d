"""Benchmarks of ectui at the size of a real sales department: a data generator and the run.

``python -m benchmarks.generate`` fills databases; ``benchmarks/run`` measures and prints one
JSON object; ``benchmarks/RESULTS.md`` records what was measured and what was fixed.
"""
