"""Home: what the dataset is, the key facts at a glance, counts, version, downloads, how to cite,
and the schema.org Dataset description (JSON-LD) that the theme override puts in the page head."""
from __future__ import annotations

from . import releases, urls
from .claims import ordered_claims
from .downloads import listing
from .method import coverage
from .spec import PageSpec
from .timeline import date_order

# The home page shows the events and claims the article reports first (a news article puts what
# matters most at the top), in date order; the timeline and claims pages show all of them.
GLANCE_EVENTS = 6
GLANCE_CLAIMS = 3
# The JSON-LD lists each article's text as a download only while there are few of them.
MAX_JSONLD_TEXTS = 10


def lede_events(data) -> list[dict]:
    chosen = sorted(data.rows["events"], key=lambda e: (data.facts[e["event_id"]].first_read, e["event_id"]))[:GLANCE_EVENTS]
    return sorted(chosen, key=date_order)


def citation(plan) -> dict:
    d = plan.data.descriptor
    authors = ", ".join(c.get("title", "") for c in d.get("contributors", []) if c.get("title")) or d.get("name", "")
    # The release date of this version when it is released (releases/<version>/manifest.json).
    released = next((r["date"] for r in releases.records(plan) if r["version"] == plan.data.version), "")
    year = (released or d.get("created") or "")[:4]
    return {"authors": authors, "year": year, "title": d.get("title", d.get("name", "")),
            "version": plan.data.version, "date": released, "url": plan.site_url}


def jsonld(plan) -> dict:
    d = plan.data.descriptor
    distributions = []
    files = listing(plan)
    texts = [f for f in files if f["name"].endswith(".txt")]
    if len(texts) > MAX_JSONLD_TEXTS:
        # One entry per article text would grow the home page's head with the corpus (issue 5:
        # pages stay under 100 KB); the texts are all in the zip, and each is on the Downloads page.
        files = [f for f in files if f not in texts]
    for f in files:
        # schema.org has no checksum property for DataDownload: the sha256 is on the Downloads page.
        entry = {"@type": "DataDownload", "name": f["name"], "contentUrl": urls.absolute(plan.site_url, f["src_uri"]),
                 "contentSize": f"{f['bytes']} B"}
        fmt = {"json": "application/json", "csv": "text/csv", "zip": "application/zip", "txt": "text/plain"}.get(f["name"].rsplit(".", 1)[-1])
        if fmt:
            entry["encodingFormat"] = fmt
        distributions.append(entry)
    out = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": d.get("title", d.get("name")),
        "alternateName": d.get("name"),
        "description": d.get("description", ""),
        "url": plan.site_url,
        "version": plan.data.version,
        "keywords": d.get("keywords", []),
        "isAccessibleForFree": True,
        "creator": [{"@type": "Organization", "name": c["title"]} for c in d.get("contributors", []) if c.get("title")],
        "distribution": distributions,
    }
    licences = [lic.get("path") or lic.get("name") for lic in d.get("licenses", [])]
    if licences:
        out["license"] = licences[0] if len(licences) == 1 else licences
    if d.get("created"):
        out["dateModified"] = d["created"]
    if d.get("homepage"):
        out["sameAs"] = d["homepage"]
    return out


def pages(plan) -> list[PageSpec]:
    data = plan.data
    events = lede_events(data)
    claims = ordered_claims(data)
    return [PageSpec(
        urls.HOME, plan.site_name, "home.html",
        lambda: {
            "descriptor": data.descriptor,
            "counts": data.counts(),
            "events": events, "event_total": len(data.rows["events"]),
            "claims": claims[:GLANCE_CLAIMS], "claim_total": len(claims),
            "entity_total": len(data.entities),
            "coverage": coverage(data),
            "files": listing(plan),
            "cite": citation(plan),
            "sources": sorted(data.sources.values(), key=lambda s: s["source_id"]),
        },
        in_nav=True, searchable=True,
        meta={"factkit_jsonld": jsonld(plan)},
    )]
