"""Thin entry points: parse, call one service or selector, render or redirect."""
