"""Small lookups over the package that several figures share, done in polars (converting whole
tables to Python dicts was the largest cost on a 1,000-article package)."""
from __future__ import annotations

import polars as pl

from ..core.model import Package


def first_sentence(package: Package) -> dict[str, str]:
    """fact_id -> the sentence of its first anchor in reading order."""
    anchors = package.tables["anchors"]
    if anchors.height == 0:
        return {}
    first = (anchors.select("fact_id", "source_id", "start", "sentence_id")
             .sort(["source_id", "start", "fact_id"])
             .unique(subset="fact_id", keep="first", maintain_order=True))
    return dict(zip(first["fact_id"].to_list(), first["sentence_id"].to_list()))


def facts_per_sentence(package: Package) -> dict[str, int]:
    """sentence_id -> number of distinct facts anchored in it."""
    anchors = package.tables["anchors"]
    if anchors.height == 0:
        return {}
    counts = anchors.group_by("sentence_id").agg(pl.col("fact_id").n_unique().alias("n"))
    return dict(zip(counts["sentence_id"].to_list(), counts["n"].to_list()))


def rows(package: Package, table: str, columns: list[str]) -> list[dict]:
    """Rows of only the columns a figure reads."""
    return package.tables[table].select(columns).to_dicts()
