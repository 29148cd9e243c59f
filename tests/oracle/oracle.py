#!/usr/bin/env python3
"""oracle.py: reads feeds with Python's feedparser and with gxnews and
compares, entry by entry, what a reader sees: title, link, date (the
instant), author and summary text.

    oracle.py --feed-json PROG [--tap] [--variants DIR] [--verbose] PATH...

PATH is a feed file or a directory of them (searched recursively).  A
leading comment may give HTTP headers as feedparser's own test files do
("Header: Content-type: text/xml; charset=koi8-r"); both parsers get them.
PROG is tests/oracle/feed_json (what gxnews reads, as JSON).  --variants
DIR writes generated variants of the feeds there and reads them too.

Prints one line per feed that differs, with a reason for each difference:
a known, deliberate difference says why gxnews reads it otherwise;
anything else is "unexplained".  Then the agreement figure:
    agreement: N/M feeds (K more differ only as explained)
With --tap, TAP: one test per feed, failing on an unexplained difference
or a crash of gxnews, and the figure as a comment.
"""

import argparse
import calendar
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import urllib.parse

import feedparser

BASE = "http://127.0.0.1:8097/"
DEFAULT_TYPE = "application/xml"    # what a server sends for a .xml file
FEED_EXT = (".xml", ".rss", ".rdf", ".atom", ".html", ".htm")
HTML_TYPES = ("text/html", "application/xhtml+xml")
SUMMARY_MAX = 280       # characters gxnews keeps of a summary
BLOCK = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1",
         "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "section",
         "article", "dd", "dt", "pre", "figure", "figcaption"}


class _Text(html.parser.HTMLParser):
    """The text of an HTML fragment, as gxnews shows it in a list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def fold(s):
    return re.sub(r"\s+", " ", s or "").strip()


def html_text(s):
    p = _Text()
    p.feed(s or "")
    p.close()
    return fold("".join(p.out))


def detail_text(entry, key):
    """An entry's text field as plain text (HTML types lose their tags)."""
    value = entry.get(key)
    if value is None:
        return None
    detail = entry.get(key + "_detail") or {}
    if detail.get("type", "text/plain") in HTML_TYPES:
        return html_text(value)
    return fold(value)


def headers_of(data):
    head = data[:2048]
    return {k.decode("utf-8", "replace").strip().lower(): v.decode("utf-8", "replace").strip()
            for k, v in re.findall(rb"^Header:\s+([^:\r\n]+):(.+)$", head, re.M)}


def url_of(root, path):
    rel = os.path.relpath(path, root) if root else os.path.basename(path)
    return BASE + urllib.parse.quote(rel.replace(os.sep, "/"))


def same_url(a, b):
    if a == b:
        return True
    if a is None or b is None:
        return False
    norm = [urllib.parse.unquote(x).strip() for x in (a, b)]
    norm = [x + "/" if re.fullmatch(r"[a-zA-Z]+://[^/]+", x) else x for x in norm]
    return norm[0] == norm[1]


# ---- what feedparser reads ----------------------------------------------

def fp_time(entry):
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return calendar.timegm(t)
    return 0


def fp_raw_date(entry):
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return entry[key]
    return None


def fp_link(entry):
    """The entry's web page.  feedparser also takes an id (tag:, urn:) as
    the link; that is no page to open."""
    link = entry.get("link")
    return link if link and re.match(r"(?i)https?://", link) else None


def fp_alternates(entry):
    """The hrefs of the entry's rel=alternate HTML links."""
    return [l.get("href") for l in entry.get("links") or []
            if l.get("rel", "alternate") == "alternate" and
            l.get("type", "text/html") in HTML_TYPES and l.get("href")]


def fp_author(entry):
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author")
    return fold(name) if name else None


def fp_summary(entry):
    """The summary's text; feedparser copies an entry's content there (with
    no summary_detail) when it has no summary."""
    if entry.get("summary") and entry.get("summary_detail"):
        return detail_text(entry, "summary")
    for c in entry.get("content") or []:
        if c.get("value"):
            return html_text(c["value"]) if c.get("type", "text/html") in HTML_TYPES \
                else fold(c["value"])
    return fold(entry.get("summary")) or None


def feedparser_reads(data, base, headers):
    h = dict(headers)
    h.setdefault("content-location", base)
    h.setdefault("content-type", DEFAULT_TYPE)
    d = feedparser.parse(data, response_headers=h)
    entries = []
    for e in d.entries:
        entries.append({
            "title": detail_text(e, "title"),
            "url": fp_link(e),
            "alternates": fp_alternates(e),
            "guidislink": bool(e.get("guidislink")),
            "title_type": (e.get("title_detail") or {}).get("type"),
            "id": e.get("id"),
            "time": fp_time(e),
            "raw_date": fp_raw_date(e),
            "author": fp_author(e),
            "summary": fp_summary(e),
        })
    return {"entries": entries, "bozo": bool(d.bozo), "encoding": d.get("encoding"),
            "feed_author": fp_author(d.feed)}


# ---- what gxnews reads ---------------------------------------------------

def gxnews_reads(prog, jobs):
    """jobs: [(path, base, content_type)].  Returns {path: reading}; a feed
    on which the program died is {"crash": "..."}."""
    out, todo = {}, list(jobs)
    while todo:
        args = [prog]
        for path, base, ctype in todo:
            args += ["--base", base, "--content-type", ctype or "", path]
        try:
            p = subprocess.run(args, capture_output=True, timeout=60 + 2 * len(todo))
            lines, rc, why = p.stdout.decode("utf-8", "replace").splitlines(), p.returncode, None
        except subprocess.TimeoutExpired as ex:
            lines = (ex.stdout or b"").decode("utf-8", "replace").splitlines()
            rc, why = -1, "hung"
        done = 0
        for line in lines:
            try:
                r = json.loads(line)
            except ValueError:
                break
            out[r["file"]] = r
            done += 1
        if rc == 0:
            break
        if done < len(todo):   # the feed it was reading killed it
            out[todo[done][0]] = {"crash": why or "exit status %d" % rc}
            done += 1
        todo = todo[done:]
    return out


# ---- comparing ---------------------------------------------------------

CN_DATE = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})日?\s*"
                     r"(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def beijing(raw):
    """The instant of a date written as Chinese CMSs write it
    (2022年7月4日 12:18, 2022.07.04, 2022/7/4), in Beijing time; None if
    it is not one."""
    m = CN_DATE.fullmatch(raw)
    if not m:
        return None
    y, mo, d, h, mi, sec = (int(x or 0) for x in m.groups())
    return calendar.timegm((y, mo, d, h, mi, sec)) - 8 * 3600


def explain_time(fp, gx):
    raw = (fp.get("raw_date") or "").strip()
    if gx["time"] and gx["time"] == beijing(raw) and \
            fp["time"] not in (gx["time"], gx["time"] + 8 * 3600):
        return ("a date in a Chinese form (年月日, dots or slashes): feedparser reads "
                "another day or none, gxnews the day written, in Beijing time")
    zoned = re.search(r"(Z|[+-]\d\d(:?\d\d)?|\b[A-Za-z]{1,4})$", raw)
    if gx["time"] and not zoned and \
            (fp["time"] == 0 or gx["time"] - fp["time"] == -8 * 3600):
        return "a date without a zone is read as Beijing time (Chinese CMSs write local time)"
    if re.search(r"\bCST$", raw) and gx["time"] - fp["time"] == -14 * 3600:
        return "CST is China Standard Time (UTC+8) to gxnews, US Central to feedparser"
    return None


def explain_author(fp, gx, feed_author):
    if fp["author"] is None and gx.get("author") and fold(gx["author"]) == feed_author:
        return None     # an entry without author shows the feed's: no difference
    return "unexplained"


def undefined_entity(want, got):
    """feedparser drops the ';' of an entity nobody defined (&xxe;, a
    billion laughs' &lol9;); gxnews shows it as written."""
    return want is not None and got is not None and "&" in got and \
        re.sub(r"&(\w+);", r"&\1", got) == re.sub(r"&(\w+);", r"&\1", want)


ENTITY_WHY = "an entity no DTD defines (not loaded, for safety) shows as written"


def explain_link(fp, gx):
    if undefined_entity(fp["url"], gx.get("url")):
        return ENTITY_WHY
    if fp["guidislink"] and (gx.get("url") or "").startswith("urn:gxnews:"):
        return ("feedparser takes an id that is no web address (made absolute against "
                "the feed's URL) as the link; gxnews opens no such page")
    if gx.get("url") in fp["alternates"] and fp["url"] not in fp["alternates"]:
        return ("feedparser 6.0 lets the last link written as text win, whatever its "
                "rel; gxnews prefers rel=alternate, as feedparser's later versions do")
    return "unexplained"


def explain_title(fp, gx):
    if undefined_entity(fp["title"], gx.get("title")):
        return ENTITY_WHY
    if fp["title_type"] == "text/plain" and "<!--" in fp["title"] and \
            fold(re.sub(r"<!--.*?(-->|$)", "", fp["title"], flags=re.S)) == fold(gx.get("title")):
        return "a comment in a title is markup, not text: gxnews drops it"
    return "unexplained"


def compare_entry(fp, gx, feed_author):
    """[(field, feedparser's, gxnews's, reason)] for the fields that differ."""
    diffs = []
    if fp["title"] and fold(gx.get("title")) != fp["title"] and \
            re.sub(r"\s", "", gx.get("title") or "") != re.sub(r"\s", "", fp["title"]):
        why = explain_title(fp, gx)
        if len(fp["title"]) > 1000 and (gx.get("title") or "").endswith("…"):
            why = None      # gxnews cuts a title at 1,000 characters
        if why:
            diffs.append(("title", fp["title"], gx.get("title"), why))
    if fp["url"] is not None and not same_url(fp["url"], gx.get("url")):
        diffs.append(("link", fp["url"], gx.get("url"), explain_link(fp, gx)))
    if fp["url"] is None and not (gx.get("url") or "").startswith("urn:gxnews:") and \
            not same_url(gx.get("url"), fp.get("id")):
        diffs.append(("link", None, gx.get("url"), "unexplained"))
    if fp["time"] != gx.get("time", 0):
        diffs.append(("date", fp["time"], gx.get("time"), explain_time(fp, gx) or "unexplained"))
    if fold(gx.get("author")) != (fp["author"] or ""):
        why = explain_author(fp, gx, feed_author)
        if why:
            diffs.append(("author", fp["author"], gx.get("author"), why))
    want, got = fp["summary"] or "", fold(gx.get("summary"))
    if got.endswith("…") and len(got) > SUMMARY_MAX:
        want, got = want[:len(got) - 1], got[:-1].rstrip()
    if re.sub(r"\s", "", got) != re.sub(r"\s", "", want):
        why = ENTITY_WHY if undefined_entity(want, got) else "unexplained"
        diffs.append(("summary", fp["summary"], gx.get("summary"), why))
    return diffs


def unique(entries):
    """The entries gxnews keeps: one per page (an alternate link preferred),
    else per id, else per title and date."""
    seen, kept = set(), []
    for e in entries:
        page = (e["alternates"] or [None if e["guidislink"] else e["url"]])[0]
        key = ("url", page) if page else ("id", e["id"]) if e["id"] else \
            ("text", e["title"], e["raw_date"])
        if key not in seen:
            seen.add(key)
            kept.append(e)
    return kept


def compare(fp, gx):
    """[(entry, field, feedparser's, gxnews's, reason)]."""
    if "crash" in gx:
        return [(None, "crash", None, gx["crash"], "unexplained")]
    fpe, gxe = fp["entries"], gx.get("entries") or []
    if not gx.get("ok"):
        if not fpe:
            return []
        return [(None, "feed", "%d entries" % len(fpe), gx.get("error"), "unexplained")]
    diffs = []
    if len(fpe) != len(gxe):
        kept, nfp = unique(fpe), len(fpe)
        why = "unexplained"
        if len(kept) == len(gxe):
            why = ("entries with one link (or without link, with one id, or with "
                   "neither and one title and date) are one article in gxnews")
            fpe = kept
        elif len(gxe) > len(fpe) and fp["bozo"]:
            why = "gxnews recovers more entries from a malformed feed"
        diffs.append((None, "entries", nfp, len(gxe), why))
    for i, (a, b) in enumerate(zip(fpe, gxe)):
        diffs += [(i,) + d for d in compare_entry(a, b, fp["feed_author"])]
    return diffs


# ---- variants ----------------------------------------------------------

def variants(data, hdr):
    """Kinds of drift a feed's markup shows in the wild, each as
    (name, bytes, headers) made from a well-formed feed.  headers (None:
    the feed's own) are what feedparser is told: the truth about a charset
    the variant does not declare, or declares wrongly, for gxnews to find
    in the bytes."""
    v = []
    if b"<![CDATA[" not in data:
        v.append(("cdata-title", re.sub(rb"<title>([^<]*)</title>",
                                         rb"<title><![CDATA[\1]]></title>", data)))
    v.append(("comment-in-title", re.sub(rb"<title>", rb"<title><!-- a > b -->", data)))
    v.append(("crlf", data.replace(b"\n", b"\r\n")))
    v = [(name, vdata, None) for name, vdata in v]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return v        # a legacy charset: a BOM or references would lie
    if not data.startswith(b"\xef\xbb\xbf"):
        v.append(("bom", b"\xef\xbb\xbf" + data, None))
    v += charset_variants(text, hdr)
    ncr = re.sub(r"<title>([^<]*)</title>", lambda m: "<title>%s</title>" % "".join(
        c if ord(c) < 128 else "&#%d;" % ord(c) for c in m.group(1)), text)
    if ncr != text:
        v.append(("ncr-title", ncr.encode("utf-8"), None))
    return v


def charset_variants(text, hdr):
    """A Chinese feed in GB18030 that declares nothing, and one in UTF-8
    whose declaration says GBK: feedparser is told the real charset."""
    if "charset" in hdr.get("content-type", "") or \
            not re.search(r"[\u4e00-\u9fff]", text):
        return []
    bare = re.sub(r"""(<\?xml[^>]*?)\s+encoding=["'][^"']*["']""", r"\1", text, count=1)
    truth = dict(hdr, **{"content-type": DEFAULT_TYPE + "; charset=%s"})
    v = []
    try:
        v.append(("gb18030-undeclared", bare.encode("gb18030"),
                  dict(truth, **{"content-type": truth["content-type"] % "gb18030"})))
    except UnicodeEncodeError:
        pass
    wrong = re.sub(r"<\?xml[^>]*\?>", '<?xml version="1.0" encoding="gbk"?>', bare, count=1)
    if wrong != bare:
        v.append(("declared-gbk", wrong.encode("utf-8"),
                  dict(truth, **{"content-type": truth["content-type"] % "utf-8"})))
    return v


# ---- main --------------------------------------------------------------

def feed_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in sorted(os.walk(p)):
                for n in sorted(names):
                    if n.lower().endswith(FEED_EXT):
                        yield p, os.path.join(d, n)
        else:
            yield None, p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feed-json", required=True)
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--variants")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()

    jobs, names = [], {}
    for root, path in feed_files(a.paths):
        with open(path, "rb") as f:
            data = f.read()
        hdr = headers_of(data)
        jobs.append((path, url_of(root, path), hdr, data, hdr))
        names[path] = os.path.relpath(path, os.path.dirname(root.rstrip(os.sep))) if root else path
        if a.variants:
            os.makedirs(a.variants, exist_ok=True)
            stem = os.path.basename(path).rsplit(".", 1)[0]
            for name, vdata, truth in variants(data, hdr):
                vpath = os.path.join(a.variants, "%s.%s.xml" % (stem, name))
                with open(vpath, "wb") as f:
                    f.write(vdata)
                jobs.append((vpath, url_of(root, path), hdr, vdata, truth or hdr))
                names[vpath] = os.path.join("variants", os.path.basename(vpath))

    gx = gxnews_reads(a.feed_json, [(p, h.get("content-location", b),
                                     h.get("content-type", DEFAULT_TYPE))
                                    for p, b, h, _, _ in jobs])
    agree = explained = 0
    n = 0
    for path, base, _, data, truth in jobs:
        n += 1
        try:
            fp = feedparser_reads(data, base, truth)
        except Exception as ex:    # feedparser itself gave up: nothing to compare
            fp = {"entries": [], "bozo": True, "encoding": None, "feed_author": None,
                  "error": repr(ex)}
        diffs = compare(fp, gx.get(path, {"crash": "no answer"}))
        bad = [d for d in diffs if d[4] == "unexplained"]
        if not diffs:
            agree += 1
        elif not bad:
            explained += 1
        if a.tap:
            print("%s %d - %s%s" % ("not ok" if bad else "ok", n, names[path],
                                    " reads as feedparser reads it" if not diffs else
                                    " differs only as explained" if not bad else ""))
        elif diffs or a.verbose:
            print("%s: %s" % (names[path], "agrees" if not diffs else "differs"))
        for entry, field, want, got, why in diffs:
            where = "entry %d %s" % (entry, field) if entry is not None else field
            print("%s  %s: feedparser %s, gxnews %s (%s)" % (
                "#" if a.tap else "", where, json.dumps(want, ensure_ascii=False)[:200],
                json.dumps(got, ensure_ascii=False)[:200], why))
    line = "agreement: %d/%d feeds (%d more differ only as explained)" % (agree, n, explained)
    if a.tap:
        print("# " + line)
        print("1..%d" % n)
    else:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
