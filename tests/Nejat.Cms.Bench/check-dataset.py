#!/usr/bin/env python3
"""Validate a JSON Lines file written by generate-dataset.py (or any file meant for `import`).

    python3 check-dataset.py FILE [--expect-posts N]

Checks that every line is a JSON object of a known type, the order editions, authors, tags,
posts; slugs are valid (lower case; letters, marks, digits, '-', U+200C; NFC) and unique
(authors globally, tags and posts per edition); every post's author and tags exist (tags in
the post's own edition); a translationKey has at most one post per edition; statuses and
publishedAt agree (published/scheduled dated as UTC 'Z', drafts null/absent, scheduled in the
future). Prints a summary and exits 1 on the first kinds of problems found (up to 20 shown).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict

ZWNJ = "\u200c"
ORDER = {"edition": 0, "author": 1, "tag": 2, "post": 3}
STATUSES = {"published", "draft", "scheduled"}
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def slug_problem(slug) -> str | None:
    if not isinstance(slug, str) or not slug:
        return "empty or not a string"
    if len(slug) > 200:
        return "longer than 200"
    if slug[0] == "-" or slug[-1] == "-" or "--" in slug:
        return "leading/trailing '-' or '--'"
    if unicodedata.normalize("NFC", slug) != slug:
        return "not NFC"
    for ch in slug:
        cat = unicodedata.category(ch)
        if cat in ("Lu", "Lt"):
            return f"upper case {ch!r}"
        if not (ch in ("-", ZWNJ) or cat[0] == "L" or cat == "Nd" or cat in ("Mn", "Mc")):
            return f"bad character U+{ord(ch):04X}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--expect-posts", type=int, default=None)
    args = ap.parse_args()

    problems: list[str] = []

    def bad(lineno: int, msg: str) -> None:
        problems.append(f"line {lineno}: {msg}")

    editions: dict[str, dict] = {}
    authors: set[str] = set()
    tags: dict[str, set[str]] = defaultdict(set)
    post_slugs: dict[str, set[str]] = defaultdict(set)
    key_editions: dict[str, set[str]] = defaultdict(set)
    counts = Counter()
    status_counts = Counter()
    posts_by_edition = Counter()
    instants_by_edition: dict[str, Counter] = defaultdict(Counter)
    body_sizes: list[int] = []
    html_seen = Counter()
    n_tags_hist = Counter()
    byline_null = 0
    key_null = 0
    draft_absent = 0
    last_order = -1
    n_lines = 0

    with open(args.file, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            n_lines = lineno
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                bad(lineno, f"not UTF-8 JSON: {e}")
                continue
            if not isinstance(obj, dict) or obj.get("type") not in ORDER:
                bad(lineno, f"unknown line type {obj.get('type') if isinstance(obj, dict) else obj!r}")
                continue
            kind = obj["type"]
            counts[kind] += 1
            if ORDER[kind] < last_order:
                bad(lineno, f"{kind} after a later type")
            last_order = max(last_order, ORDER[kind])

            if kind == "edition":
                code = obj.get("code")
                if code in editions:
                    bad(lineno, f"duplicate edition {code}")
                if obj.get("direction") not in ("ltr", "rtl") or not obj.get("name") or not obj.get("locale"):
                    bad(lineno, f"edition {code}: bad direction/name/locale")
                editions[code] = obj
            elif kind == "author":
                slug = obj.get("slug")
                if (p := slug_problem(slug)) or not slug.isascii():
                    bad(lineno, f"author slug {slug!r}: {p or 'not ASCII'}")
                if slug in authors:
                    bad(lineno, f"duplicate author {slug}")
                if not obj.get("name"):
                    bad(lineno, f"author {slug}: no name")
                authors.add(slug)
            elif kind == "tag":
                ed, slug = obj.get("edition"), obj.get("slug")
                if ed not in editions:
                    bad(lineno, f"tag {slug!r} in unknown edition {ed!r}")
                if p := slug_problem(slug):
                    bad(lineno, f"tag slug {slug!r}: {p}")
                if slug in tags[ed]:
                    bad(lineno, f"duplicate tag {ed}/{slug}")
                if not obj.get("name"):
                    bad(lineno, f"tag {ed}/{slug}: no name")
                tags[ed].add(slug)
            else:
                ed, slug = obj.get("edition"), obj.get("slug")
                if ed not in editions:
                    bad(lineno, f"post {slug!r} in unknown edition {ed!r}")
                posts_by_edition[ed] += 1
                if p := slug_problem(slug):
                    bad(lineno, f"post slug {slug!r}: {p}")
                if slug in post_slugs[ed]:
                    bad(lineno, f"duplicate post slug {ed}/{slug}")
                post_slugs[ed].add(slug)
                for field in ("title", "bodyHtml"):
                    if not isinstance(obj.get(field), str) or not obj[field]:
                        bad(lineno, f"post {ed}/{slug}: no {field}")
                if len(obj.get("title") or "") > 500:
                    bad(lineno, f"post {ed}/{slug}: title longer than 500")
                if not isinstance(obj.get("excerpt"), str):
                    bad(lineno, f"post {ed}/{slug}: excerpt not a string")
                status = obj.get("status")
                status_counts[status] += 1
                pub = obj.get("publishedAt")
                if status not in STATUSES:
                    bad(lineno, f"post {ed}/{slug}: status {status!r}")
                elif status == "draft":
                    if pub is not None:
                        bad(lineno, f"draft {ed}/{slug} has publishedAt")
                    if "publishedAt" not in obj:
                        draft_absent += 1
                elif not isinstance(pub, str) or not ISO_Z.match(pub):
                    bad(lineno, f"post {ed}/{slug}: publishedAt {pub!r} is not UTC ISO 8601 with Z")
                elif status == "scheduled" and pub < "2027":
                    bad(lineno, f"scheduled {ed}/{slug} at {pub}, not in the future")
                elif status == "published":
                    if pub > "2026-11":
                        bad(lineno, f"published {ed}/{slug} at {pub}, in the future")
                    instants_by_edition[ed][pub] += 1
                author = obj.get("author")
                if author is not None and author not in authors:
                    bad(lineno, f"post {ed}/{slug}: unknown author {author!r}")
                post_tags = obj.get("tags")
                if not isinstance(post_tags, list) or not 1 <= len(post_tags) <= 4:
                    bad(lineno, f"post {ed}/{slug}: tags {post_tags!r}")
                else:
                    n_tags_hist[len(post_tags)] += 1
                    if len(set(post_tags)) != len(post_tags):
                        bad(lineno, f"post {ed}/{slug}: repeated tag")
                    for t in post_tags:
                        if t not in tags[ed]:
                            bad(lineno, f"post {ed}/{slug}: tag {t!r} not in edition {ed}")
                key = obj.get("translationKey")
                if key is None:
                    key_null += 1
                elif ed in key_editions[key]:
                    bad(lineno, f"translationKey {key} has two posts in {ed}")
                else:
                    key_editions[key].add(ed)
                if obj.get("byline") is None:
                    byline_null += 1
                body = obj.get("bodyHtml") or ""
                body_sizes.append(len(body.encode("utf-8")))
                for el in ("<h2>", "<blockquote>", "<ul>", "<a href="):
                    if el in body:
                        html_seen[el] += 1
            if len(problems) >= 20:
                break

    out = sys.stdout
    print(f"{args.file}: {n_lines} lines", file=out)
    print("  " + ", ".join(f"{k} {counts[k]}" for k in ORDER), file=out)
    if counts["post"]:
        n = counts["post"]
        print("  posts by edition: " + ", ".join(f"{e} {posts_by_edition[e]}" for e in editions), file=out)
        print("  status: " + ", ".join(f"{s} {status_counts[s]} ({100 * status_counts[s] / n:.1f}%)"
                                       for s in ("published", "draft", "scheduled"))
              + f"; drafts without a publishedAt field: {draft_absent}", file=out)
        multi = {k: e for k, e in key_editions.items() if len(e) > 1}
        in_multi = sum(len(e) for e in multi.values())
        print(f"  translationKeys: {len(key_editions)} ({len(multi)} shared by 2-4 editions, "
              f"{in_multi} posts); posts without a key: {key_null}", file=out)
        size_hist = Counter(len(e) for e in multi.values())
        print("  editions per shared key: " + ", ".join(f"{k}: {size_hist[k]}" for k in sorted(size_hist)), file=out)
        ties = {e: sum(c for c in cnt.values() if c > 1) for e, cnt in instants_by_edition.items()}
        print("  published posts sharing their exact publishedAt with another post of the edition: "
              + ", ".join(f"{e} {ties[e]}" for e in ties), file=out)
        body_sizes.sort()
        q = lambda p: body_sizes[min(len(body_sizes) - 1, int(p * len(body_sizes)))]
        print(f"  bodyHtml bytes: min {body_sizes[0]}, p5 {q(0.05)}, median {q(0.5)}, p95 {q(0.95)}, "
              f"max {body_sizes[-1]}", file=out)
        print("  bodies with " + ", ".join(f"{k} {v}" for k, v in html_seen.items()), file=out)
        print("  tags per post: " + ", ".join(f"{k}: {n_tags_hist[k]}" for k in sorted(n_tags_hist))
              + f"; bylines null: {byline_null}", file=out)
    zwnj_tags = [t for t in tags.get("fa", ()) if ZWNJ in t]
    print(f"  fa tag slugs with U+200C: {len(zwnj_tags)}", file=out)
    if args.expect_posts is not None and counts["post"] != args.expect_posts:
        problems.append(f"expected {args.expect_posts} posts, found {counts['post']}")
    if problems:
        print(f"PROBLEMS ({len(problems)}{'+' if len(problems) >= 20 else ''}):", file=out)
        for p in problems:
            print("  " + p, file=out)
        return 1
    print("OK", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
