"""Reads of the statistics: every figure starts from a `FiguresScope`."""
