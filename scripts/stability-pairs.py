#!/usr/bin/env python3
"""Makes stability test pairs from real pages: the same post with its page chrome changed.

    scripts/stability-pairs.py CORPUS_DIR OUT_DIR ID...

For each page CORPUS_DIR/ID.html (with its gold main text CORPUS_DIR/ID.txt) this writes
OUT_DIR/ID/original.html, OUT_DIR/ID/changed.html and OUT_DIR/ID/changes.txt. The changed page
differs only where the article is not:

- chrome: <body> elements whose class or id names comments, sidebars, widgets, footers or related
  posts, and whose text is not in the gold main text (under 10% of its 4-word shingles are),
  get every digit shifted (comment counts, view counters, dates, archive counts), a new reader
  comment (in comment sections) and an advertisement (in the others);
- scripts: every digit and hex letter in inline <script> bodies is shifted (tokens, timestamps);
- nonce and hidden-input values and ?ver= query strings change;
- an HTML comment with a generation time and a request id goes before </body>.

The extractor must give byte-identical article text for both pages
(Tests/ArticleExtractionTests/StabilityTests.swift). Standard library only; deterministic.
"""
import html.parser
import os
import re
import sys

CHROME_WORDS = {"comment", "comments", "commentlist", "respond", "sidebar", "widget", "widgets",
                "footer", "related", "secondary", "discussion", "replies"}
WORD = re.compile(r"\w+")


def shingles(text, n=4):
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


class Spans(html.parser.HTMLParser):
    """Element spans by offset: (start, inner_start, inner_end, end, tag, attrs, text)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack = []
        self.elements = []
        self.scripts = []
        self.inputs = []
        self.body_end = None

    def here(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.here()
        inner = start + len(self.get_starttag_text() or "")
        if tag == "input":
            self.inputs.append((start, inner, dict(attrs)))
        if tag in self.VOID:
            return
        self.stack.append([start, inner, tag, dict((k, v or "") for k, v in attrs), []])

    def handle_endtag(self, tag):
        start = self.here()
        if tag == "body":
            self.body_end = start
        if not any(entry[2] == tag for entry in self.stack):
            return
        while self.stack:
            entry = self.stack.pop()
            end = self.source.find(">", start) + 1 if entry[2] == tag else start
            text = "".join(entry[4])
            self.elements.append((entry[0], entry[1], start, end, entry[2], entry[3], text))
            if entry[2] == "script":
                self.scripts.append((entry[1], start, entry[3]))
            if self.stack:
                self.stack[-1][4].append(text)
            if entry[2] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][4].append(" " + data + " ")


def shift_digits(text):
    """Every digit + 3, except inside character references (&#8217; stays)."""
    return re.sub(r"&#?\w+;|\d",
                  lambda m: m.group() if len(m.group()) > 1 else str((int(m.group()) + 3) % 10), text)


def shift_tokens(text):
    def shift(match):
        c = match.group()
        if c.isdigit():
            return str((int(c) + 7) % 10)
        return "abcdef"[("abcdef".index(c.lower()) + 1) % 6]
    return re.sub(r"[0-9a-fA-F]", shift, text)


def text_runs(source, start, end):
    """The ranges of text between tags (not inside tags, scripts or styles) in source[start:end]."""
    runs = []
    position = start
    skip_until = None
    for match in re.finditer(r"<[^>]*>", source[start:end]):
        tag_start, tag_end = start + match.start(), start + match.end()
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", match.group())
        lowered = name.group(1).lower() if name else ""
        if skip_until is None and position < tag_start:
            runs.append((position, tag_start))
        if skip_until is None and lowered in ("script", "style") and not match.group().startswith("</"):
            skip_until = lowered
        elif skip_until == lowered and match.group().startswith("</"):
            skip_until = None
        position = tag_end
    if skip_until is None and position < end:
        runs.append((position, end))
    return runs


COMMENT = ('<div class="comment-body"><p class="comment-author">Jordan Reader says:</p>'
           '<p>Thanks for writing this up, I tried it last weekend and it worked well for me. '
           'Looking forward to the next one!</p><a class="comment-reply-link" href="#">Reply</a></div>')
ADVERT = ('<div class="widget advertisement"><h3>Sponsored</h3><p>Try our new product today and '
          'save twenty percent on your first order with this exclusive reader offer.</p>'
          '<a href="https://ads.example.com/click?id=4821">Learn more</a></div>')


def make_pair(source, gold):
    parser = Spans(source)
    parser.feed(source)
    parser.close()
    gold_shingles = shingles(gold)
    edits = []  # (start, end, replacement, note)
    chosen = []
    for start, inner, inner_end, end, tag, attrs, text in sorted(parser.elements):
        words = set(WORD.findall((attrs.get("class", "") + " " + attrs.get("id", "")).lower().replace("_", " ").replace("-", " ")))
        if not words & CHROME_WORDS or tag in ("html", "body", "head"):
            continue
        if any(s <= start and end <= e for s, e, *_ in chosen):
            continue
        own = shingles(text)
        if own and len(own & gold_shingles) > 0.1 * len(own):
            continue
        chosen.append((start, end, words, tag))
    for start, end, _, _ in chosen:
        for run_start, run_end in text_runs(source, start, end):
            changed = shift_digits(source[run_start:run_end])
            if changed != source[run_start:run_end]:
                edits.append((run_start, run_end, changed, "digits in chrome text"))
    for start, end, words, tag in chosen:
        close = source.rfind("</", start, end)
        if close <= start or tag not in ("div", "section", "aside", "footer", "ol", "ul"):
            continue
        item = (lambda html: "<li>" + html + "</li>") if tag in ("ol", "ul") else (lambda html: html)
        if words & {"comment", "comments", "commentlist", "respond", "discussion", "replies"}:
            edits.append((close, close, item(COMMENT), "a new reader comment"))
        else:
            edits.append((close, close, item(ADVERT), "an advertisement"))
    for inner, inner_end, attrs in parser.scripts:
        if "src" in attrs or "ld+json" in attrs.get("type", ""):
            continue
        body = source[inner:inner_end]
        if any(s <= inner < e for s, e, *_ in edits):
            continue
        changed = shift_tokens(body)
        if changed != body:
            edits.append((inner, inner_end, changed, "tokens in an inline script"))
    for match in re.finditer(r'\b(nonce|data-nonce|value)="([^"]*)"', source):
        if match.group(1) == "value" and not re.search(
                r'type="hidden"', source[source.rfind("<", 0, match.start()):match.end()]):
            continue
        edits.append((match.start(2), match.end(2), shift_tokens(match.group(2)), "a nonce or hidden value"))
    for match in re.finditer(r"\?ver=([0-9.]+)", source):
        edits.append((match.start(1), match.end(1), shift_digits(match.group(1)), "an asset version"))
    if parser.body_end is not None:
        edits.append((parser.body_end, parser.body_end,
                      "<!-- generated 2026-11-25T02:13:07Z in 0.318 s, request 7f3a9c21 -->",
                      "a generation comment"))
    edits.sort(key=lambda e: (e[0], e[1]))
    result, position, notes = [], 0, {}
    for start, end, replacement, note in edits:
        if start < position:
            continue  # overlaps an earlier edit
        result.append(source[position:start])
        result.append(replacement)
        position = end
        notes[note] = notes.get(note, 0) + 1
    result.append(source[position:])
    return "".join(result), notes


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    corpus, out, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    for page in ids:
        with open(os.path.join(corpus, page + ".html"), encoding="utf-8") as handle:
            source = handle.read()
        with open(os.path.join(corpus, page + ".txt"), encoding="utf-8") as handle:
            gold = handle.read()
        changed, notes = make_pair(source, gold)
        folder = os.path.join(out, page)
        os.makedirs(folder, exist_ok=True)
        for name, text in (("original.html", source), ("changed.html", changed)):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
        with open(os.path.join(folder, "changes.txt"), "w", encoding="utf-8") as handle:
            handle.write("".join(f"{count} x {note}\n" for note, count in sorted(notes.items())))
        print(page, notes)


if __name__ == "__main__":
    main()
