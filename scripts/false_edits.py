#!/usr/bin/env python3
"""False-edit benchmark: pairs of real pages that differ only in chrome, or only in the article.

    scripts/false_edits.py --redline .build/release/redline            # the benchmark
    scripts/false_edits.py --redline R --held-out       # on news pages nobody tuned on
    scripts/false_edits.py --redline R --held-out web   # on trafilatura 1.0.0's test pages
    scripts/false_edits.py --redline R --pair wcxb-dev/0001:short:comment --out /tmp/pair
    scripts/false_edits.py --redline R --write-stability-pairs Tests/ArticleExtractionTests/StabilityPairs
    scripts/false_edits.py --redline R --write-true-edit-pairs Tests/ArticleExtractionTests/TrueEditPairs
    scripts/false_edits.py --redline R --write-true-edit-pairs DIR --kinds link --count 2 \
        --known-issue "the canonical text keeps no link targets"

Pages: the corpus pages with a gold main text (../shared/corpus/wcxb-dev, its `article` group
unless --all-groups, and ../shared/corpus/readability). Each page is used as it is ("long") and
as a short post ("short"): the page with every element whose text is a gold line removed after
the first one or two paragraphs of the article (made only when at least 60% of the gold text
is found as whole elements of the page, and the page has three or more such paragraphs).

The article's place in the page is where its gold lines are: the elements whose whole text
(whitespace collapsed, quotes straightened) is one line of the gold text, that line matching
only one element. The "article span" runs from the first of those to the last, widened to
elements that are mostly gold (half their 4-word shingles) and to the largest element around
them that is mostly gold and holds no sidebar, navigation, comments or footer. Pages with no
such element of five words (or 30 characters of Chinese or Japanese) are skipped.

Chrome edits (the article text must stay byte-identical; made only outside the article span, in
elements whose text is under 10% gold 4-word shingles, and never in <head>, h1, <time>, titles,
bylines, dates or metadata; a page where an edit cannot be made safely is skipped for it):
  counters      chrome text that is a count ("12", "(34)", "12 Comments", "Vote count: 5") in a
                block of 60 characters or fewer (nested blocks left out), with a count word
                (comments, views, ...) or in a sidebar, nav, header, footer, comments or an
                element named as a count: the integers plus three;
                not years, decimals, phone numbers, dates or times
  list-added    every link list (ul/ol of three or more closed <li>s, each mostly a link) gets
                one more item, a copy of its first with a new title and link
  list-removed  every link list loses its last item
  list-rotated  every link list's first item moves to the end
  sidebar       the longest paragraph (eight words or more, not mostly links) in an <aside>, a
                <footer> or an element named sidebar, widget, secondary, about, profile, bio,
                rail or footer gets two more sentences, as an "About me" that grows (elements
                around the whole article span are layout wrappers, not sidebars; colour and
                type utility classes and page builders' names for every block name no place)
  comment       a reader comment (WordPress markup) inside the page's comments container
                (ol/ul.commentlist, #comments, .comments-area, ...) or, when there is none,
                a <section id="comments"> with it before </body>
  nonces        tokens in inline scripts, nonce= attributes, csrf and hidden-input values,
                ?ver= on script and stylesheet URLs
  description   the page's <meta> description, og:description and twitter:description
                rewritten for search engines (new words), the visible page unchanged
  link-tokens   every link inside the article span (http, https or relative; not #, javascript:,
                mailto: or an href with a character reference) gets the parameters a server or
                a mail tool adds per visit, in turn: utm_ campaign parameters, an fbclid, a
                ;jsessionid= path parameter, an AWS SigV4 signature group, a jQuery cache
                buster (_=13 digits), Mailchimp's mc_cid/mc_eid; where the link points (scheme,
                host, path, other parameters, fragment) unchanged. Inside the span, unlike the
                other chrome kinds: only the href changes, never a word of the text

True edits (the article text must differ; in an element that holds a whole gold line):
  word          one word of four letters or more replaced
  number        one number in a paragraph plus one
  sentence      a sentence appended to a paragraph
  link          the href of a link inside an article paragraph changed, same anchor text
  link-query    a link's own parameter inside an article paragraph changed, path and anchor
                text the same (?id=41 to ?id=42): one whose value is a number of one to nine
                digits, its name no campaign or click tracker's (what a links section that
                drops too much of a query would miss)
  title         the longest word of the post's heading (an h1 or h2 that is part of <title> or
                og:title, else the longest part of <title> between separators) changed in
                <title>, title metadata, the h1s, h2s (and h3.title) that hold the title and JSON-LD
                headlines: the Title: line must change (pages whose base Title: line does
                not hold that word are skipped)

Every page variant is extracted with `redline extract --format article --output-dir` (batched,
the next batch is made while redline runs) and compared byte for byte with its base. The
table gives pairs, failures (false edits for chrome, missed edits for true edits) and skips per
kind, for long and short posts; failing pair ids (page:variant:kind) go to
.bench/false-edits/failures.txt, the figures to .bench/false-edits/results.json.
Everything is deterministic: the random choices come from a generator seeded with --seed
and the page id. Standard library only.
"""
import argparse
import concurrent.futures
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
# The corpora the pages come from, by name; --held-out puts the held-out news pages
# (scripts/news-heldout.py) in their place.
FOLDERS = {name: os.path.join(CORPUS, name) for name in ("wcxb-dev", "readability")}
HELD_OUT = os.path.join(ROOT, ".bench", "news-heldout", "pages")
WORK = os.path.join(ROOT, ".bench", "false-edits")

CHROME_KINDS = ["counters", "list-added", "list-removed", "list-rotated", "sidebar", "comment",
                "nonces", "description", "link-tokens"]
TRUE_KINDS = ["word", "number", "sentence", "link", "link-query", "title"]
VARIANTS = ["long", "short"]

WORD = re.compile(r"\w+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "command", "basefont", "frame", "isindex"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "dd", "details", "dialog",
         "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
         "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option",
         "caption", "summary", "center", "img", "select", "textarea", "button"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i",
          "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var",
          "wbr", "br", "img", "time", "del", "ins", "strike", "tt", "big", "label", "picture",
          "source", "svg"}
RAW_TEXT = {"script", "style"}
P_CLOSERS = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
             "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
             "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
             "section", "table", "ul", "li", "dd", "dt"}
SCOPE = {"table", "td", "th", "button", "caption", "html", "marquee", "object", "template"}
# Chrome edits never touch these elements or anything inside them: the title, dates, bylines and
# metadata are part of the canonical text's header lines, so changing them is not chrome.
PROTECTED_TAGS = {"head", "title", "h1", "time", "script", "style", "template", "svg",
                  "noscript", "iframe", "textarea", "select", "option", "math", "object"}
PROTECTED_WORDS = {"byline", "author", "authors", "date", "dates", "time", "posted", "published",
                   "updated", "modified", "dateline", "timestamp", "meta", "title", "headline",
                   "vcard", "breadcrumb", "breadcrumbs"}
PROTECTED_TEXT_LIMIT = 300
PROTECTED_ITEMPROPS = {"headline", "name", "author", "datepublished", "datemodified",
                       "datecreated", "articlebody", "text", "description"}
MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|"
                    r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|"
                    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d{2}|\b(am|pm|ago|yesterday|"
                    r"today|hours?|minutes?|seconds?|days?|weeks?|months?|years?)\b", re.I)
COMMENT_CONTAINER = re.compile(r"^(comments?|comment-?list|comments?[-_](area|section|list|"
                               r"container|wrapper|wrap|block|thread)|disqus_thread|"
                               r"respond-comments|commentlist)$", re.I)

CHROME_WORDS = {"sidebar", "comments", "commentlist", "widget", "widgets", "secondary", "nav",
                "navbar", "navigation", "menu", "footer", "respond", "related"}
SIDEBAR_WORDS = {"sidebar", "sidebars", "widget", "widgets", "textwidget", "secondary", "aside",
                 "footer", "colophon", "about", "profile", "bio", "rail"}
COUNTER = re.compile(r"^[(\[]?\d{1,3}(?:,\d{3})*\+?[kK]?[)\]]?$|^[(\[]?\d+[)\]]?$"
                     r"|^[(\[]?\d[\d,]*\+?\s+\w+[)\]]?[.:]?$|^\w+(?:\s\w+)?:\s*\d[\d,]*$")
COUNTER_WORDS = {"count", "counter", "counts", "views", "view", "likes", "like", "shares", "share",
                 "comments", "comment", "replies", "reply", "votes", "vote", "rating", "ratings",
                 "reviews", "review", "reads", "followers", "subscribers", "articles", "posts",
                 "pageviews", "visits", "hits", "stats", "badge", "total", "responses"}
NEW_ITEM_TITLE = "Seven Ways to Spend a Rainy Weekend Indoors"
NEW_ITEM_HREF = "/2026/03/seven-ways-to-spend-a-rainy-weekend-indoors/"
SIDEBAR_EXTRA = (" When I am not writing here, I spend my weekends walking the coast path with"
                 " my two dogs, testing recipes from old community cookbooks and slowly"
                 " restoring a 1970s camper van. Say hello by email any time; I answer every"
                 " message, even if it takes me a week or two.")
COMMENT_HTML = (
    '<div class="comment" id="comment-48213"><article class="comment-body">'
    '<footer class="comment-meta"><div class="comment-author vcard">'
    '<img alt="" src="https://secure.gravatar.com/avatar/5d41402a?s=56&amp;d=mm&amp;r=g" '
    'class="avatar avatar-56 photo" height="56" width="56" loading="lazy">'
    '<b class="fn">Jordan Reader</b> <span class="says">says:</span></div>'
    '<div class="comment-metadata"><a href="#comment-48213">'
    '<time datetime="2026-03-03T09:14:00+00:00">'
    'March 3, 2026 at 9:14 am</time></a></div></footer>'
    '<div class="comment-content"><p>Thanks for writing this up. I tried it last weekend and it '
    'worked exactly as you describe, although it took me a little longer than I expected the '
    'first time round. Looking forward to the next post, and thank you for answering everyone '
    'so patiently in the comments!</p></div>'
    '<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-48213" '
    'data-commentid="48213" aria-label="Reply to Jordan Reader">Reply</a></div>'
    '</article></div>')
NEW_WORDS = ["lantern", "harbour", "meadow", "quartz", "violet", "granite"]
ADDED_SENTENCE = " An editor added this sentence after the post was published."


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
                        "\u00ab": '"', "\u00bb": '"', "\u00ad": None, "\u200b": None})


def normalized(text):
    return " ".join(text.split())


def is_prose(text):
    """Five words or more, or 30 characters of a script written without spaces."""
    return len(text.split()) >= 5 or (len(text) >= 30 and " " not in text.strip())


def match_key(text):
    """Text as the gold and the page are compared: whitespace collapsed, quotes made straight."""
    return " ".join(text.translate(QUOTES).split())


def shingles(text, n=4):
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def class_words(attrs):
    value = (attrs.get("class", "") + " " + attrs.get("id", "")).lower()
    return set(re.split(r"[\s_-]+", value)) - {""}


# Class names that say nothing of where an element sits: colour and type utilities, and the
# names page builders give every block (each Elementor block is an `elementor-widget`, each
# HubSpot module an `hs_cos_wrapper_widget`).
NO_PLACE_CLASS = re.compile(r"^(text|font|bg|border|elementor-widget|hs_cos_wrapper)([-_]|$)", re.I)


def place_words(attrs):
    """The class and id words of `class_words` without those of `NO_PLACE_CLASS` names."""
    names = [n for n in attrs.get("class", "").split() if not NO_PLACE_CLASS.match(n)]
    value = (" ".join(names) + " " + attrs.get("id", "")).lower()
    return set(re.split(r"[\s_-]+", value)) - {""}


class Element:
    __slots__ = ("index", "start", "inner", "inner_end", "end", "tag", "attrs", "parent",
                 "children", "closed", "protected", "first_piece", "last_piece", "pieces",
                 "cached_text")

    def __init__(self, index, start, inner, tag, attrs, parent, pieces):
        self.index, self.start, self.inner, self.tag, self.attrs = index, start, inner, tag, attrs
        self.parent, self.children, self.pieces = parent, [], pieces
        self.first_piece = self.last_piece = len(pieces)
        self.inner_end = self.end = None
        self.closed = False
        self.protected = False
        self.cached_text = None

    @property
    def text(self):
        """The element's text, whitespace collapsed (made on first use)."""
        if self.cached_text is None:
            self.cached_text = normalized("".join(self.pieces[self.first_piece:self.last_piece]))
        return self.cached_text

    def text_length(self, lengths):
        return lengths[self.last_piece] - lengths[self.first_piece]


# Tags as a browser's tokenizer reads them: an attribute name runs to whitespace, "/", ">" or
# "=" (a stray quote is part of it), a quoted value may hold ">". Atomic groups keep it linear.
TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<![^>]*>|<\?[^>]*>"
                   r"|<(/?)([a-zA-Z][^\s/>]*)((?>[\s/]*(?>[^\s/>][^\s/>=]*)"
                   r"(?>\s*=\s*(?>\"[^\"]*\"|'[^']*'|[^\s>]*))?)*)[\s/]*>", re.S)
ATTRIBUTE = re.compile(r"(?>[\s/]*)([^\s/>][^\s/>=]*)"
                       r"(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]*)))?")


def parse_attributes(text):
    attributes = {}
    for match in ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        if name in attributes:
            continue
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attributes[name] = html.unescape(value) if "&" in value else value
    return attributes


def parse_page(source):
    """Every element's offsets in the source (start, inner start, inner end, end), its parent and
    children, its text and whether an end tag of its own closed it; the text pieces' cumulative
    lengths; and where </body> is. A tokenizer, not a browser: an element is closed by its own
    end tag, or by the end tag of an element around it (then `closed` is False)."""
    elements, stack, pieces = [], [], []
    body_end = None
    position = 0
    length = len(source)

    def close(element, inner_end, end, own):
        element.inner_end, element.end, element.closed = inner_end, end, own
        element.last_piece = len(pieces)
        if element.tag in BLOCK:
            pieces.append(" ")

    while position < length:
        match = TOKEN.search(source, position)
        if match is None:
            break
        if match.start() > position and stack:
            data = source[position:match.start()]
            pieces.append(html.unescape(data) if "&" in data else data)
        position = match.end()
        name = match.group(2)
        if name is None:
            continue  # a comment, a doctype or a processing instruction
        tag = name.lower()
        if match.group(1):
            if tag == "body" and body_end is None:
                body_end = match.start()
            if not any(entry.tag == tag for entry in stack):
                continue
            while stack:
                element = stack.pop()
                own = element.tag == tag
                close(element, match.start(), match.end() if own else match.start(), own)
                if own:
                    break
            continue
        # As the HTML parsing rules (and libxml2) do: a block closes an open <p>, an <li> the
        # open <li> of its list, a <dt> or <dd> the open one. Such an element's extent is known.
        if tag in P_CLOSERS:
            close_open(stack, {"p"}, None, match.start(), close)
        if tag == "li":
            close_open(stack, {"li"}, INLINE | {"div", "p", "address"}, match.start(), close)
        elif tag in ("dt", "dd"):
            close_open(stack, {"dt", "dd"}, INLINE | {"div", "p", "address"}, match.start(), close)
        parent = stack[-1] if stack else None
        if tag in BLOCK:
            pieces.append(" ")
        if tag in VOID:
            continue
        attributes = parse_attributes(match.group(3))
        element = Element(len(elements), match.start(), match.end(), tag, attributes,
                          parent.index if parent is not None else None, pieces)
        if parent is not None:
            parent.children.append(element.index)
        elements.append(element)
        if match.group().endswith("/>") and not match.group(3).endswith("/") \
                and tag not in RAW_TEXT:
            close(element, match.end(), match.end(), True)
            continue
        stack.append(element)
        if tag in RAW_TEXT or tag in ("textarea", "title"):
            closing = re.compile(r"</%s\s*>" % tag, re.I).search(source, position)
            if closing is None:
                continue
            if tag not in RAW_TEXT:
                data = source[position:closing.start()]
                pieces.append(html.unescape(data) if "&" in data else data)
            stack.pop()
            close(element, closing.start(), closing.end(), True)
            position = closing.end()
    if position < length and stack:
        pieces.append(html.unescape(source[position:]))
    while stack:
        close(stack.pop(), length, length, False)
    lengths = [0]
    for piece in pieces:
        lengths.append(lengths[-1] + len(piece))
    for element in elements:  # parents come before their children
        parent = elements[element.parent] if element.parent is not None else None
        element.protected = (parent is not None and parent.protected) or is_protected(
            element, lengths)
    return elements, body_end, lengths


def close_open(stack, names, passable, offset, close):
    """Closes the innermost open element named in names, and what is open inside it, unless an
    element that is not passable (None: anything but a scope boundary) comes first."""
    for depth in range(len(stack) - 1, -1, -1):
        tag = stack[depth].tag
        if tag in names:
            while len(stack) > depth:
                element = stack.pop()
                close(element, offset, offset, len(stack) == depth)
            return
        if tag in SCOPE or (passable is not None and tag not in passable):
            return


def is_protected(element, lengths):
    """Whether chrome edits must leave the element alone: the title, dates, bylines and metadata
    become the canonical text's header lines. Class words count only on small elements (a
    byline, not a body tagged `single-post-meta`)."""
    if element.tag in PROTECTED_TAGS:
        return True
    if element.text_length(lengths) > PROTECTED_TEXT_LIMIT:
        return False
    return (bool(class_words(element.attrs) & PROTECTED_WORDS)
            or element.attrs.get("itemprop", "").lower() in PROTECTED_ITEMPROPS
            or element.attrs.get("role", "") == "heading")


def text_runs(source, start, end):
    """The ranges of text between tags in source[start:end]: not inside tags, comments, scripts
    or styles."""
    runs = []
    position = start
    skip_until = None
    for match in re.finditer(r"<!--.*?-->|<[^>]*>", source[start:end], re.S):
        tag_start, tag_end = start + match.start(), start + match.end()
        token = match.group()
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", token)
        lowered = name.group(1).lower() if name else ""
        if skip_until is None and position < tag_start:
            runs.append((position, tag_start))
        if skip_until is None and lowered in RAW_TEXT and not token.startswith("</"):
            skip_until = lowered
        elif skip_until == lowered and token.startswith("</"):
            skip_until = None
        position = tag_end
    if skip_until is None and position < end:
        runs.append((position, end))
    return runs


def gold_lines(gold):
    """The gold text's lines, whitespace collapsed, with Markdown list, heading and quote
    markers removed."""
    lines = []
    for line in gold.splitlines():
        line = normalized(line)
        line = re.sub(r"^(#{1,6}\s+|[-*•]\s+|>\s*)", "", line)
        if line:
            lines.append(line)
    return lines


class Page:
    """One corpus page, parsed once; every pair of it is a set of edits to its source."""

    def __init__(self, corpus, page_id, source, gold, seed):
        self.corpus, self.page_id, self.source, self.gold = corpus, page_id, source, gold
        self.id = "%s/%s" % (corpus, page_id)
        self.seed = seed
        self.elements, self.body_end, self.lengths = parse_page(source)
        self.chrome_cache = {}
        self.edit_cache = {}
        self.gold_shingles = shingles(gold)
        self.skip_reason = None
        self.find_article()

    def find_article(self):
        lines = [match_key(line) for line in gold_lines(self.gold)]
        wanted = {line: index for index, line in enumerate(lines)}
        by_line = {}
        longest = 2 * max((len(line) for line in lines), default=0) + 200
        for element in self.elements:
            if element.tag in ("html", "head", "body", "title") or element.tag in RAW_TEXT:
                continue
            if element.text_length(self.lengths) > longest:
                continue
            key = match_key(element.text)
            if key in wanted:
                by_line.setdefault(key, []).append(element)
        matched = []
        for line, candidates in by_line.items():
            # The innermost of nested elements with the same text holds the line.
            inner = [c for c in candidates
                     if not any(o is not c and c.start <= o.start and o.end <= c.end
                                for o in candidates)]
            if len(inner) == 1 and inner[0].closed:
                matched.append(inner[0])
        matched.sort(key=lambda e: e.start)
        anchors = [e for e in matched if is_prose(e.text)]
        self.matched = matched
        covered = sum(len(e.text) for e in matched)
        self.coverage = covered / max(1, sum(len(line) for line in lines))
        if not anchors:
            self.skip_reason = "no gold paragraph found as an element"
            self.span = None
            return
        # Paragraphs of the article that differ a little from their gold line (or hold several)
        # widen the span too: elements of eight words or more, under 2,000 characters, at least
        # half of whose 4-word shingles are gold. A teaser that quotes the article widens it as
        # well, which only leaves less chrome to change.
        start, end = matched[0].start, max(e.end for e in matched)
        for element in self.elements:
            if element.tag in RAW_TEXT or element.text_length(self.lengths) > 2000:
                continue
            if element.start >= start and element.end <= end:
                continue
            own = shingles(element.text)
            if len(own) >= 5 and len(own & self.gold_shingles) >= 0.5 * len(own):
                start, end = min(start, element.start), max(end, element.end)
        # The largest element around every anchor whose text is mostly gold (half of its
        # shingles or more) is the article's container: Blogger's post-body holds paragraphs
        # as bare text between <br>s, which no element matches.
        around = self.common_ancestor(anchors)
        while around is not None and around.tag not in ("html", "body"):
            own = shingles(around.text)
            if len(own & self.gold_shingles) < 0.5 * len(own) or self.holds_chrome(around):
                break
            start, end = min(start, around.start), max(end, around.end)
            around = self.elements[around.parent] if around.parent is not None else None
        self.span = (start, end)
        # The article paragraphs a true edit may change: inside the span, prose-like.
        self.paragraphs = [e for e in anchors if e.tag not in ("h1", "title")]
        self.removals = self.short_removals()

    def short_removals(self):
        """The ranges to remove for the short post, or None (the reason in short_skip)."""
        self.short_skip = None
        paragraphs = [e for e in self.matched if e.tag in ("p", "blockquote", "div", "li")
                      and is_prose(e.text)]
        if self.coverage < 0.6:
            self.short_skip = "under 60% of the gold text found as whole elements"
            return None
        if len(paragraphs) < 3:
            self.short_skip = "fewer than three gold paragraphs found"
            return None
        keep = self.rng("short", "keep").choice([1, 2])
        cut = paragraphs[keep - 1].end
        self.kept = [e for e in self.paragraphs if e.end <= cut]
        removals = []
        for element in self.matched:
            if element.start >= cut and not (removals and element.start < removals[-1][1]):
                removals.append((element.start, element.end))
        return removals

    # -- helpers --------------------------------------------------------------------------

    def rng(self, variant, kind):
        """The random choices of one pair: the same whichever pairs are made with it."""
        return random.Random("%s:%s:%s:%s" % (self.seed, self.id, variant, kind))

    def names_site(self, element):
        """Whether a heading is the site's name (a logo, a masthead, Blogger's Header widget),
        not the post's: a word of that kind on it or on one of its three closest ancestors."""
        node, depth = element, 0
        while node is not None and depth < 4:
            if class_words(node.attrs) & {"site", "logo", "brand", "masthead", "widget",
                                          "sitename", "branding"}:
                return True
            node = self.elements[node.parent] if node.parent is not None else None
            depth += 1
        return False

    def in_sidebar(self, element):
        """Whether the element is in a sidebar, a widget or a page footer (or is one). An
        element around the whole article span is a layout wrapper (`body.right-sidebar`,
        `foolcom-grid-toc-content-sidebar`), not a sidebar; class names that are colour or type
        utilities (`text-secondary`) or a page builder's name for every block
        (`elementor-widget-text-editor`) name no place on the page, nor does a link's class
        (`<a class="secondary">`, a link's style: a listing's card is one such link)."""
        node = element
        while node is not None:
            holds_article = node.start <= self.span[0] and node.end >= self.span[1]
            if not holds_article and (node.tag in ("aside", "footer")
                                      or (node.tag != "a"
                                          and place_words(node.attrs) & SIDEBAR_WORDS)):
                return True
            node = self.elements[node.parent] if node.parent is not None else None
        return False

    def holds_chrome(self, element):
        """Whether the element holds a sidebar, navigation, comments or a page footer."""
        for index in self.descendants(element):
            inner = self.elements[index]
            if inner.tag in ("aside", "nav") or class_words(inner.attrs) & CHROME_WORDS:
                return True
        return False

    def common_ancestor(self, elements):
        chains = []
        for element in elements:
            chain, node = [], element
            while node is not None:
                chain.append(node.index)
                node = self.elements[node.parent] if node.parent is not None else None
            chains.append(chain[::-1])
        common = None
        for level in zip(*chains):
            if len(set(level)) != 1:
                break
            common = level[0]
        return self.elements[common] if common is not None else None

    def outside_article(self, element):
        return element.end <= self.span[0] or element.start >= self.span[1]

    def in_body(self, element):
        node = element
        while node.parent is not None:
            node = self.elements[node.parent]
            if node.tag == "head":
                return False
        return True

    def is_chrome(self, element):
        """Safe to change as chrome: outside the article span, not protected, mostly not gold."""
        if element.tag in ("html", "head", "body") or element.protected:
            return False
        if not self.outside_article(element) or not self.in_body(element):
            return False
        known = self.chrome_cache.get(element.index)
        if known is None:
            own = shingles(element.text)
            known = not (own and len(own & self.gold_shingles) > 0.1 * len(own))
            self.chrome_cache[element.index] = known
        return known

    def chrome_regions(self):
        """The outermost chrome elements, found from the root down."""
        regions = []
        stack = [e.index for e in self.elements if e.parent is None][::-1]
        while stack:
            element = self.elements[stack.pop()]
            if element.protected or element.tag == "head":
                continue
            if element.closed and element.text and self.is_chrome(element):
                regions.append(element)
            else:
                stack.extend(reversed(element.children))
        return regions

    def link_text_share(self, element):
        links = 0
        stack = list(element.children)
        while stack:
            child = self.elements[stack.pop()]
            if child.tag == "a":
                links += len(child.text)
            else:
                stack.extend(child.children)
        return links / max(1, len(element.text))

    def outermost(self, elements):
        chosen = []
        for element in sorted(elements, key=lambda e: (e.start, -e.end)):
            if chosen and element.start < chosen[-1].end:
                continue
            chosen.append(element)
        return chosen

    # -- chrome edits: each returns a list of (start, end, replacement) or None -----------

    def edit_counters(self):
        """Counters: chrome text that is a count ("12", "(34)", "1,024+", "12 Comments", "Vote
        count: 5") in a block whose own text (nested blocks left out) is 60 characters or
        fewer, with a count word or in a chrome or count-named element; every integer in it
        plus three. Not years, decimals, phone numbers, dates or times."""
        edits = []
        for element in self.chrome_regions():
            protected = [self.elements[i] for i in self.descendants(element)
                         if self.elements[i].protected]
            for run_start, run_end in text_runs(self.source, element.inner, element.inner_end):
                text = self.source[run_start:run_end]
                if not re.search(r"\d", text):
                    continue
                plain = normalized(html.unescape(text))
                if not COUNTER.match(plain) or MONTHS.search(plain):
                    continue
                if any(p.start <= run_start and run_end <= p.end for p in protected):
                    continue
                if len(self.own_text(self.block_around(element, run_start))) > 60:
                    continue
                if not (set(WORD.findall(plain.lower())) & COUNTER_WORDS
                        or self.counter_context(run_start)):
                    continue
                changed = re.sub(r"(&#?\w+;)|(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,]\d)",
                                 shift_counter, text)
                if changed != text:
                    edits.append((run_start, run_end, changed))
        return edits or None

    def counter_context(self, offset):
        """Whether the text at offset is in a sidebar, navigation, header, footer or comments, or
        in an element named as a count (count, views, rating, ...)."""
        node = self.innermost(offset)
        while node is not None:
            words = class_words(node.attrs)
            if node.tag in ("aside", "nav", "footer", "header") or words & (
                    CHROME_WORDS | SIDEBAR_WORDS | COUNTER_WORDS):
                return True
            node = self.elements[node.parent] if node.parent is not None else None
        return False

    def innermost(self, offset):
        node = next((e for e in self.elements if e.parent is None and e.start <= offset < e.end),
                    None)
        while node is not None:
            inner = next((self.elements[i] for i in node.children
                          if self.elements[i].start <= offset < self.elements[i].end), None)
            if inner is None:
                return node
            node = inner
        return None

    def own_text(self, block):
        """The block's text without its nested blocks, whitespace collapsed."""
        pieces, position = [], block.first_piece
        for index in block.children:
            child = self.elements[index]
            if child.tag not in INLINE:
                pieces.extend(child.pieces[position:child.first_piece])
                position = child.last_piece
        pieces.extend(block.pieces[position:block.last_piece])
        return normalized("".join(pieces))

    def block_around(self, region, offset):
        """The innermost block element inside region (or region) that holds offset."""
        found = region
        node = region
        while True:
            inner = next((self.elements[i] for i in node.children
                          if self.elements[i].start <= offset < self.elements[i].end), None)
            if inner is None:
                return found
            node = inner
            if node.tag not in INLINE:
                found = node

    def link_lists(self):
        if "lists" not in self.edit_cache:
            self.edit_cache["lists"] = self.find_link_lists()
        return self.edit_cache["lists"]

    def find_link_lists(self):
        lists = []
        for element in self.elements:
            if element.tag not in ("ul", "ol") or not element.closed or not self.is_chrome(element):
                continue
            items = [self.elements[i] for i in element.children]
            if len(items) < 3 or any(i.tag != "li" or not i.closed for i in items):
                continue
            if not all(any(self.elements[c].tag == "a" for c in self.descendants(i))
                       for i in items):
                continue
            if self.link_text_share(element) < 0.6:
                continue
            separators = [self.source[a.end:b.start] for a, b in zip(items, items[1:])]
            if any(re.sub(r"<!--.*?-->", "", s, flags=re.S).strip() for s in separators):
                continue
            lists.append((element, items, separators))
        # Only the outermost lists: a nested list changes with its parent item.
        outer = []
        for entry in lists:
            if not any(o[0].start <= entry[0].start and entry[0].end <= o[0].end for o in outer):
                outer.append(entry)
        return outer

    def descendants(self, element):
        stack, found = list(element.children), []
        while stack:
            index = stack.pop()
            found.append(index)
            stack.extend(self.elements[index].children)
        return found

    def new_item(self, item):
        raw = self.source[item.start:item.end]
        runs = text_runs(raw, 0, len(raw))
        out, position, replaced = [], 0, False
        for run_start, run_end in runs:
            text = raw[run_start:run_end]
            if not text.strip():
                continue
            out.append(raw[position:run_start])
            lead = text[:len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            out.append(lead + ("" if replaced else NEW_ITEM_TITLE) + trail)
            replaced = True
            position = run_end
        out.append(raw[position:])
        raw = "".join(out)
        if not replaced:
            return None
        raw = re.sub(r'(\sid\s*=\s*)("[^"]*|\'[^\']*)', lambda m: m.group(1) + m.group(2) + "-new",
                     raw)
        return re.sub(r'(\shref\s*=\s*)("[^"]*"|\'[^\']*\'|[^\s>]+)',
                      lambda m: m.group(1) + '"' + NEW_ITEM_HREF + '"', raw)

    def edit_list_added(self):
        edits = []
        for element, items, separators in self.link_lists():
            item = self.new_item(items[0])
            if item is None:
                continue
            separator = separators[-1] if separators else ""
            edits.append((items[-1].end, items[-1].end, separator + item))
        return edits or None

    def edit_list_removed(self):
        edits = []
        for element, items, separators in self.link_lists():
            edits.append((items[-2].end, items[-1].end, ""))
        return edits or None

    def edit_list_rotated(self):
        edits = []
        for element, items, separators in self.link_lists():
            raws = [self.source[i.start:i.end] for i in items]
            rotated = raws[1:] + raws[:1]
            if rotated == raws:
                continue
            out = [rotated[0]]
            for separator, raw in zip(separators, rotated[1:]):
                out.append(separator)
                out.append(raw)
            edits.append((items[0].start, items[-1].end, "".join(out)))
        return edits or None

    def edit_sidebar(self):
        best = None
        for element in self.elements:
            if element.tag not in ("p", "div", "dd", "td", "span") or not element.closed:
                continue
            if len(element.text.split()) < 8 or not self.is_chrome(element):
                continue
            if element.tag != "p" and any(self.elements[c].tag not in INLINE
                                          for c in self.descendants(element)):
                continue
            if self.link_text_share(element) > 0.3 or not self.in_sidebar(element):
                continue
            if best is None or len(element.text) > len(best.text):
                best = element
        if best is None:
            return None
        return [(best.inner_end, best.inner_end, SIDEBAR_EXTRA)]

    def edit_comment(self):
        containers = []
        for element in self.elements:
            if element.tag not in ("div", "section", "ol", "ul", "aside") or not element.closed:
                continue
            names = element.attrs.get("class", "").split() + [element.attrs.get("id", "")]
            if not any(COMMENT_CONTAINER.match(n) for n in names if n):
                continue
            if element.protected or not self.outside_article(element) or not self.in_body(element):
                continue
            containers.append(element)
        lists = [e for e in containers if e.tag in ("ol", "ul")]
        if lists:
            target = lists[0]
            return [(target.inner_end, target.inner_end,
                     "<li class=\"comment\">" + COMMENT_HTML + "</li>")]
        if containers:
            target = self.outermost(containers)[0]
            return [(target.inner_end, target.inner_end, COMMENT_HTML)]
        block = '<section id="comments" class="comments-area"><h2 class="comments-title">One ' \
                'comment</h2>' + COMMENT_HTML + "</section>"
        where = self.body_end if self.body_end is not None else len(self.source)
        if where < self.span[1]:
            return None
        return [(where, where, block)]

    def edit_nonces(self):
        edits = []
        for element in self.elements:
            if element.tag != "script" or not element.closed or "src" in element.attrs:
                continue
            kind = element.attrs.get("type", "").lower()
            if kind and "javascript" not in kind and kind != "module":
                continue
            body = self.source[element.inner:element.inner_end]
            changed = re.sub(r"\b(?=[A-Za-z0-9_]*\d)(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{8,}\b"
                             r"|\b\d{6,}\b", lambda m: shift_token(m.group()), body)
            if changed != body:
                edits.append((element.inner, element.inner_end, changed))
        for match in re.finditer(r"<(?:script|link|meta|input)\b[^>]*>|<[a-zA-Z][^>]*?nonce[^>]*>",
                                 self.source, re.I):
            tag = match.group()
            lowered = tag.lower()
            values = []
            for name in ("nonce", "data-nonce", "data-wpnonce"):
                values.append(attribute_span(tag, name))
            if lowered.startswith("<input") and re.search(r"type\s*=\s*[\"']?hidden", lowered) \
                    and re.search(r"name\s*=\s*[\"']?[^\"'>]*(csrf|token|nonce|authenticity|"
                                  r"_wp_http_referer|form_build_id|form_token)", lowered):
                values.append(attribute_span(tag, "value"))
            if lowered.startswith("<meta") and re.search(
                    r"name\s*=\s*[\"']?(csrf-token|csrf-param|_token|x-csrf-token)", lowered):
                values.append(attribute_span(tag, "content"))
            if lowered.startswith("<script") or lowered.startswith("<link") and not re.search(
                    r"rel\s*=\s*[\"']?[^\"'>]*(canonical|alternate|shortlink|amphtml)", lowered):
                for version in re.finditer(r"[?&](ver|v|version)=([\w.-]+)", tag):
                    values.append(version.span(2))
            values = [v for v in values if v is not None]
            for start, end in values:
                if end > start:
                    edits.append((match.start() + start, match.start() + end,
                                  shift_token(tag[start:end])))
        return merge(edits) or None

    def edit_description(self):
        """The page's summary for search engines and link previews rewritten in other words, as
        an SEO plugin's field does: nothing a reader sees changes."""
        edits = []
        for match in re.finditer(r"<meta\b[^>]*>", self.source, re.I):
            tag = match.group()
            if not re.search(r"(?:name|property)\s*=\s*[\"']?(?:description|og:description|"
                             r"twitter:description)[\"'\s/>]", tag, re.I):
                continue
            span = attribute_span(tag, "content")
            if span is not None:
                edits.append((match.start() + span[0], match.start() + span[1], SEO_SUMMARY))
        return merge(edits) or None

    def edit_link_tokens(self):
        """Per-visit parameters added to the article's links: the page as a visit with a new
        session, a signed download link or a tracked mail would serve it."""
        if self.span is None:
            return None
        rng = self.rng("page", "link-tokens")
        edits, turn = [], 0
        for element in self.elements:
            if element.tag != "a" or element.start < self.span[0] or element.end > self.span[1]:
                continue
            tag = self.source[element.start:element.inner]
            span = href_span(tag)
            if not span:
                continue
            start, end = span
            href = tag[start:end]
            stripped = href.strip()
            scheme = re.match(r"^([a-zA-Z][\w+.-]*):", stripped)
            if not stripped or stripped.startswith("#") or "&#" in href or "\n" in href \
                    or (scheme and scheme.group(1).lower() not in ("http", "https")):
                continue
            edits.append((element.start + start, element.start + end,
                          with_visit_tokens(href, turn, rng)))
            turn += 1
        return merge(edits) or None

    # -- true edits ----------------------------------------------------------------------

    def pool(self, variant):
        return self.kept if variant == "short" else self.paragraphs

    def edit_word(self, variant):
        choices = []
        for element in self.pool(variant):
            for run_start, run_end in text_runs(self.source, element.inner, element.inner_end):
                for match in re.finditer(r"&#?\w+;|[A-Za-z]{4,}", self.source[run_start:run_end]):
                    if not match.group().startswith("&"):
                        choices.append((element, run_start + match.start(), match.group()))
        if not choices:
            return None
        element, start, word = self.rng(variant, "word").choice(choices)
        new = next(w for w in NEW_WORDS if w != word.lower())
        new = new.capitalize() if word[0].isupper() else new
        return [(start, start + len(word), new)], element

    def edit_number(self, variant):
        choices = []
        for element in self.pool(variant):
            for run_start, run_end in text_runs(self.source, element.inner, element.inner_end):
                for match in re.finditer(r"&#?\w+;|\d+", self.source[run_start:run_end]):
                    if not match.group().startswith("&"):
                        choices.append((element, run_start + match.start(), match.group()))
        if not choices:
            return None
        element, start, number = self.rng(variant, "number").choice(choices)
        return [(start, start + len(number), str(int(number) + 1))], element

    def edit_sentence(self, variant):
        choices = [e for e in self.pool(variant) if e.tag in ("p", "li", "blockquote", "div")]
        if not choices:
            return None
        element = self.rng(variant, "sentence").choice(choices)
        return [(element.inner_end, element.inner_end, ADDED_SENTENCE)], element

    def edit_link(self, variant):
        choices = []
        for element in self.pool(variant):
            for index in self.descendants(element):
                link = self.elements[index]
                href = link.attrs.get("href", "").strip()
                if link.tag != "a" or not href or href.startswith(("#", "javascript:")):
                    continue
                if not link.text:
                    continue
                choices.append((element, link))
        if not choices:
            return None
        element, link = self.rng(variant, "link").choice(choices)
        tag = self.source[link.start:link.inner]
        span = href_span(tag, unquoted=True)
        if not span:
            return None
        start, end = span
        return [(link.start + start, link.start + end, changed_href(tag[start:end]))], element

    def edit_link_query(self, variant):
        """A link's own parameter changed, its path the same (`?id=41` to `?id=42`): where the
        link points changed, which a links section that drops too much of the query would miss.
        Only a parameter whose value is a number of one to nine digits (a post, page or item id;
        no Unix time, session id or signature has that shape) and whose name is no campaign or
        click tracker's (utm_, pk_, mtm_, ...clid, ..._cid, ..._eid)."""
        choices = []
        for element in self.pool(variant):
            for index in self.descendants(element):
                link = self.elements[index]
                if link.tag != "a" or not link.text:
                    continue
                tag = self.source[link.start:link.inner]
                span = href_span(tag)
                if not span:
                    continue
                href_start, href_end = span
                href = tag[href_start:href_end]
                question = href.find("?")
                if question < 0:
                    continue
                query_end = href.find("#", question)
                query_end = len(href) if query_end < 0 else query_end
                for parameter in re.finditer(r"(?:^|(?<=[?&;]))([A-Za-z][\w.-]*)=(\d{1,9})(?=[&;#]|$)",
                                             href[:query_end]):
                    if parameter.start() <= question:
                        continue
                    name = parameter.group(1).lower()
                    if name.startswith(("utm_", "pk_", "mtm_")) or name.endswith(
                            ("clid", "_cid", "_eid")):
                        continue
                    start = link.start + href_start + parameter.start(2)
                    choices.append((element, start, parameter.group(2)))
        if not choices:
            return None
        element, start, value = self.rng(variant, "link-query").choice(choices)
        return [(start, start + len(value), str(int(value) + 1))], element

    def edit_title(self, variant):
        """One word of the title, wherever the page states its title: <title>, title metadata,
        h1s and h2s that hold it, JSON-LD headlines. Which word: the longest word of four letters
        or more of the post's heading. The Title: line of the base article must hold that word,
        or the pair is skipped (judge)."""
        titles = [e for e in self.elements if e.tag == "title" and e.closed]
        metas = []
        for match in re.finditer(r"<meta\b[^>]*>", self.source, re.I):
            tag = match.group()
            if re.search(r'(property|name|itemprop)\s*=\s*["\']?(og:title|twitter:title|title|'
                         r'dc\.title|headline|parsely-title|sailthru\.title)["\'\s/>]', tag, re.I):
                content = re.search(r'\scontent\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', tag, re.I)
                if content:
                    group = 1 if content.group(1) is not None else 2
                    metas.append((match.start() + content.start(group),
                                  match.start() + content.end(group)))
        stated = [match_key(t.text) for t in titles[:1]]
        stated += [match_key(html.unescape(self.source[s:e])) for s, e in metas]
        stated = [text for text in stated if text]
        if not stated:
            return None
        # The post's heading: an h1 or h2 whose text is part of a stated title; else the
        # longest part of the stated title between separators (the site name is the shorter).
        headings = [e for e in self.elements if e.tag in ("h1", "h2", "h3") and e.closed
                    and (e.tag != "h3" or "title" in class_words(e.attrs))
                    and len(e.text.split()) >= 2 and not self.names_site(e)
                    and any(match_key(e.text) in text for text in stated)]
        if headings:
            title = max((match_key(e.text) for e in headings), key=len)
        else:
            title = max(re.split(r"\s+[|\-\u2013\u2014:\u00b7\u2022/]+\s+", stated[0]), key=len)
        words = re.findall(r"[A-Za-z]{4,}", title)
        if not words:
            return None
        word = sorted(set(words), key=lambda w: (-len(w), w))[0]
        sources = [title] + stated
        new = next(w for w in NEW_WORDS if w != word.lower())
        new = new.capitalize() if word[0].isupper() else new
        pattern = re.compile(r"\b%s\b" % re.escape(word))
        edits = []

        def replace_in(start, end):
            for match in pattern.finditer(self.source, start, end):
                edits.append((match.start(), match.end(), new))
        for element in titles[:1]:
            for run in text_runs(self.source, element.inner, element.inner_end):
                replace_in(*run)
        def about_title(text):
            key = match_key(text)
            return bool(key) and (title in key or any(key in t for t in sources))
        for element in self.elements:
            if element.tag in ("h1", "h2", "h3") and element.closed and about_title(element.text) \
                    and (element.tag != "h3" or "title" in class_words(element.attrs)):
                for run in text_runs(self.source, element.inner, element.inner_end):
                    replace_in(*run)
        for start, end in metas:
            replace_in(start, end)
        for element in self.elements:
            if element.tag == "script" and "ld+json" in element.attrs.get("type", "").lower():
                body_start = element.inner
                for match in re.finditer(r'"(headline|name|alternativeHeadline)"\s*:\s*"((?:[^"\\]|'
                                         r'\\.)*)"', self.source[element.inner:element.inner_end]):
                    value = match.group(2)
                    if pattern.search(value) and about_title(value):
                        replace_in(body_start + match.start(2), body_start + match.end(2))
        edits = merge(edits)
        return (edits, word) if edits else None


def attribute_span(tag, name):
    """Where the quoted value of attribute name is in tag, or None."""
    match = re.search(r"\s%s\s*=\s*(?:\"([^\"]*)\"|'([^']*)')" % re.escape(name), tag, re.I)
    if match is None:
        return None
    return match.span(1) if match.group(1) is not None else match.span(2)


def shift_counter(match):
    if match.group(1):
        return match.group()  # a character reference
    number = match.group(2)
    value = int(number.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in number:
        return number  # a year
    return format(value + 3, ",") if "," in number else str(value + 3)


SEO_SUMMARY = ("Everything you need to know, in one place: our complete guide, with answers to "
               "the questions readers ask most often.")

TOKEN_SHIFT = str.maketrans("0123456789abcdefABCDEF", "7890123456bcdefaBCDEFA")


def shift_token(token):
    """A token's digits plus seven and its hex letters one on (a new nonce of the same shape)."""
    changed = token.translate(TOKEN_SHIFT)
    return changed if changed != token else token + "x"


def with_visit_tokens(href, turn, rng):
    """href with one family of per-visit parameters added (which one: turn), the values from
    rng: where the link points unchanged."""
    token = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    # White space around the target stays around it (a URL parser trims it).
    spaces = " \t\n\r\f"
    stripped = href.strip(spaces)
    lead = href[:len(href) - len(href.lstrip(spaces))]
    trail = href[len(href.rstrip(spaces)):]
    return lead + visit_tokens_added(stripped, turn, token, rng) + trail


def visit_tokens_added(href, turn, token, rng):
    head, hash_mark, fragment = href.partition("#")
    path, question, query = head.partition("?")
    family = turn % 6
    if family == 2:
        return path + ";jsessionid=" + token.upper() + question + query + hash_mark + fragment
    added = [
        "utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=" + token[:8],
        "fbclid=IwAR" + token,
        None,
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Date=20260307T%sZ&amp;X-Amz-Expires=900"
        "&amp;X-Amz-SignedHeaders=host&amp;X-Amz-Signature=%s" % (token[:6], token + token),
        "_=17%s" % "".join(rng.choice("0123456789") for _ in range(11)),
        "mc_cid=%s&amp;mc_eid=%s" % (token[:10], token[10:20]),
    ][family]
    if query:
        query = query + "&amp;" + added
    else:
        query = added
    return path + "?" + query + hash_mark + fragment


def href_span(tag, unquoted=False):
    """(start, end) of the href value in a start tag, quoted (or, with unquoted, also written
    without quotes); None when it has none."""
    pattern = r'(\shref\s*=\s*)("([^"]*)"|\'([^\']*)\'%s)' % ("|([^\s>]+)" if unquoted else "")
    match = re.search(pattern, tag, re.I)
    if not match:
        return None
    group = next(g for g in (3, 4, 5) if g <= len(match.groups()) and match.group(g) is not None)
    return match.span(group)


def changed_href(href):
    match = re.match(r"^([^?#]*)(.*)$", href, re.S)
    path, rest = match.group(1), match.group(2)
    scheme = re.match(r"^([a-zA-Z][\w+.-]*:)?(//[^/]*)?(.*)$", path)
    head = (scheme.group(1) or "") + (scheme.group(2) or "")
    tail = scheme.group(3)
    if tail in ("", "/"):
        return head + "/revised" + rest
    slash = "/" if tail.endswith("/") else ""
    tail = tail.rstrip("/")
    stem, dot, extension = tail.rpartition(".")
    if dot and "/" not in extension and 1 <= len(extension) <= 5:
        return head + stem + "-revised." + extension + slash + rest
    return head + tail + "-revised" + slash + rest


def merge(edits):
    """Sorted edits with overlapping ones dropped (the later of two that overlap)."""
    result = []
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if result and edit[0] < result[-1][1]:
            continue
        if result and edit[0] == result[-1][1] == edit[1] == result[-1][0]:
            continue
        result.append(edit)
    return result


def apply(source, edits, removals=()):
    """source with removals and edits applied, or None when an edit straddles a removal. Edits
    inside a removed range go with it."""
    changes = [(s, e, "") for s, e in removals]
    for start, end, replacement in edits:
        inside = [r for r in removals if r[0] <= start and end <= r[1]
                  and not (start == end and (start == r[0] or start == r[1]))]
        if inside:
            continue
        if any(start < r[1] and r[0] < end for r in removals):
            return None
        changes.append((start, end, replacement))
    changes.sort(key=lambda c: (c[0], c[1]))
    out, position = [], 0
    for start, end, replacement in changes:
        if start < position:
            return None
        out.append(source[position:start])
        out.append(replacement)
        position = end
    out.append(source[position:])
    return "".join(out)


# -- the benchmark ------------------------------------------------------------------------

def corpus_pages(all_groups):
    pages = []
    for corpus, folder in FOLDERS.items():
        if not os.path.isdir(folder):
            continue
        groups = {}
        meta = os.path.join(folder, "_meta.json")
        if os.path.exists(meta):
            with open(meta, encoding="utf-8") as handle:
                groups = {k: v.get("group", "") for k, v in json.load(handle)["pages"].items()}
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".html"):
                continue
            page_id = name[:-5]
            if corpus == "wcxb-dev" and not all_groups and groups.get(page_id) != "article":
                continue
            if os.path.exists(os.path.join(folder, page_id + ".txt")):
                pages.append((corpus, page_id))
    return pages


def load_page(corpus, page_id, seed):
    folder = FOLDERS[corpus]
    with open(os.path.join(folder, page_id + ".html"), encoding="utf-8", errors="replace") as f:
        source = f.read()
    with open(os.path.join(folder, page_id + ".txt"), encoding="utf-8", errors="replace") as f:
        gold = f.read()
    return Page(corpus, page_id, source, gold, seed)


def page_pairs(page, variants=VARIANTS, kinds=None):
    """The page's variants: base pages and edited pages, as (pair id, side, html, info), and the
    skips as (variant, kind, reason)."""
    out, skips = [], []
    for variant in variants:
        if variant == "short" and page.removals is None:
            for kind in CHROME_KINDS + TRUE_KINDS:
                skips.append((variant, kind, "short: " + page.short_skip))
            continue
        removals = page.removals if variant == "short" else ()
        base = apply(page.source, [], removals)
        base_id = "%s:%s" % (page.id, variant)
        wanted = [k for k in CHROME_KINDS + TRUE_KINDS if kinds is None or k in kinds]
        made = []
        for kind in wanted:
            if kind in CHROME_KINDS:
                if kind not in page.edit_cache:
                    page.edit_cache[kind] = getattr(page, "edit_" + kind.replace("-", "_"))()
                edits = page.edit_cache[kind]
                element = None
            else:
                result = getattr(page, "edit_" + kind.replace("-", "_"))(variant)
                edits, element = result if result else (None, None)
            if not edits:
                skips.append((variant, kind, "no safe place for the edit"))
                continue
            changed = apply(page.source, edits, removals)
            if changed is None or changed == base:
                skips.append((variant, kind, "edit overlaps the removed paragraphs"))
                continue
            # What the judge checks a missed edit against: the edited paragraph, or the word
            # taken out of the title.
            made.append((kind, changed, element if isinstance(element, str)
                         else element.text if element is not None else ""))
        if made:
            out.append((base_id, "base", base, ""))
            for kind, changed, paragraph in made:
                out.append(("%s:%s" % (base_id, kind), "edit", changed, paragraph))
    return out, skips


def file_name(pair_id):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", pair_id.replace("/", "~").replace(":", "."))


def make_batch(pages, seed, folder, kinds=None):
    """Writes the batch's pages' variants into folder; returns [(pair id, paragraph)], skips."""
    written, skips = [], []
    for corpus, page_id in pages:
        try:
            page = load_page(corpus, page_id, seed)
        except Exception as error:  # html.parser gives up on a few malformed pages
            skips.append(("%s/%s" % (corpus, page_id), "*", "*", "parse error: %s" % error))
            continue
        if page.skip_reason:
            skips.append((page.id, "*", "*", page.skip_reason))
            continue
        pairs, page_skips = page_pairs(page, kinds=kinds)
        skips.extend((page.id,) + s for s in page_skips)
        for pair_id, side, text, paragraph in pairs:
            with open(os.path.join(folder, file_name(pair_id) + ".html"), "w",
                      encoding="utf-8") as handle:
                handle.write(text)
            written.append((pair_id, paragraph))
    return written, skips


def start_extract(redline, folder, names):
    out = os.path.join(folder, "out")
    os.makedirs(out, exist_ok=True)
    files = [os.path.join(folder, file_name(n) + ".html") for n, _ in names]
    return subprocess.Popen([redline, "extract", "--format", "article", "--output-dir", out]
                            + files, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def read_output(folder, pair_id):
    path = os.path.join(folder, "out", file_name(pair_id) + ".txt")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        return handle.read()


def changed_lines(old, new):
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    removed = sum(1 for line in old_lines if line not in set(new_lines))
    added = sum(1 for line in new_lines if line not in set(old_lines))
    return added, removed


def judge(folder, written, tally, failures):
    bases = {}
    for pair_id, paragraph in written:
        if pair_id.count(":") == 1:
            bases[pair_id] = read_output(folder, pair_id)
    for pair_id, paragraph in written:
        if pair_id.count(":") == 1:
            continue
        page, variant, kind = pair_id.split(":")
        base = bases.get(page + ":" + variant)
        row = tally.setdefault((kind, variant), {"pairs": 0, "fail": 0, "skip": 0, "unseen": 0})
        if base is None:
            row["skip"] += 1  # no article on the base page: nothing to compare
            continue
        if kind == "title":
            title = base.split(b"\n", 1)[0].decode("utf-8", "replace")
            if not title.startswith("Title: ") or not re.search(
                    r"\b%s\b" % re.escape(paragraph), title):
                row["skip"] += 1  # the word changed is not in the base's Title: line
                continue
        edited = read_output(folder, pair_id)
        row["pairs"] += 1
        if kind in CHROME_KINDS:
            if edited != base:
                row["fail"] += 1
                added, removed = changed_lines(base, edited or b"")
                detail = ("no article" if edited is None else "+%d -%d lines" % (added, removed)
                          if added or removed else "lines reordered or repeated")
                failures.append("%s\tfalse edit\t%s" % (pair_id, detail))
        elif edited == base:
            row["fail"] += 1
            seen = not paragraph or kind == "title" or normalized(paragraph) in normalized(
                base.decode("utf-8", "replace").replace("*", "").replace("`", ""))
            if not seen:
                row["unseen"] += 1
            failures.append("%s\tmissed edit\t%s" % (
                pair_id, "edited paragraph in the base article" if seen
                else "edited paragraph not in the base article"))


def make_batch_job(job):
    pages, seed, folder = job
    os.makedirs(folder)
    return make_batch(pages, seed, folder)


def benchmark(redline, seed=13, sample=0, jobs=2, batch=10):
    """The benchmark as `make bench` runs it: prints the table, returns the figures."""
    return run_benchmark(argparse.Namespace(
        redline=redline, seed=seed, sample=sample, jobs=jobs, batch=batch, pages=None,
        all_groups=False, failures=None, quiet=True))


def run_benchmark(args):
    pages = corpus_pages(args.all_groups)
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if "%s/%s" % p in wanted or p[1] in wanted]
    if args.sample and args.sample < len(pages):
        pages = sorted(random.Random(args.seed).sample(pages, args.sample))
    os.makedirs(WORK, exist_ok=True)
    scratch_root = "/dev/shm" if os.path.isdir("/dev/shm") else None
    scratch = tempfile.mkdtemp(prefix="redline-false-edits-", dir=scratch_root)
    tally, failures, skips = {}, [], []
    started = time.perf_counter()
    batches = [pages[i:i + args.batch] for i in range(0, len(pages), args.batch)]
    jobs = [(batch, args.seed, os.path.join(scratch, "batch-%d" % n))
            for n, batch in enumerate(batches)]
    done = 0
    try:
        # Pages are made by --jobs worker processes, a few batches ahead, while redline extracts
        # the batch before; each batch's files are deleted once judged.
        with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
            pending = [pool.submit(make_batch_job, job) for job in jobs[:args.jobs + 1]]
            next_job = len(pending)
            running = None
            for index in range(len(jobs)):
                written, batch_skips = pending.pop(0).result()
                if next_job < len(jobs):
                    pending.append(pool.submit(make_batch_job, jobs[next_job]))
                    next_job += 1
                skips.extend(batch_skips)
                if running:
                    finish(running, tally, failures)
                folder = jobs[index][2]
                running = (folder, written, start_extract(args.redline, folder, written)
                           if written else None)
                done += len(jobs[index][0])
                if not args.quiet:
                    print("\r%d/%d pages" % (done, len(pages)), end="", file=sys.stderr,
                          flush=True)
            if running:
                finish(running, tally, failures)
        if not args.quiet:
            print(file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.perf_counter() - started
    return report(args, pages, tally, failures, skips, elapsed)


def finish(running, tally, failures):
    folder, written, process = running
    if process is not None:
        process.communicate()
        judge(folder, written, tally, failures)
    shutil.rmtree(folder, ignore_errors=True)


def report(args, pages, tally, failures, skips, elapsed):
    page_skips = [s for s in skips if s[1] == "*"]
    for page_id, variant, kind, reason in skips:
        if variant != "*":
            row = tally.setdefault((kind, variant), {"pairs": 0, "fail": 0, "skip": 0, "unseen": 0})
            row["skip"] += 1
    rows = []

    def cell(kind, variant):
        return tally.get((kind, variant), {"pairs": 0, "fail": 0, "skip": 0, "unseen": 0})

    def add_rows(group, kinds):
        totals = {v: {"pairs": 0, "fail": 0, "skip": 0, "unseen": 0} for v in VARIANTS}
        for kind in kinds:
            row = {"set": group, "kind": kind}
            for variant in VARIANTS:
                c = cell(kind, variant)
                for key in totals[variant]:
                    totals[variant][key] += c[key]
                row[variant] = c
            rows.append(row)
        rows.append({"set": group, "kind": "total", **totals})

    add_rows("chrome", CHROME_KINDS)
    add_rows("true edit", TRUE_KINDS)
    print("pages: %d used of %d (%d skipped: %s); %.1f s"
          % (len(pages) - len(page_skips), len(pages), len(page_skips),
             ", ".join("%d %s" % (n, r) for r, n in count(s[3] for s in page_skips)) or "none",
             elapsed))
    short_skips = count(s[3] for s in skips if s[1] == "short" and s[2] == "counters"
                        and s[3].startswith("short:"))
    if short_skips:
        print("short posts not made: " + ", ".join("%d (%s)" % (n, r[7:]) for r, n in short_skips))
    print()
    header = ("| set | kind | long: pairs | long: failed | long: skipped | short: pairs "
              "| short: failed | short: skipped | all: pairs | all: failed | failed % |")
    print(header)
    print("|" + " --- |" * 11)
    for row in rows:
        long, short = row["long"], row["short"]
        pairs = long["pairs"] + short["pairs"]
        failed = long["fail"] + short["fail"]
        label = "**total**" if row["kind"] == "total" else row["kind"]
        print("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f%% |" % (
            row["set"], label, long["pairs"], long["fail"], long["skip"], short["pairs"],
            short["fail"], short["skip"], pairs, failed, 100.0 * failed / max(1, pairs)))
    print()
    print("failed = false edits (chrome: the article changed) or missed edits (true edit: the "
          "article stayed the same); skipped = no safe place for the edit on the page, no short "
          "post, no article or (title) no Title: line on the base page.")
    kept = [r for r in rows if r["set"] == "true edit" and r["kind"] not in ("total", "link", "link-query")]
    missed = sum(r[v]["fail"] for r in kept for v in VARIANTS)
    unseen = sum(r[v]["unseen"] for r in kept for v in VARIANTS)
    if missed:
        print("of the %d missed word, number, sentence and title edits, %d were in a paragraph the "
              "base article did not hold (never extracted)" % (missed, unseen))
    # The corpus's figures and failures keep their names; a held-out set's have their own.
    suffix = "".join("-" + name for name in FOLDERS if name.endswith("-heldout"))
    failures_path = args.failures or os.path.join(WORK, "failures%s.txt" % suffix)
    os.makedirs(os.path.dirname(os.path.abspath(failures_path)), exist_ok=True)
    with open(failures_path, "w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in sorted(failures)))
    print("failing pairs: %s (%d); inspect one with scripts/false_edits.py --pair ID --out DIR"
          % (os.path.relpath(failures_path), len(failures)))
    results = {"pages": len(pages), "pages_skipped": len(page_skips), "seconds": round(elapsed, 1),
               "rows": rows}
    with open(os.path.join(WORK, "results%s.json" % suffix), "w") as handle:
        json.dump(results, handle, indent=2)
    return results


def count(items):
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


# -- single pairs and test pairs ----------------------------------------------------------

def build_pair(pair_id, seed):
    """(base html, changed html, edited paragraph) of one pair id, page:variant:kind."""
    page_part, variant, kind = pair_id.rsplit(":", 2)
    corpus, page_id = page_part.split("/", 1)
    page = load_page(corpus, page_id, seed)
    if page.skip_reason:
        raise SystemExit("%s: %s" % (page_part, page.skip_reason))
    pairs, skips = page_pairs(page, variants=[variant], kinds=[kind])
    found = {p[1]: p for p in pairs}
    if "edit" not in found:
        reasons = [s[2] for s in skips]
        raise SystemExit("%s: no such pair (%s)" % (pair_id, "; ".join(reasons) or "unknown"))
    return found["base"][2], found["edit"][2], found["edit"][3], page


def extract_two(redline, original, changed):
    folder = tempfile.mkdtemp(prefix="redline-pair-")
    try:
        paths = []
        for name, text in (("original", original), ("changed", changed)):
            path = os.path.join(folder, name + ".html")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            paths.append(path)
        subprocess.run([redline, "extract", "--format", "article", "--output-dir", folder] + paths,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [read_text(os.path.join(folder, n + ".txt")) for n in ("original", "changed")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_text(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        return handle.read()


def write_pair(args):
    original, changed, paragraph, page = build_pair(args.pair, args.seed)
    os.makedirs(args.out, exist_ok=True)
    for name, text in (("original.html", original), ("changed.html", changed)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    texts = extract_two(args.redline, original, changed)
    for name, text in zip(("original.txt", "changed.txt"), texts):
        if text is not None:
            with open(os.path.join(args.out, name), "wb") as handle:
                handle.write(text)
    print("%s: wrote %s (original.html, changed.html and their article text)" % (args.pair,
                                                                                 args.out))
    print("article text %s" % ("identical" if texts[0] == texts[1] else "differs"))
    if texts[0] is not None and texts[1] is not None and texts[0] != texts[1]:
        subprocess.run(["diff", "-u", os.path.join(args.out, "original.txt"),
                        os.path.join(args.out, "changed.txt")])


KIND_NOTES = {
    "counters": "every number in chrome text (counters, archive counts, comment counts) shifted",
    "list-added": "every link list outside the article got one more item",
    "list-removed": "every link list outside the article lost its last item",
    "list-rotated": "every link list outside the article had its first item moved to the end",
    "sidebar": "the longest paragraph in a sidebar, widget or footer got two more sentences",
    "comment": "a reader comment added (in the comments container, or a new #comments section)",
    "nonces": "script tokens, nonce= attributes, csrf and hidden values, ?ver= asset versions",
    "description": "the meta description (and og:, twitter:) rewritten, the visible page unchanged",
    "word": "one word of an article paragraph replaced",
    "number": "one number in an article paragraph plus one",
    "sentence": "a sentence appended to an article paragraph",
    "link": "the target of a link in an article paragraph changed (same anchor text)",
    "link-query": "a link's own parameter changed in an article paragraph (?id=41 to ?id=42)",
    "title": "one word of the title changed wherever the page states it",
}


def write_test_pairs(args, chrome):
    """Writes --count passing pairs (chrome: identical article; true: differing article) into the
    folder, a mix of kinds and of long and short posts, from the smaller pages."""
    kinds = CHROME_KINDS if chrome else TRUE_KINDS
    if args.kinds:
        kinds = [k for k in kinds if k in args.kinds.split(",")]
    folder = args.write_stability_pairs if chrome else args.write_true_edit_pairs
    existing = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    used_pages = {name.split("-")[0] for name in existing}
    pages = [p for p in corpus_pages(args.all_groups)
             if os.path.getsize(os.path.join(FOLDERS[p[0]], p[1] + ".html")) <= args.max_bytes
             and p[1] not in used_pages]
    random.Random(args.seed).shuffle(pages)
    # Every kind in both variants, long and short in turn, the kinds that fail most often
    # (sidebar, comment) first.
    order = sorted(kinds, key=lambda k: (k not in ("sidebar", "comment"), kinds.index(k)))
    cycle = [(kind, VARIANTS[(i % len(order) + i // len(order)) % 2])
             for i, kind in enumerate(order + order)]
    plan = [cycle[i % len(cycle)] for i in range(args.count)]
    written = []
    for kind, variant in plan:
        for corpus, page_id in pages:
            if page_id in {w[1] for w in written}:
                continue
            pair_id = "%s/%s:%s:%s" % (corpus, page_id, variant, kind)
            try:
                original, changed, paragraph, page = build_pair(pair_id, args.seed)
            except SystemExit:
                continue
            except Exception:
                continue
            texts = extract_two(args.redline, original, changed)
            if texts[0] is None or b"\n\n" not in texts[0]:
                continue
            if bool(chrome or args.known_issue) != (texts[0] == texts[1]):
                continue
            if variant == "short" and texts[0].count(b"\n\n") > 8:
                continue  # the short post is not short in redline's article: pick another
            name = "%s-%s-%s" % (page_id, variant, kind)
            target = os.path.join(folder, name)
            os.makedirs(target, exist_ok=True)
            for file, text in (("original.html", original), ("changed.html", changed)):
                with open(os.path.join(target, file), "w", encoding="utf-8") as handle:
                    handle.write(text)
            with open(os.path.join(target, "changes.txt"), "w", encoding="utf-8") as handle:
                handle.write("kind: %s\nvariant: %s (%s)\nsource: %s\nchange: %s\n" % (
                    kind, variant, "the page as served" if variant == "long" else
                    "the page with all but the first one or two article paragraphs removed, "
                    "in both files", pair_id, KIND_NOTES[kind]))
                if args.known_issue:
                    handle.write("known issue: %s\n" % args.known_issue)
            written.append((name, page_id, corpus, pair_id))
            print("wrote", target)
            break
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redline", required=True, help="the redline executable")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sample", type=int, default=0, help="use this many pages (0: all)")
    parser.add_argument("--pages", help="only these page ids (comma-separated)")
    parser.add_argument("--all-groups", action="store_true",
                        help="wcxb-dev pages of every group, not only articles")
    parser.add_argument("--held-out", nargs="?", const="news", choices=["news", "web"],
                        help="a held-out set of scripts/news-heldout.py (run it once first; with "
                             "--web for 'web') in place of the corpus; pair ids then start "
                             "news-heldout/ or web-heldout/")
    parser.add_argument("--batch", type=int, default=10, help="pages per redline process")
    parser.add_argument("--jobs", type=int, default=2, help="processes making the pages")
    parser.add_argument("--failures", help="where to write the failing pair ids")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--pair", help="write one pair (page:variant:kind) to --out and diff it")
    parser.add_argument("--out", help="the folder for --pair")
    parser.add_argument("--write-stability-pairs", metavar="DIR",
                        help="write --count chrome pairs that pass today into DIR")
    parser.add_argument("--write-true-edit-pairs", metavar="DIR",
                        help="write --count true-edit pairs that pass today into DIR")
    parser.add_argument("--kinds", help="with --write-true-edit-pairs: the kinds to use")
    parser.add_argument("--known-issue", metavar="WHY",
                        help="with --write-true-edit-pairs: write pairs that fail today (the "
                        "article stays the same), with this reason in changes.txt")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--max-bytes", type=int, default=80_000,
                        help="largest page to use for test pairs")
    args = parser.parse_args()
    if args.held_out:
        folder = HELD_OUT if args.held_out == "news" else os.path.join(
            os.path.dirname(HELD_OUT), "web")
        if not os.path.isdir(folder):
            parser.error("no held-out pages in %s: run scripts/news-heldout.py%s once first"
                         % (folder, "" if args.held_out == "news" else " --web"))
        FOLDERS.clear()
        FOLDERS[args.held_out + "-heldout"] = folder
    if args.pair:
        if not args.out:
            parser.error("--pair needs --out")
        write_pair(args)
    elif args.write_stability_pairs:
        write_test_pairs(args, chrome=True)
    elif args.write_true_edit_pairs:
        write_test_pairs(args, chrome=False)
    else:
        run_benchmark(args)


if __name__ == "__main__":
    main()
