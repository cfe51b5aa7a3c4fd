"""A seeded synthetic factcheck project in the real content format.

`generate(out, claims=N, seed=S)` writes content/site.yaml, content/people/,
content/articles/, content/claims/ and content/pages/. Everything comes from one
`random.Random(seed)` and fixed dates in 2020-2024, never the clock, so the same
seed gives byte-identical files.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from itertools import accumulate
from pathlib import Path

from benchmarks.text import Prose
from benchmarks.vocab import (
    APPEARANCE_KINDS,
    DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    MONTHS,
    ORG_KINDS,
    OUTLET_WORDS,
    PLACES,
    ROLES,
    TOPICS,
)
from benchmarks.yamlout import Block, Plain, dump

ZONE = timezone(timedelta(hours=7))  # Asia/Jakarta, fixed offset
FIRST_DAY = date(2020, 1, 1)
LAST_DAY = date(2024, 12, 15)  # claims are published at most two weeks later, still in 2024
LAST_MOMENT = datetime(2024, 12, 31, 23, 0, tzinfo=ZONE)
AUTHOR_ID = "tim-cek-fakta-sintetis"
ANALYSIS_WORDS = 600

# The 6-verdict scale (one off-scale) and how often each verdict is given.
SCALE = [
    ("benar", "Benar", 5, "true", 12),
    ("sebagian-besar-benar", "Sebagian besar benar", 4, "mostly-true", 10),
    ("sebagian-benar", "Sebagian benar", 3, "mixed", 18),
    ("sebagian-besar-salah", "Sebagian besar salah", 2, "mostly-false", 20),
    ("salah", "Salah", 1, "false", 34),
    ("tidak-terbukti", "Tidak terbukti", None, "other", 6),
]


@dataclass(frozen=True)
class Counts:
    claims: int
    people: int
    articles: int
    tags: int
    drafts: int
    outlets: int


def plan(claims: int) -> Counts:
    """Record counts for N claims: 10,000 claims have 500 people, 1,800 articles, 200 tags, 100 drafts."""
    people = max(8, claims // 20)
    return Counts(
        claims=claims,
        people=people,
        articles=max(min(5, claims), round(claims * 0.18)),
        tags=max(5, claims // 50),
        drafts=max(1, round(claims / 100)) if claims else 0,
        outlets=max(2, people // 10),
    )


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "x"


def unique(slug: str, taken: dict[str, None]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken[candidate] = None
    return candidate


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def archive_of(url: str, day: date) -> str:
    return f"https://archive.example.net/web/{day:%Y%m%d}000000/{url}"


class Synth:
    def __init__(self, claims: int, seed: int):
        self.counts = plan(claims)
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.verdicts = [v[0] for v in SCALE]
        self.verdict_weights = [v[4] for v in SCALE]
        self._zipf: dict[int, list[float]] = {}

    # ------------------------------------------------------------ helpers

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def moment_after(self, day: date, max_days: int) -> datetime:
        rng = self.rng
        moment = datetime.combine(day + timedelta(days=rng.randint(0, max_days)), time(0), tzinfo=ZONE)
        return moment + timedelta(minutes=rng.randrange(6 * 60, 22 * 60, 5))

    def zipf_pick(self, items: list[str], k: int = 1) -> list[str]:
        """A few items are picked very often, most rarely: like claimants and tags on real sites."""
        if len(items) not in self._zipf:
            self._zipf[len(items)] = list(accumulate(1.0 / (rank + 2) for rank in range(len(items))))
        return self.rng.choices(items, cum_weights=self._zipf[len(items)], k=k)

    # -------------------------------------------------------------- records

    def tags(self) -> dict[str, str]:
        """Topic words first, then pairs of them ('pajak-ekspor'), then numbered pairs if ever needed."""
        base = list(dict.fromkeys(TOPICS))
        n = len(base)

        def candidates():
            yield from base
            for round_ in range(n * n):
                step, j = divmod(round_, n)
                if step % n:
                    yield f"{base[j]}-{base[(j + step) % n]}"
            for number in range(2, 10**9):
                yield from (f"{a}-{number}" for a in base)

        slugs: list[str] = []
        for slug in candidates():
            if len(slugs) >= self.counts.tags:
                break
            slugs.append(slug)
        return {slug: slug.replace("-", " ").capitalize() for slug in slugs}

    def people(self) -> dict[str, dict]:
        rng, taken = self.rng, {}
        people: dict[str, dict] = {}
        people[unique(AUTHOR_ID, taken)] = {
            "name": "Tim Cek Fakta Sintetis",
            "kind": "organization",
            "description": "Meja cek fakta fiktif yang menulis semua pemeriksaan fakta di proyek uji ini.",
            "url": Plain("https://cekfakta.example.org/tentang-kami/"),
        }
        for _ in range(self.counts.outlets):
            name = f"{rng.choice(OUTLET_WORDS)} {rng.choice(PLACES)}"
            pid = unique(slugify(name), taken)
            people[pid] = {
                "name": name,
                "kind": "organization",
                "description": f"Portal berita daring dari {name.split()[-1]}.",
                "url": Plain(f"https://www.{pid}.example.com/"),
            }
        while len(people) < self.counts.people:
            if rng.random() < 0.15:
                name = f"{rng.choice(ORG_KINDS)} {rng.choice(TOPICS).capitalize()} {rng.choice(PLACES)}"
                pid = unique(slugify(name), taken)
                people[pid] = {
                    "name": name,
                    "kind": "organization",
                    "description": f"Lembaga yang mengurus {name.split()[1].lower()} di {name.split()[-1]}.",
                    "url": Plain(f"https://{pid}.example.org/"),
                }
                continue
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            pid = unique(slugify(name), taken)
            record = {"name": name, "kind": "person", "description": f"{rng.choice(ROLES)} asal {rng.choice(PLACES)}."}
            if rng.random() < 0.3:
                record["same_as"] = [Plain(f"https://wiki.example.org/wiki/Q{rng.randint(1000, 9999999)}")]
            people[pid] = record
        return people

    def articles(self, outlets: list[str], names: dict[str, str]) -> dict[str, dict]:
        rng, prose, taken = self.rng, self.prose, {}
        articles: dict[str, dict] = {}
        for _ in range(self.counts.articles):
            outlet = rng.choice(outlets)
            day = self.day_between(FIRST_DAY, LAST_DAY)
            headline = prose.title_words(rng.randint(40, 90))
            aid = unique(f"{outlet}-{slugify(headline, 50)}-{day.isoformat()}", taken)
            record: dict = {}
            if rng.random() < 0.1:
                record["title"] = f"Berita {names[outlet]}, {long_date(day)}"
                record["title_is_description"] = True
                record["publisher"] = Plain(outlet)
                record["published"] = Plain(day.isoformat())
                record["note"] = "Judul asli dan alamat artikel ini tidak kami temukan. " + prose.sentence(10, 20)[0] + "."
            else:
                url = f"https://www.{outlet}.example.com/berita/{day:%Y/%m}/{slugify(headline, 80)}"
                record["title"] = headline[:1].upper() + headline[1:]
                record["publisher"] = Plain(outlet)
                record["url"] = Plain(url)
                if rng.random() < 0.3:
                    record["archive_url"] = Plain(archive_of(url, day))
                record["published"] = Plain(day.isoformat())
            if rng.random() < 0.5:
                record["language"] = Plain("id")
            articles[aid] = record
        return articles

    def sources(self, claim_day: date, publishers: list[str]) -> list[dict]:
        rng, prose = self.rng, self.prose
        taken: dict[str, None] = {}
        sources = []
        for _ in range(rng.randint(3, 6)):
            publisher = rng.choice(publishers)
            day = self.day_between(max(FIRST_DAY, claim_day - timedelta(days=400)), claim_day)
            sid = unique(f"{slugify(publisher, 30)}-{day.year}", taken)
            url = prose.url(slugify(publisher, 30), str(day.year), slugify(prose.title_words(40), 50))
            source = {
                "id": Plain(sid),
                "title": prose.title_words(rng.randint(30, 90)).capitalize(),
                "url": Plain(url),
                "publisher": publisher,
                "published": Plain(day.isoformat()),
            }
            if rng.random() < 0.3:
                source["accessed"] = Plain(claim_day.isoformat())
            if rng.random() < 0.4:
                source["archive_url"] = Plain(archive_of(url, claim_day))
            if rng.random() < 0.15:
                source["note"] = prose.sentence(6, 14)[0] + "."
            sources.append(source)
        return sources

    def claim(
        self, claimant: str, name: str, article: tuple[str, int, date] | None, tags: list[str], publishers: list[str], draft: bool
    ) -> dict:
        rng, prose = self.rng, self.prose
        short = prose.title_words(rng.randint(40, 75))
        claim_day = article[2] if article else self.day_between(FIRST_DAY, LAST_DAY)
        published = self.moment_after(claim_day, 14)
        verdict = rng.choices(self.verdicts, weights=self.verdict_weights)[0]
        label = next(v[1] for v in SCALE if v[0] == verdict)
        sources = self.sources(claim_day, publishers)
        quote = short[:1].upper() + short[1:] + ", " + prose.sentence(10, 30)[0].lower() + "."
        record: dict = {
            "title": f"Benarkah {name} menyebut {short}?",
            "claim": quote,
            "claim_short": short[:1].upper() + short[1:],
            "claimant": Plain(claimant),
            "article": Plain(article[0]) if article else None,
            "article_position": article[1] if article else None,
            "appearances": self.appearances(claim_day),
            "claim_date": Plain(claim_day.isoformat()),
            "verdict": Plain(verdict),
            "summary": f"{label}. {prose.sentence(12, 28)[0]}.",
            "analysis": Block(
                prose.analysis([s["id"] for s in sources], quote, rng.randint(ANALYSIS_WORDS - 60, ANALYSIS_WORDS + 60))
            ),
            "sources": sources,
            "tags": [Plain(t) for t in dict.fromkeys(self.zipf_pick(tags, rng.randint(1, 4)))],
            "authors": [Plain(AUTHOR_ID)],
            "published": Plain(published.isoformat()),
        }
        roll = rng.random()
        if roll < 0.02:
            when = min(published + timedelta(days=rng.randint(1, 90)), LAST_MOMENT)
            when = max(when, published)
            correction = {
                "date": Plain(when.date().isoformat()),
                "note": "Kami memperbaiki " + prose.sentence(6, 16)[0].lower() + ".",
            }
            if rng.random() < 0.5:
                correction["previous_verdict"] = Plain(rng.choice([v for v in self.verdicts if v != verdict]))
            record["updated"] = Plain(when.isoformat())
            record["corrections"] = [correction]
        elif roll < 0.2:
            when = min(published + timedelta(hours=rng.randint(1, 60 * 24)), LAST_MOMENT)
            record["updated"] = Plain(max(when, published).isoformat())
        if draft:
            record["draft"] = True
        return record

    def appearances(self, claim_day: date) -> list[dict]:
        rng, out = self.rng, []
        for _ in range(rng.choices((0, 1, 2), weights=(4, 4, 2))[0]):
            url = f"https://social.{rng.choice(DOMAINS)}/{slugify(rng.choice(FIRST_NAMES))}/{rng.randint(10**6, 10**9)}"
            item: dict = {"url": Plain(url)}
            if rng.random() < 0.5:
                item["archive_url"] = Plain(archive_of(url, claim_day))
            item["note"] = f"{rng.choice(APPEARANCE_KINDS)}, {long_date(claim_day)}"
            out.append(item)
        return out

    def pages(self) -> dict[str, tuple[dict, str]]:
        specs = [
            ("tentang-kami", "Tentang kami", "about"),
            ("metodologi", "Metodologi", "methodology"),
            ("kebijakan-koreksi", "Kebijakan koreksi", "corrections-policy"),
            ("pendanaan", "Pendanaan", "funding"),
            ("tim-redaksi", "Tim redaksi", "team"),
            ("kontak", "Kontak", "contact"),
            ("kirim-klaim", "Kirim klaim", "submit-claim"),
        ]
        pages = {}
        for menu, (slug, title, role) in enumerate(specs, start=1):
            front = {"title": title, "description": self.prose.sentence(8, 18)[0] + ".", "menu": menu, "role": Plain(role)}
            blocks = [self.prose.paragraph([], self.rng.randint(3, 6))[0] for _ in range(self.rng.randint(3, 6))]
            blocks.insert(2, self.prose.bullet_list(ordered=role == "methodology")[0])
            pages[slug] = (front, "\n\n".join(blocks))
        return pages

    def site(self, tags: dict[str, str]) -> dict:
        return {
            "title": "Cek Fakta Sintetis",
            "description": "Proyek uji berisi pemeriksaan fakta buatan mesin untuk mengukur kecepatan generator situs.",
            "base_url": Plain("https://cekfakta.example.org/"),
            "language": Plain("id"),
            "timezone": Plain("Asia/Jakarta"),
            "publisher": {
                "name": "Cek Fakta Sintetis",
                "url": Plain("https://cekfakta.example.org/"),
                "logo": Plain("https://cekfakta.example.org/static/logo.png"),
            },
            "data_license": {"name": "CC BY 4.0", "url": Plain("https://licenses.example.org/by/4.0/")},
            "per_page": 20,
            "tags": tags,
            "scale": [
                {
                    "id": Plain(vid),
                    "label": label,
                    "rating": rating,
                    "bucket": bucket,
                    "description": self.prose.sentence(12, 24)[0] + ".",
                }
                for vid, label, rating, bucket, _ in SCALE
            ],
        }

    # ------------------------------------------------------------------ all

    def records(self):
        """Yield (relative path, text) for every file of the project, in a fixed order."""
        counts, rng = self.counts, self.rng
        tags = self.tags()
        yield "content/site.yaml", dump(self.site(tags), "site", up="../")
        people = self.people()
        for pid, record in people.items():
            yield f"content/people/{pid}.yaml", dump(record, "person")
        ids = list(people)
        outlets = ids[1 : 1 + counts.outlets]
        claimants = ids[1 + counts.outlets :] or ids[1:]
        names = {pid: record["name"] for pid, record in people.items()}
        articles = self.articles(outlets, names)
        for aid, record in articles.items():
            yield f"content/articles/{aid}.yaml", dump(record, "article")
        for slug, (front, body) in self.pages().items():
            yield f"content/pages/{slug}.md", "---\n" + dump(front) + "---\n\n" + body + "\n"

        publishers = [f"{rng.choice(ORG_KINDS)} {rng.choice(TOPICS).capitalize()} {rng.choice(PLACES)}" for _ in range(60)]
        article_ids = list(articles)
        article_days = {aid: date.fromisoformat(str(r["published"])) for aid, r in articles.items()}
        order = rng.sample(article_ids, len(article_ids))
        drafts = set(rng.sample(range(counts.claims), counts.drafts))
        positions: dict[str, int] = {}
        taken: dict[str, None] = {}
        tag_ids = list(tags)
        for i in range(counts.claims):
            aid = order[i] if i < len(order) else (rng.choice(article_ids) if rng.random() < 0.55 else None)
            article = None
            if aid is not None:
                positions[aid] = positions.get(aid, 0) + 1
                article = (aid, positions[aid], article_days[aid])
            claimant = self.zipf_pick(claimants)[0]
            record = self.claim(claimant, names[claimant], article, tag_ids, publishers, i in drafts)
            cid = unique(slugify(f"{claimant.split('-')[0]} {record['claim_short']}", 70), taken)
            yield f"content/claims/{cid}.yaml", dump(record, "claim")


def generate(out: str | Path, claims: int, seed: int = 1, force: bool = False) -> Counts:
    """Write a synthetic project into `out`; refuses to touch an existing content/ unless `force`."""
    out = Path(out)
    content = out / "content"
    if content.exists():
        if not force:
            raise FileExistsError(f"{content} already exists; pass --force to replace it")
        shutil.rmtree(content)
    synth = Synth(claims, seed)
    for sub in ("people", "articles", "claims", "pages"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    for rel, text in synth.records():
        (out / rel).write_bytes(text.encode("utf-8"))
    return synth.counts
