"""Original and independent sources of each claim.

- The original source of a path is its last hop; a statement with no attribution makes its
  publisher an origin of its own, marked unattributed.
- Originals that share an owner in the gazetteer are one independent origin
  (RIA Novosti and Sputnik: Rossiya Segodnya).
- A group source of a country's state media ("Russian state media") absorbs the named
  state-affiliated outlets of that country that the same claim cites as originals.
"""
from __future__ import annotations

import polars as pl

from ..resolve import UNRESOLVED

from ..gazetteer import OUTLET_KINDS, Gazetteer
from .rows import source_key


def statement_origins(st: pl.DataFrame, ci: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(row, path, origin): the last hop of each path, or the publisher when unattributed (path 0);
    and (origin, name, source_id, unattributed), the distinct origins by integer code.
    `st` and `ci` as from `table.slim_tables`."""
    kind = pl.col("cited_kind") if "cited_kind" in ci.columns else pl.lit("")
    last = (ci.select("row", "path", "hop", "cited", "source_id", kind.alias("cited_kind"))
            .sort("row", "path", "hop")
            .group_by("row", "path", maintain_order=True).last())
    attributed = last.select("row").unique()
    # an unresolved pronoun ("he" with no one it can stand for) is no original of its own
    last = (last.filter(pl.col("cited_kind").fill_null("") != UNRESOLVED)
            .select("row", pl.col("path").cast(pl.Int64), pl.col("cited").alias("name"),
                    source_key().alias("source_id"), pl.lit(False).alias("unattributed")))
    own = (st.select("speaker").with_row_index("row").join(attributed, on="row", how="anti")
           .select("row", pl.lit(0, pl.Int64).alias("path"), pl.col("speaker").alias("name"),
                   pl.lit(True).alias("unattributed")))
    speakers = own.select("name").unique().with_columns(
        (pl.lit("publisher:") + pl.col("name").str.to_lowercase()).alias("source_id"), pl.lit(True).alias("unattributed"))
    key = ["name", "source_id", "unattributed"]
    origins = (pl.concat([last.select(key).unique(), speakers.select(key)]).unique().sort(key)
               .with_row_index("origin"))
    coded = pl.concat([
        last.join(origins, on=key).select("row", "path", "origin"),
        own.join(origins.filter(pl.col("unattributed")), on="name").select("row", "path", "origin")])
    return coded.sort("row", "path"), origins


def origin_attributes(origins: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Per distinct origin: countries whose state media it names as a group, its state country, its owner key."""
    out = []
    for name, source_id in origins.select("name", "source_id").unique().sort("name", "source_id").iter_rows():
        low = name.lower()
        groups = []
        if source_id.startswith("group:") and "media" in low or "news agencies" in low:
            groups = [code for code, country in gazetteer.countries.items()
                      if any(low.startswith(adj.lower() + " ") for adj in country.adjectives)]
        entry = gazetteer.entries.get(source_id)
        state = entry.country if entry is not None and entry.state_affiliated and entry.kind in OUTLET_KINDS else None
        owner = "owner:" + entry.owner.lower() if entry is not None and entry.owner else None
        out.append({"name": name, "source_id": source_id, "group_countries": groups, "state_country": state,
                    "owner_key": owner})
    schema = {"name": pl.String, "source_id": pl.String, "group_countries": pl.List(pl.String),
              "state_country": pl.String, "owner_key": pl.String}
    return pl.DataFrame(out, schema=schema, orient="row") if out else pl.DataFrame(schema=schema)


def claim_origins(st: pl.DataFrame, ci: pl.DataFrame, members: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Per claim: its originals in order of appearance, how many, and how many independent ones."""
    coded, origins = statement_origins(st, ci)
    per_claim = (members.select("claim", "row").join(coded, on="row")
                 .sort("claim", "row", "path")
                 .unique(["claim", "origin"], keep="first", maintain_order=True)
                 .join(origins, on="origin", how="left", maintain_order="left"))
    attrs = origin_attributes(per_claim, gazetteer)
    per_claim = per_claim.join(attrs, on=["name", "source_id"], how="left", maintain_order="left")
    groups = (per_claim.select("claim", pl.col("group_countries").alias("country"),
                               (pl.lit("group:") + pl.col("name").str.to_lowercase()).alias("group_key"))
              .explode("country").drop_nulls("country").unique(["claim", "country"], keep="first",
                                                                maintain_order=True))
    per_claim = (per_claim.join(groups, left_on=["claim", "state_country"], right_on=["claim", "country"],
                                how="left", maintain_order="left")
                 .with_columns(pl.coalesce("group_key", "owner_key", "source_id").alias("key")))
    return per_claim.group_by("claim").agg(
        pl.col("name").unique(maintain_order=True).alias("originals"),
        pl.len().cast(pl.Int64).alias("n_originals"),
        pl.col("key").n_unique().cast(pl.Int64).alias("n_independent_origins"),
        pl.col("key").first().alias("first_origin"))
