"""Benchmarks: ROUGE against classic extractive summarizers, and speed on growing inputs."""
