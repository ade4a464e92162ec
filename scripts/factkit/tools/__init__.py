"""Tools that sit on top of everything: the synthetic corpus and the benchmarks."""
