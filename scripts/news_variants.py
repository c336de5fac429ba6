#!/usr/bin/env python3
"""Unseen-like news pages: corpus article pages changed the way another CMS would write them.

    scripts/news_variants.py --redline .build/release/redline
    scripts/news_variants.py --redline R --kinds cards-after,wrap-divs --keep /tmp/variants

Pages: the corpus article pages (wcxb-dev's `article` group and readability) whose gold
paragraphs are found as three or more `<p>` elements (`false_edits.Page`). Each page is
changed in one way per kind, and extracted as it is and changed (`redline extract --format
text`, batched):

  inserted blocks (marked by a word no page holds; a block is "kept" when the marker is in the
  article, and the article "changed" when it differs from the page's as it is once the marked
  lines are left out):
    cards-after       "More coverage" and three cards (a linked headline and an excerpt) after
                      the last gold paragraph
    cards-grid-after  four such cards in an unnamed grid after the last gold paragraph
    most-read-after   "Most Read" and a list of five linked headlines after the last paragraph
    newsletter        a signup box (heading, a sentence, a form) after the middle paragraph
    donate-after      a "Support independent journalism" appeal after the last paragraph
    bio-after         a short note about the writer after the last paragraph
    caption-div       a picture with a <div> caption after the middle paragraph
  ad labels (the label has no marker; "kept" means a line of the article is the label):
    ad-label          <div class="gpt-unit"><p>Advertisement</p></div> after the middle paragraph
    ad-continues      "Story continues below advertisement" after the middle paragraph
  structure ("changed" when the article differs from the page's as it is):
    wrap-divs         every gold <p> wrapped in <div class="paragraph-block">

The table gives, per kind, the pages, how many kept the block and how many changed. Standard
library only; the page parsing is false_edits.py's.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import false_edits  # noqa: E402

MARKER = "Qzxvariant"


def cards(count, article=False):
    tag = "article" if article else "div"
    return "".join(
        f'<{tag} class="c-card"><a href="/news/2024/story-{i}"><img src="/i{i}.jpg"></a>'
        f'<h3><a href="/news/2024/story-{i}">{MARKER} Officials weigh plan {i} for the harbor'
        f'</a></h3><p>{MARKER} The council debated a new plan for parks and schools on Tuesday '
        f'night, officials said.</p></{tag}>' for i in range(count))


INSERTED = {
    "cards-after": ("last", f'<div class="c-more"><h2>{MARKER} More coverage</h2>{cards(3)}</div>'),
    "cards-grid-after": ("last", f'<div class="c-grid">{cards(4)}</div>'),
    "most-read-after": ("last", f'<section class="c-rail"><h2>{MARKER} Most Read</h2><ol>' + "".join(
        f'<li><a href="/n/{i}">{MARKER} A headline about something in town today</a></li>'
        for i in range(5)) + "</ol></section>"),
    "newsletter": ("middle", f'<div class="inline-signup-module"><h3>{MARKER} Get the Morning '
                   f'Report</h3><p>{MARKER} Sign up to receive the top stories of the day in '
                   'your inbox every weekday morning, free of charge.</p><form><input '
                   'type="email"><button>Sign up</button></form></div>'),
    "donate-after": ("last", f'<div class="c-appeal"><h3>{MARKER} Support independent journalism'
                     f'</h3><p>{MARKER} Our reporting is free to read because readers like you '
                     'support it. Please make a donation today so we can keep reporting.</p>'
                     f'<a href="/donate">{MARKER} Donate now</a></div>'),
    "bio-after": ("last", f'<div class="c-writer"><img src="/a.jpg"><p>{MARKER} Jane Roe is a '
                  'reporter covering city hall and the harbor district. She joined the paper '
                  'in 2019.</p></div>'),
    "caption-div": ("middle", f'<div class="media-block"><img src="/x.jpg"><div class='
                    f'"media-block__caption">{MARKER} Firefighters walk past the burned house '
                    'on Tuesday morning. Photo: Jane Roe / Agency</div></div>'),
}
LABELS = {
    "ad-label": ("middle", '<div class="gpt-unit"><p class="label">Advertisement</p></div>',
                 "Advertisement"),
    "ad-continues": ("middle", '<div class="dfp-wrap"><p>Story continues below advertisement'
                     "</p></div>", "Story continues below advertisement"),
}
STRUCTURE = ("wrap-divs",)
KINDS = list(INSERTED) + list(LABELS) + list(STRUCTURE)


def variants(page, kinds):
    """(kind, source) for each kind that can be made on the page."""
    paragraphs = [e for e in page.paragraphs if e.tag == "p" and e.closed]
    if len(paragraphs) < 3:
        return
    places = {"middle": paragraphs[len(paragraphs) // 2].end, "last": paragraphs[-1].end}
    for kind in kinds:
        if kind in INSERTED or kind in LABELS:
            where, block = (INSERTED.get(kind) or LABELS[kind])[:2]
            yield kind, false_edits.apply(page.source, [(places[where], places[where], block)])
        elif kind == "wrap-divs":
            edits = []
            for element in paragraphs:
                edits.append((element.start, element.start, '<div class="paragraph-block">'))
                edits.append((element.end, element.end, "</div>"))
            source = false_edits.apply(page.source, edits)
            if source is not None:
                yield kind, source


def extract(redline, folder, names):
    for start in range(0, len(names), 300):
        batch = [os.path.join(folder, name + ".html") for name in names[start:start + 300]]
        subprocess.run([redline, "extract", "--format", "text", "--output-dir", folder] + batch,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read(folder, name):
    try:
        with open(os.path.join(folder, name + ".txt"), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redline", required=True)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--keep", help="write the pages and articles to this folder and keep it")
    args = parser.parse_args()
    kinds = [kind for kind in args.kinds.split(",") if kind]
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        parser.error("unknown kinds: " + ", ".join(unknown))
    folder = args.keep or tempfile.mkdtemp(prefix="news-variants-")
    os.makedirs(folder, exist_ok=True)
    made = []
    for corpus, page_id in false_edits.corpus_pages(False):
        page = false_edits.load_page(corpus, page_id, 13)
        if page.span is None:
            continue
        base = f"{corpus}_{page_id}"
        written = []
        for kind, source in variants(page, kinds):
            if source is None:
                continue
            with open(os.path.join(folder, f"{base}__{kind}.html"), "w", encoding="utf-8") as f:
                f.write(source)
            written.append(kind)
        if written:
            with open(os.path.join(folder, base + ".html"), "w", encoding="utf-8") as f:
                f.write(page.source)
            made.append((base, written))
    names = [base for base, _ in made] + [f"{b}__{k}" for b, ks in made for k in ks]
    extract(args.redline, folder, names)
    tally = {kind: [0, 0, 0] for kind in kinds}
    for base, written in made:
        original = read(folder, base)
        for kind in written:
            text = read(folder, f"{base}__{kind}")
            row = tally[kind]
            row[0] += 1
            if kind in LABELS:
                label = LABELS[kind][2]
                kept = label in text.split("\n")
                rest = "\n".join(line for line in text.split("\n") if line != label)
                original_rest = "\n".join(l for l in original.split("\n") if l != label)
                changed = rest != original_rest
            elif kind in INSERTED:
                kept = MARKER in text
                rest = "\n".join(line for line in text.split("\n") if MARKER not in line)
                changed = rest != original
            else:
                kept, changed = False, text != original
            row[1] += kept
            row[2] += changed
    print("| kind | pages | block kept | article otherwise changed |")
    print("| --- | --- | --- | --- |")
    for kind in kinds:
        pages, kept, changed = tally[kind]
        shown = "-" if kind in STRUCTURE else kept
        print(f"| {kind} | {pages} | {shown} | {changed} |")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
