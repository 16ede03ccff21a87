#!/usr/bin/env python3
"""Writes a synthetic WordPress export (WXR 1.2) shaped like the ones Tools -> Export writes.

A bilingual-by-Polylang news site: 4 languages (fa, ar, en, sq as Polylang language terms), 60
authors, 40 categories per language (a third of them sub-categories) and 120 tags per language,
N posts (3-8 paragraphs each in the classic editor, every fifth in block-editor markup), some
linking to earlier posts by permalink, ?p= and category archive; 30 % of stories in Polylang
translation groups; scheduled, draft and trashed posts; a menu per language. No attachments: the
benchmark measures the import without media fetching.

    python3 tests/Nejat.Cms.Bench/generate-wxr.py --posts 20000 --out /tmp/wxr-20000.xml
    python3 tests/Nejat.Cms.Bench/generate-wxr.py --posts 20000 --paragraph-scale 15 --out /tmp/wxr-large.xml   # about 520 MB

The same seed and arguments always give a byte-identical file. Standard library only.
"""
import argparse
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

SITE = "http://www.bench.example"
LANGUAGES = {
    "fa": ("فارسی", "fa_IR", ["خانه", "شهر", "مردم", "گزارش", "حقوق", "زنان", "کار", "آب", "زمین", "خبر", "امروز", "می‌شود", "خانه‌ها", "کودکان", "دولت", "بازار"]),
    "ar": ("العربية", "ar", ["البيت", "المدينة", "الناس", "تقرير", "حقوق", "النساء", "العمل", "الماء", "الأرض", "خبر", "اليوم", "الأطفال", "الحكومة", "السوق"]),
    "en": ("English", "en_US", ["house", "city", "people", "report", "rights", "women", "work", "water", "land", "news", "today", "children", "government", "market"]),
    "sq": ("Shqip", "sq", ["shtëpi", "qytet", "njerëz", "raport", "të drejtat", "gra", "punë", "ujë", "tokë", "lajm", "sot", "fëmijë", "qeveri", "treg"]),
}


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def slug(text):
    return quote("-".join(text.lower().split()).replace("‌", ""), safe="-").lower()


def sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--paragraph-scale", type=int, default=1, help="multiplies each post's paragraphs (15 makes about 520 MB of 20,000 posts)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    temp = args.out + ".part"
    out = open(temp, "w", encoding="utf-8", newline="\n")
    w = out.write

    w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
      '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
      '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n')
    w(f"\t<title>Bench</title>\n\t<link>{SITE}</link>\n\t<description>Benchmark site</description>\n\t<language>fa-IR</language>\n")
    w(f"\t<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_site_url>{SITE}</wp:base_site_url>\n\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n")

    authors = [f"author{i:02d}" for i in range(60)]
    for i, login in enumerate(authors):
        w(f"\t<wp:author><wp:author_id>{i + 2}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
          f"<wp:author_email>{cdata(login + '@bench.example')}</wp:author_email><wp:author_display_name>{cdata('Author ' + str(i))}</wp:author_display_name>"
          f"<wp:author_first_name>{cdata('')}</wp:author_first_name><wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>\n")

    term_id = 100
    categories, tags = {}, {}
    for code, (_, _, words) in LANGUAGES.items():
        categories[code], tags[code] = [], []
        for i in range(40):
            term_id += 1
            name = f"{rng.choice(words)} {rng.choice(words)} {i}"
            parent = categories[code][rng.randrange(len(categories[code]))] if i >= 27 else None
            categories[code].append((term_id, slug(name), name, parent))
            w(f"\t<wp:category>\n\t\t<wp:term_id>{term_id}</wp:term_id>\n\t\t<wp:category_nicename>{cdata(slug(name))}</wp:category_nicename>\n"
              f"\t\t<wp:category_parent>{cdata(parent[1] if parent else '')}</wp:category_parent>\n\t\t<wp:cat_name>{cdata(name)}</wp:cat_name>\n\t</wp:category>\n")
        for i in range(120):
            term_id += 1
            name = f"{rng.choice(words)} {code} {i}"
            tags[code].append((term_id, slug(name), name))
            w(f"\t<wp:tag>\n\t\t<wp:term_id>{term_id}</wp:term_id>\n\t\t<wp:tag_slug>{cdata(slug(name))}</wp:tag_slug>\n\t\t<wp:tag_name>{cdata(name)}</wp:tag_name>\n\t</wp:tag>\n")
    for code, (name, locale, _) in LANGUAGES.items():
        term_id += 1
        description = cdata('a:1:{s:6:"locale";s:%d:"%s";}' % (len(locale), locale))
        w(f"\t<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>{cdata(code)}</wp:term_slug>"
          f"<wp:term_name>{cdata(name)}</wp:term_name><wp:term_description>{description}</wp:term_description></wp:term>\n")

    start = datetime(2013, 1, 1, tzinfo=timezone.utc)
    codes = list(LANGUAGES)
    published = []  # (id, code, link) of earlier published posts, for links
    groups = 0
    post_id = 1000
    story = 0
    counts = {"publish": 0, "future": 0, "draft": 0, "trash": 0}
    while story < args.posts:
        # A story in one language, or (30 %) in two to four, linked by a Polylang translation group.
        members = rng.sample(codes, rng.randint(2, 4)) if rng.random() < 0.3 else [rng.choice(codes)]
        members = members[: args.posts - story]
        group = None
        if len(members) > 1:
            groups += 1
            group = f"pll_{groups:013x}"
        when = start + timedelta(minutes=rng.randrange(0, 13 * 365 * 24 * 60))
        roll = rng.random()
        status = "future" if roll < 0.01 else "draft" if roll < 0.04 else "trash" if roll < 0.05 else "publish"
        if status == "future":
            when = datetime(2031, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(0, 500000))
        for code in members:
            post_id += 1
            story += 1
            words = LANGUAGES[code][2]
            title = sentence(rng, words, rng.randint(4, 9))[:-1] + f" {post_id}"
            name = slug(title) if status != "draft" else ""
            link = f"{SITE}/{when:%Y}/{when:%m}/{name}/" if status == "publish" else f"{SITE}/?p={post_id}"
            paragraphs = [sentence(rng, words, rng.randint(20, 45)) for _ in range(rng.randint(3, 8) * args.paragraph_scale)]
            if published and rng.random() < 0.35:
                target = rng.choice(published)
                paragraphs[0] += f' <a href="{target[2]}">{rng.choice(words)}</a>'
            if published and rng.random() < 0.1:
                paragraphs[-1] += f' <a href="{SITE}/?p={rng.choice(published)[0]}">{rng.choice(words)}</a>'
            if rng.random() < 0.2:
                content = "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs)
            else:
                content = "\n\n".join(paragraphs)
            cats = rng.sample(categories[code], rng.randint(1, 2))
            post_tags = rng.sample(tags[code], rng.randint(0, 4))
            gmt = when.strftime("%Y-%m-%d %H:%M:%S") if status != "draft" else "0000-00-00 00:00:00"
            w("\t<item>\n")
            w(f"\t\t<title>{cdata(title)}</title>\n\t\t<link>{link}</link>\n\t\t<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0000</pubDate>\n")
            w(f"\t\t<dc:creator>{cdata(rng.choice(authors))}</dc:creator>\n\t\t<guid isPermaLink=\"false\">{SITE}/?p={post_id}</guid>\n\t\t<description></description>\n")
            w(f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n\t\t<excerpt:encoded>{cdata(sentence(rng, words, 12))}</excerpt:encoded>\n")
            w(f"\t\t<wp:post_id>{post_id}</wp:post_id>\n\t\t<wp:post_date>{cdata(when.strftime('%Y-%m-%d %H:%M:%S'))}</wp:post_date>\n")
            w(f"\t\t<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>\n\t\t<wp:post_name>{cdata(name + ('__trashed' if status == 'trash' else ''))}</wp:post_name>\n")
            w(f"\t\t<wp:status>{cdata(status)}</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n")
            w(f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>\n\t\t<wp:post_password>{cdata('')}</wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n")
            w(f'\t\t<category domain="language" nicename="{code}">{cdata(LANGUAGES[code][0])}</category>\n')
            if group:
                w(f'\t\t<category domain="post_translations" nicename="{group}">{cdata(group)}</category>\n')
            for (_, cat_slug, cat_name, _) in cats:
                w(f'\t\t<category domain="category" nicename="{cat_slug}">{cdata(cat_name)}</category>\n')
            for (_, tag_slug, tag_name) in post_tags:
                w(f'\t\t<category domain="post_tag" nicename="{tag_slug}">{cdata(tag_name)}</category>\n')
            w("\t</item>\n")
            counts[status] += 1
            if status == "publish":
                published.append((post_id, code, link))

    # A menu per language: home, five categories (one with two children) and an external link.
    menu_item = 900000
    for code in codes:
        term_id += 1
        menu_slug = f"main-{code}"
        w(f"\t<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug>{cdata(menu_slug)}</wp:term_slug>"
          f"<wp:term_name>{cdata('Main ' + code)}</wp:term_name></wp:term>\n")
        entries = [("custom", "custom", 0, f"{SITE}/", "Home", 0)]
        for i, cat in enumerate(categories[code][:5]):
            entries.append(("taxonomy", "category", cat[0], "", "", 0))
        entries.append(("taxonomy", "category", categories[code][5][0], "", "", 2))
        entries.append(("taxonomy", "category", categories[code][6][0], "", "", 2))
        entries.append(("custom", "custom", 0, "https://t.me/bench", "Telegram", 0))
        ids = []
        for order, (kind, obj, object_id, url, label, parent) in enumerate(entries):
            menu_item += 1
            ids.append(menu_item)
            meta = {"_menu_item_type": kind, "_menu_item_menu_item_parent": str(ids[parent - 1] if parent else 0),
                    "_menu_item_object_id": str(object_id or menu_item), "_menu_item_object": obj, "_menu_item_url": url}
            w(f"\t<item>\n\t\t<title>{cdata(label)}</title>\n\t\t<link>{SITE}/?p={menu_item}</link>\n\t\t<wp:post_id>{menu_item}</wp:post_id>\n")
            w(f"\t\t<wp:post_date_gmt>{cdata('2024-01-01 00:00:00')}</wp:post_date_gmt>\n\t\t<wp:post_name>{cdata(str(menu_item))}</wp:post_name>\n")
            w(f"\t\t<wp:status>{cdata('publish')}</wp:status>\n\t\t<wp:menu_order>{order + 1}</wp:menu_order>\n\t\t<wp:post_type>{cdata('nav_menu_item')}</wp:post_type>\n")
            w(f'\t\t<category domain="nav_menu" nicename="{menu_slug}">{cdata("Main " + code)}</category>\n')
            for key, value in meta.items():
                w(f"\t\t<wp:postmeta>\n\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n")
            w("\t</item>\n")

    w("</channel>\n</rss>\n")
    out.close()
    os.replace(temp, args.out)
    size = os.path.getsize(args.out)
    print(f"{args.out}: {args.posts:,} posts ({', '.join(f'{k} {v:,}' for k, v in counts.items())}), {groups:,} translation groups, "
          f"{size / 1e6:,.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
