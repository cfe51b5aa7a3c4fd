"""Seeded prose: sentences, Markdown analyses and page bodies built from the word lists."""

from __future__ import annotations

import random
from itertools import accumulate

from benchmarks.vocab import DOMAINS, PLACES, TOPICS, WORDS

# Words of the verdict labels never go into headlines or claim_short.
VERDICT_WORDS = frozenset({"benar", "salah", "sebagian", "besar", "tidak", "terbukti"})

# Zipf-like weights: common words much more often than rare ones, as in real text.
_CUM_WEIGHTS = list(accumulate(1.0 / (rank + 8) for rank in range(len(WORDS))))


class Prose:
    """All text for one project comes from one `random.Random`, so a seed fixes every byte."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, count: int) -> list[str]:
        return self.rng.choices(WORDS, cum_weights=_CUM_WEIGHTS, k=count)

    def topic_words(self, count: int) -> list[str]:
        return self.rng.sample(TOPICS, count)

    def sentence(self, low: int = 8, high: int = 22, markup: bool = False) -> tuple[str, int]:
        """One sentence and its word count; with `markup`, sometimes emphasis or a number."""
        rng = self.rng
        words = self.words(rng.randint(low, high))
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] = self.number()
        if rng.random() < 0.15:
            words[rng.randrange(len(words))] = rng.choice(PLACES)
        if markup and len(words) > 3:
            roll = rng.random()
            at = rng.randrange(1, len(words) - 1)
            if roll < 0.12:
                words[at] = f"*{words[at]}*"
            elif roll < 0.18:
                words[at] = f"**{words[at]} {words[at + 1]}**"
                del words[at + 1]
        if len(words) > 10 and rng.random() < 0.4:
            words[rng.randrange(3, len(words) - 3)] += ","
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words), len(words)

    def number(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return f"{rng.randint(1, 99)},{rng.randint(0, 9)} persen"
        if roll < 0.7:
            return str(rng.randint(2, 999))
        return str(rng.randint(1990, 2024))

    def url(self, *parts: str) -> str:
        rng = self.rng
        host = rng.choice(("www.", "data.", "news.", "")) + rng.choice(DOMAINS)
        path = "/".join(parts) if parts else "-".join(self.words(rng.randint(2, 5)))
        return f"https://{host}/{path}"

    def link(self) -> str:
        anchor = " ".join(self.words(self.rng.randint(2, 4)))
        return f"[{anchor}]({self.url()})"

    def paragraph(self, citations: list[str], sentences: int) -> tuple[str, int]:
        """A paragraph whose sentences end with the given `[@id]` citations."""
        rng = self.rng
        parts: list[str] = []
        total = 0
        cite_at = {rng.randrange(sentences): cid for cid in citations} if citations else {}
        # Citations that collided on one sentence are cited together there.
        extra = [cid for cid in citations if cid not in cite_at.values()]
        for i in range(sentences):
            text, count = self.sentence(markup=True)
            total += count
            if (i == 0 and rng.random() < 0.3) or rng.random() < 0.08:
                text += " " + self.link()
            if i in cite_at:
                ids = [cite_at[i]] + (extra if i == max(cite_at) else [])
                text += " " + " ".join(f"[@{cid}]" for cid in ids)
            parts.append(text + ".")
        return " ".join(parts), total

    def bullet_list(self, ordered: bool) -> tuple[str, int]:
        rng = self.rng
        lines, total = [], 0
        for i in range(rng.randint(3, 6)):
            text, count = self.sentence(4, 14, markup=True)
            total += count
            marker = f"{i + 1}." if ordered else "-"
            lines.append(f"{marker} {text}.")
        return "\n".join(lines), total

    def analysis(self, source_ids: list[str], quote: str, target_words: int) -> str:
        """Markdown analysis of about `target_words` words citing every source at least once."""
        rng = self.rng
        paragraphs = max(3, target_words // 70)
        # Every source cited once, in a shuffled order, spread over the paragraphs; a few cited twice.
        cites: list[list[str]] = [[] for _ in range(paragraphs)]
        for cid in source_ids:
            cites[rng.randrange(paragraphs)].append(cid)
        for _ in range(rng.randint(0, 2)):
            cites[rng.randrange(paragraphs)].append(rng.choice(source_ids))
        list_at = set(rng.sample(range(1, paragraphs), min(paragraphs - 1, rng.randint(1, 2))))
        blocks: list[str] = []
        total = 0
        if rng.random() < 0.5:
            blocks.append(f"> {quote}")
            total += quote.count(" ") + 1
        for i in range(paragraphs):
            remaining = max(0, target_words - total)
            sentences = max(2, min(7, round(remaining / max(1, paragraphs - i) / 15)))
            text, count = self.paragraph(list(dict.fromkeys(cites[i])), sentences)
            blocks.append(text)
            total += count
            if i in list_at:
                lead, count = self.sentence(6, 12)
                blocks.append(lead + ":")
                text, more = self.bullet_list(ordered=rng.random() < 0.3)
                blocks.append(text)
                total += count + more
        return "\n\n".join(blocks)

    def title_words(self, limit: int) -> str:
        """Lower-case words up to `limit` characters, for headlines and claim_short."""
        rng = self.rng
        out: list[str] = []
        pool = self.topic_words(3) + self.words(12)
        rng.shuffle(pool)
        for word in pool:
            if word in VERDICT_WORDS:
                continue
            if len(" ".join(out + [word])) > limit:
                break
            out.append(word)
        return " ".join(out)
