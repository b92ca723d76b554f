"""Exercises as data: one folder each, described by exercise.yaml."""
