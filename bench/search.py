"""Search at scale: build rate, index size and query latency of the search index, beside a
naive LIKE scan (and the PostgreSQL backend when DATABASE_URL points at a server), in one run.

    .venv/bin/python bench/search.py [--passages 1000000] [--queries 300] [--like-queries 30]
    scripts/with-postgres .venv/bin/python bench/search.py ...   # PostgreSQL too, same run

Passages are generated in Thai, Vietnamese, English and Indonesian from the words of each
language as our own documents use them (tests/data: every word with its frequency, so
common words are common and rare words rare; Thai written without spaces between words,
as Thai is). Each passage gets a year, a series and countries, as facets.

The run builds the index in a throwaway SQLite database (segmentation and folding in worker
processes, insertion with the FTS5 triggers in this one), then times queries through the
backend as the site runs them: the top 20 with the total count, and the same with facet
counts. The 300 queries mix rare words, common words, phrases, filtered and
cross-language (expanded) queries. The baseline is a LIKE '%word%' scan of the raw text
for the same words, on fewer queries (it takes seconds each at this size).

With DATABASE_URL pointing at PostgreSQL, the run then builds the same passages in that
database (GIN index made after loading, as a bulk load would) and times the same queries
through the PostgreSQL backend, in a child process of this run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ENVCOOP_VAR_DIR"] = tempfile.mkdtemp(prefix="envcoop-bench-search-")
POSTGRES_PART = os.environ.get("ENVCOOP_BENCH_POSTGRES") == "1"  # the child process
POSTGRES_URL = (
    os.environ.get("DATABASE_URL", "") if POSTGRES_PART else os.environ.pop("DATABASE_URL", "")
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from envcoop.search.backends import Filters, backend  # noqa: E402
from envcoop.search.expand import expand  # noqa: E402
from envcoop.search.index import ENTRY_FIELDS, entry_row  # noqa: E402
from envcoop.search.models import AREA_BITS  # noqa: E402
from envcoop.search.query import parse  # noqa: E402
from envcoop.search.text import index_text  # noqa: E402

LANGUAGES = ("th", "vi", "en", "id")
SERIES = ("", "", "", "amme", "asoen", "awgcc", "haze-cop", "haze-msc")
COUNTRIES = ("TH", "VN", "ID", "MY", "SG", "PH", "LA", "KH", "MM", "BN", "CN", "JP", "KR")
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def vocabulary() -> dict[str, Counter]:
    """Every word of our own documents in each language, with how often it is used."""
    from envcoop.ingestion.segment import words as icu_words

    words: dict[str, Counter] = {lang: Counter() for lang in LANGUAGES}
    for path in sorted((ROOT / "tests" / "data").glob("*/docs/*")):
        lang = path.name[:2]
        if lang not in words:
            continue
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8", errors="ignore"))
        if lang == "th":
            for start, end in icu_words(text, "th"):
                word = text[start:end]
                if re.fullmatch(r"[\u0e00-\u0e7f]+", word):
                    words[lang][word] += 1
        else:
            words[lang].update(w for w in _LATIN_WORD.findall(text) if len(w) > 1)
    return words


def generate(count: int, seed: int = 7) -> list[tuple[str, str, int, str, str, int]]:
    """(lang, text, year, series, countries, areas) for ``count`` passages."""
    rng = random.Random(seed)
    vocab = vocabulary()
    tables = {lang: (list(c), list(c.values())) for lang, c in vocab.items()}
    passages = []
    for index in range(count):
        lang = LANGUAGES[index % len(LANGUAGES)]
        population, weights = tables[lang]
        chosen = rng.choices(population, weights=weights, k=rng.randint(30, 80))
        if lang == "th":  # Thai: no spaces inside a phrase, a space between phrases
            pieces, run = [], []
            for word in chosen:
                run.append(word)
                if len(run) >= rng.randint(4, 12):
                    pieces.append("".join(run))
                    run = []
            text = " ".join(pieces + ["".join(run)]).strip()
        else:
            text = " ".join(chosen).capitalize() + "."
        countries = " " + " ".join(sorted(set(rng.sample(COUNTRIES, rng.randint(0, 3))))) + " "
        areas = sum(rng.sample(list(AREA_BITS.values()), rng.randint(0, 2)))
        passages.append(
            (
                lang, text, rng.randint(2015, 2025), rng.choice(SERIES),
                countries.replace("  ", ""), areas,
            )
        )  # fmt: skip
    return passages


def _index_chunk(chunk: list[tuple[str, str]]) -> list[str]:
    return [index_text(text, lang) for lang, text in chunk]


def build(passages: list[tuple], jobs: int) -> float:
    """Insert every passage into search_entry (on SQLite the triggers fill FTS5); seconds."""
    started = time.perf_counter()
    size = 5000
    chunks = [passages[i : i + size] for i in range(0, len(passages), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool, connection.cursor() as cursor:
        futures = [pool.submit(_index_chunk, [(p[0], p[1]) for p in chunk]) for chunk in chunks]
        offset = 0
        for chunk, future in zip(chunks, futures, strict=True):
            terms = future.result()
            rows = [
                entry_row(
                    "passage", offset + i + 1, None, lang, year, series, areas, countries, indexed
                )
                for i, ((lang, _text, year, series, countries, areas), indexed) in enumerate(
                    zip(chunk, terms, strict=True)
                )
            ]
            cursor.execute("BEGIN")
            cursor.executemany(
                f"INSERT INTO search_entry ({', '.join(ENTRY_FIELDS).replace('document', 'document_id')}) "
                f"VALUES ({', '.join(['%s'] * len(ENTRY_FIELDS))})",
                rows,
            )
            cursor.execute("COMMIT")
            offset += len(chunk)
        if connection.vendor == "postgresql":
            cursor.execute("CREATE INDEX search_entry_tsv ON search_entry USING GIN (tsv)")
            cursor.execute("ANALYZE search_entry")
    return time.perf_counter() - started


def queries(
    passages: list[tuple], count: int, seed: int = 11
) -> list[tuple[str, str, Filters, bool]]:
    """(label, text, filters, expand) for ``count`` queries of every kind."""
    rng = random.Random(seed)
    vocab = vocabulary()
    found: list[tuple[str, str, Filters, bool]] = []
    kinds = ("rare", "common", "phrase", "filtered", "cross-language")
    cross = ["haze", "หมอกควัน", "khói mù", "kabut asap", "climate change", "biến đổi khí hậu",
             "ประชุม", "pertemuan", "meeting", "mangrove", "rừng ngập mặn", "peatland"]  # fmt: skip
    while len(found) < count:
        kind = kinds[len(found) % len(kinds)]
        lang = rng.choice(LANGUAGES)
        ranked = [w for w, _ in vocab[lang].most_common()]
        if kind == "rare":
            found.append((kind, rng.choice(ranked[len(ranked) // 2 :]), Filters(), False))
        elif kind == "common":
            found.append((kind, rng.choice(ranked[:30]), Filters(), False))
        elif kind == "phrase":
            text = rng.choice(
                [p for p in passages[:2000] if p[0] == lang and p[0] != "th"] or passages[:1]
            )[1]
            words = text.rstrip(".").split()
            at = rng.randrange(max(1, len(words) - 2))
            found.append((kind, '"' + " ".join(words[at : at + 2]) + '"', Filters(), False))
        elif kind == "filtered":
            word = rng.choice(ranked[:300])
            found.append((kind, word, Filters(lang=lang, year=rng.randint(2015, 2025)), False))
        else:
            found.append((kind, rng.choice(cross), Filters(), True))
    return found


def percentiles(values: list[float]) -> str:
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return f"p50 {pick(0.5) * 1000:7.1f}  p95 {pick(0.95) * 1000:7.1f}  p99 {pick(0.99) * 1000:7.1f} ms"


def time_queries(mix: list[tuple[str, str, Filters, bool]], *, facets: bool) -> list[float]:
    engine = backend()
    times = []
    for _label, text, filters, expanded in mix:
        query = parse(text)
        if expanded:
            query = expand(query)
        started = time.perf_counter()
        engine.top(query, filters, limit=20)
        engine.count(query, filters)
        if facets:
            engine.facet_rows(query, filters)
        times.append(time.perf_counter() - started)
    return times


def like_baseline(passages: list[tuple], mix: list[tuple[str, str, Filters, bool]]) -> list[float]:
    """A naive scan: the raw text in a plain table, LIKE '%word%' for each word."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE raw_passage (id INTEGER PRIMARY KEY, lang TEXT, body TEXT)")
        cursor.execute("BEGIN")
        cursor.executemany(
            "INSERT INTO raw_passage (lang, body) VALUES (%s, %s)", [(p[0], p[1]) for p in passages]
        )
        cursor.execute("COMMIT")
        times = []
        for _label, text, _filters, _expanded in mix:
            words = text.strip('"').split()
            where = " AND ".join(["body LIKE %s"] * len(words))
            started = time.perf_counter()
            cursor.execute(
                f"SELECT id FROM raw_passage WHERE {where} LIMIT 20", [f"%{w}%" for w in words]
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT count(*) FROM raw_passage WHERE {where}", [f"%{w}%" for w in words]
            )
            cursor.fetchall()
            times.append(time.perf_counter() - started)
    return times


def index_size() -> tuple[int, int]:
    """(bytes of the FTS5 index, bytes of the terms and facets columns) in the SQLite file."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search_fts%%'")
        fts = cursor.fetchone()[0]
        cursor.execute(
            "SELECT coalesce(sum(length(CAST(terms AS BLOB)) + length(CAST(facets AS BLOB))), 0) "
            "FROM search_entry"
        )
        terms = cursor.fetchone()[0]
    return fts, terms


def postgres_size() -> tuple[int, int]:
    """(bytes of the GIN index and tsvector column, bytes of the terms column)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size('search_entry_tsv'), coalesce(sum(pg_column_size(tsv)), 0), "
            "coalesce(sum(octet_length(terms)), 0) FROM search_entry"
        )
        gin, tsv, terms = cursor.fetchone()
    return gin + tsv, terms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--like-queries", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        else:  # loaded first, indexed after (build() makes the GIN index again)
            cursor.execute("DROP INDEX IF EXISTS search_entry_tsv")
    name = "postgresql" if connection.vendor == "postgresql" else "sqlite fts5"
    started = time.perf_counter()
    passages = generate(args.passages)
    raw = sum(len(p[1].encode("utf-8")) for p in passages)
    if POSTGRES_PART:
        print(f"\nPostgreSQL ({connection.pg_version // 10000}), the same passages and queries")
    else:
        print(
            f"passages: {len(passages):,} (th, vi, en, id in turn), {raw / 1e6:.0f} MB of text, "
            f"generated in {time.perf_counter() - started:.0f} s"
        )
    seconds = build(passages, args.jobs)
    print(
        f"build ({name}): {len(passages) / seconds:,.0f} passages/s ({seconds:.0f} s, "
        f"{args.jobs} worker processes, segmentation included)"
    )
    if POSTGRES_PART:
        index, terms = postgres_size()
        print(
            f"index: GIN + tsvector {index / 1e6:.0f} MB + terms column {terms / 1e6:.0f} MB = "
            f"{(index + terms) / raw:.2f}x the raw text"
        )
    else:
        fts, terms = index_size()
        print(
            f"index: FTS5 {fts / 1e6:.0f} MB + terms and facets columns {terms / 1e6:.0f} MB = "
            f"{(fts + terms) / raw:.2f}x the raw text ({fts / raw:.2f}x for the FTS5 index alone)"
        )
    mix = queries(passages, args.queries)
    time_queries(mix[:20], facets=False)  # warm the page cache
    plain = time_queries(mix, facets=False)
    faceted = time_queries(mix, facets=True)
    print(f"\n{len(mix)} queries, top 20 + total ({', '.join(sorted({m[0] for m in mix}))})")
    print(f"  {name}, no facets:    {percentiles(plain)}")
    print(f"  {name}, with facets:  {percentiles(faceted)}")
    for label in sorted({m[0] for m in mix}):
        chosen = [t for t, m in zip(faceted, mix, strict=True) if m[0] == label]
        print(f"    {label:<15} with facets {percentiles(chosen)}")
    if POSTGRES_PART:
        return
    like_mix = [m for m in mix if not m[3]][: args.like_queries]
    like = like_baseline(passages, like_mix)
    same = [t for t, m in zip(plain, mix, strict=True) if not m[3]][: args.like_queries]
    print(f"  LIKE scan ({len(like_mix)} of the same queries): {percentiles(like)}")
    print(f"  sqlite fts5 on those queries:     {percentiles(same)}")
    if POSTGRES_URL:
        sys.stdout.flush()
        url = fresh_postgres_database(POSTGRES_URL, "envcoop_bench_search")
        environment = {**os.environ, "DATABASE_URL": url, "ENVCOOP_BENCH_POSTGRES": "1"}
        subprocess.run([sys.executable, __file__, *sys.argv[1:]], env=environment, check=True)


def fresh_postgres_database(url: str, name: str) -> str:
    """Create an empty database ``name`` on the server of ``url``; its URL."""
    import psycopg

    parts = urlsplit(url)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


if __name__ == "__main__":
    main()
