#!/usr/bin/env python3
"""mkvariants.py: copies of the demo mirror, each with one kind of change a
site redesign or an editor's hand makes, the pages still showing the same in
a browser.  The drift suite reads every copy with the unchanged profile and
expects every field of every page the base mirror has.

usage: mkvariants.py DEMO_DIR OUT_DIR [NAME...]
       mkvariants.py --list

Writes OUT_DIR/NAME/{www,paper}.chinahightech.com/ for each variant and
prints "NAME<TAB>pages changed<TAB>what changed" a line.  A variant whose
links carry a query the base has not writes OUT_DIR/NAME/LOOSE_URLS.
Python 3 standard library only."""

import os
import re
import shutil
import sys

CHARSET = re.compile(rb'charset\s*=\s*["\']?([A-Za-z0-9_-]+)', re.I)


def decode(raw):
    m = CHARSET.search(raw[:2048])
    cs = m.group(1).decode().lower() if m else 'utf-8'
    enc = 'gb18030' if cs in ('gbk', 'gb2312', 'gb18030') else 'utf-8'
    return raw.decode(enc), enc


def is_list(path):
    return bool(re.search(r'(/index\.html|/[0-9]+\.html|node_[0-9_]+\.html)$', path)) \
        and '/content/' not in path and 'layout' not in path \
        and not path.endswith('www.chinahightech.com/index.html') \
        and not path.endswith('paper.chinahightech.com/index.html')


def is_article(path):
    return bool(re.search(r'/[0-9]{4}/[0-9]{4}/[0-9_]+\.html$|content_[0-9]+\.html$', path))


def is_home(path):
    return path.endswith('www.chinahightech.com/index.html')


def sub(pattern, repl, text, flags=0):
    return re.sub(pattern, repl, text, flags=flags)


# ---- the kinds of change ---------------------------------------------------
# Each takes (path, text) and gives the new text.

def nav_wrapped(path, t):
    """the channel nav wrapped in one more element"""
    return sub(r'(<div id="nav"[^>]*>)(.*?)(\n</div>)',
               r'\1<div class="nav-inner">\2</div>\3', t, re.S)


def nav_id_moved(path, t):
    """the nav's id moved from the div to the ul"""
    return sub(r'<div id="nav" class="nav w1000">\s*<ul>',
               '<div class="nav w1000">\n\t<ul id="nav">', t)


def nav_renamed(path, t):
    """the nav's id and class renamed (a new menu)"""
    return sub(r'<div id="nav" class="nav w1000">', '<div id="topmenu" class="menu w1000">', t)


def nav_flat(path, t):
    """the nav rewritten flat: a div of links, no nested lists"""
    def flat(m):
        links = re.findall(r'<a [^>]*>[^<]*</a>', m.group(0))
        return '<div class="mainmenu">' + ' | '.join(links) + '</div>'
    return sub(r'<div id="nav".*?\n</div>', flat, t, re.S)


def date_cn(path, t):
    """list dates written 2022年7月4日"""
    if not is_list(path):
        return t
    return sub(r'(<span[^>]*>(?:发布时间：)?)(\d{4})-(\d\d)-(\d\d)',
               lambda m: '%s%s年%d月%d日' % (m.group(1), m.group(2), int(m.group(3)),
                                          int(m.group(4))), t)


def date_slash(path, t):
    """list dates written 2022/7/4"""
    if not is_list(path):
        return t
    return sub(r'(<span[^>]*>(?:发布时间：)?)(\d{4})-(\d\d)-(\d\d)',
               lambda m: '%s%s/%d/%d' % (m.group(1), m.group(2), int(m.group(3)),
                                       int(m.group(4))), t)


def date_dot(path, t):
    """list dates written 2022.07.04, in an <em>"""
    if not is_list(path):
        return t
    t = sub(r'<span([^>]*)>((?:发布时间：)?)(\d{4})-(\d\d)-(\d\d)([^<]*)</span>',
            r'<em\1>\2\3.\4.\5\6</em>', t)
    return t


def date_noclass(path, t):
    """list dates in a span without its class, or in a <font>"""
    if not is_list(path):
        return t
    t = t.replace('<span class="time">', '<span>')
    return sub(r'<span>(\d{4}-\d\d-\d\d)</span>', r'<font color="#999">\1</font>', t)


def date_monthday(path, t):
    """list dates without their year (07-04), the year in the article URL"""
    if not is_list(path):
        return t
    return sub(r'(<span[^>]*>)(?:发布时间：)?\d{4}-(\d\d-\d\d)(?: \d\d:\d\d)?', r'\1\2', t)


def info_plain(path, t):
    """the article's info line in plain elements without classes"""
    if not is_article(path):
        return t
    t = t.replace('<div class="addtime">', '<div>').replace('<div class="source">', '<div>')
    t = sub(r'<span class="(time|source|author)">', '<span>', t)
    return t.replace('<div class="info">', '<div>')


def info_labels(path, t):
    """labels in the other forms editors write: 来源: 【来源】 作者: 责编："""
    if not is_article(path):
        return t
    t = t.replace('来源：', '【来源】').replace('作者：', '作者: ')
    return t.replace('责任编辑：', '责编：').replace('责任编辑:', '责编:')


def info_order(path, t):
    """the info line in another order: author, source, then the time"""
    if not is_article(path):
        return t
    t = sub(r'(<div class="addtime">[^<]*</div>)\s*(<div class="source">.*?</div>)',
            r'\2\n\t\t\t\1', t, re.S)
    return sub(r'(<span class="time">[^<]*</span>) (<span class="source">[^<]*</span>) '
               r'(<span class="author">[^<]*</span>)', r'\3 \2 \1', t)


def time_cn(path, t):
    """article times written 2022年07月04日 12:18:01"""
    if not is_article(path):
        return t
    return sub(r'(<div class="addtime">(?:发布时间：)?|<span class="time">)(\d{4})-(\d\d)-(\d\d)',
               r'\1\2年\3月\4日', t)


def sidebar_renamed(path, t):
    """the sidebar's classes and ids renamed"""
    t = t.replace('class="paihang box"', 'class="rank-box"').replace('id="ph-all"', 'id="rank1"')
    t = t.replace('id="ph-month"', 'id="rank2"').replace('class="bjtj box mt10"', 'class="tj-box"')
    return t.replace('class="ph-list"', 'class="rlist"')


def rank_ol_spans(path, t):
    """the ranking an <ol> of <span> items"""
    def ol(m):
        body = sub(r'<li[^>]*><em>\d+</em>(.*?)</li>', r'<span class="r">\1</span>', m.group(2))
        return '<ol%s>%s</ol>' % (m.group(1), body)
    return sub(r'<ul( class="ph-list" id="ph-(?:all|month)"[^>]*)>(.*?)</ul>', ol, t, re.S)


def anchor_span(path, t):
    """list links wrapped in a <span>"""
    if not is_list(path):
        return t
    t = sub(r'<h3>(<a [^>]*>.*?</a>)</h3>', r'<h3><span class="t">\1</span></h3>', t)
    return sub(r'(<li class="no-img">)(<a [^>]*>.*?</a>)', r'\1<span>\2</span>', t)


def list_div(path, t):
    """list items as <div>s in a <div> instead of <li>s in a <ul>"""
    if not is_list(path):
        return t
    def conv(m):
        inner = sub(r'<li([^>]*)>', r'<div class="item"\1>', m.group(2))
        return m.group(1) + '<div class="items">' + inner.replace('</li>', '</div>') + '</div>'
    return sub(r'(<div (?:id="index-gz"|class="list-main")[^>]*>\s*)<ul>(.*?)</ul>', conv, t, re.S)


def list_dl(path, t):
    """the list a <dl>: titles in <dt>, dates in <dd>"""
    if not is_list(path):
        return t
    def conv(m):
        inner = sub(r'<li[^>]*>\s*<h3>(.*?)</h3>', r'<dt>\1</dt>', m.group(2), re.S)
        inner = sub(r'<li class="no-img">(<a [^>]*>.*?</a>)<span>([^<]*)</span></li>',
                    r'<dt>\1</dt><dd>\2</dd>', inner)
        inner = sub(r'<li class="has-img">(.*?)</li>', r'<dt>\1</dt>', inner, re.S)
        inner = sub(r'(<div class="list-info">.*?</div>)\s*</li>', r'<dd>\1</dd>', inner, re.S)
        return m.group(1) + '<dl>' + inner + '</dl>'
    return sub(r'(<div (?:id="index-gz"|class="list-main")[^>]*>\s*)<ul>(.*?)</ul>', conv, t, re.S)


def list_table(path, t):
    """the list a <table>, a row an item"""
    if not is_list(path):
        return t
    def conv(m):
        inner = sub(r'<li[^>]*>', '<tr><td>', m.group(2)).replace('</li>', '</td></tr>')
        return m.group(1) + '<table><tbody>' + inner + '</tbody></table>'
    return sub(r'(<div (?:id="index-gz"|class="list-main")[^>]*>\s*)<ul>(.*?)</ul>', conv, t, re.S)


def list_ol(path, t):
    """the list an <ol>, its container renamed"""
    if not is_list(path):
        return t
    t = t.replace('<div id="index-gz" class="list-a">', '<div class="newslist">')
    t = t.replace('<div class="list-main">', '<div class="newslist">')
    return sub(r'(<div class="newslist">\s*)<ul>(.*?)</ul>', r'\1<ol>\2</ol>', t, re.S)


def next_xiaye(path, t):
    """next-page links say 下页"""
    return sub(r'>下一页</a>', '>下页</a>', t)


def next_raquo(path, t):
    """next-page links say »"""
    return sub(r'>下一页</a>', '>&raquo;</a>', t)


def next_rel(path, t):
    """next-page links marked rel="next", saying 后一页 ›"""
    return sub(r'<a ([^>]*)>下一页</a>', r'<a rel="next" \1>后一页 ›</a>', t)


def next_numbered(path, t):
    """no next-page link: the numbered page links only"""
    t = sub(r'\s*<a [^>]*>下一页</a>', '', t)
    return sub(r'\s*<a [^>]*>尾页</a>', '', t)


def entities(path, t):
    """labels and dates written as character references"""
    def ref(m):
        return ''.join('&#%d;' % ord(c) for c in m.group(0))
    t = sub(r'来源|作者|责任编辑|发布时间', ref, t)
    return t.replace('：', '&#xFF1A;')


def comments(path, t):
    """comments between and inside elements"""
    t = sub(r'(<li[^>]*>)', r'<!-- item -->\1<!-- begin -->', t)
    t = sub(r'(</h1>)', r'<!-- /title -->\1', t)
    return sub(r'(<div class="(?:addtime|source|info|content|article-content)"[^>]*>)',
               r'\1<!-- cms:field -->', t)


def quoting(path, t):
    """attributes in single quotes or none, tags in capitals"""
    t = sub(r'class="([A-Za-z0-9_-]+)"', r'class=\1', t)
    t = sub(r'id="([^"]*)"', r"id='\1'", t)
    t = sub(r'href="([^"\']*)"', r"href='\1'", t)
    return sub(r'<(/?)(li|ul|span|h3|h1)\b', lambda m: '<' + m.group(1) + m.group(2).upper(), t)


def charset(path, t):
    """the charset declared otherwise: gb2312 for GBK, http-equiv for UTF-8"""
    t = t.replace('charset=gbk', 'charset=gb2312')
    return t.replace('<meta charset="utf-8">',
                     '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />')


def ids_dropped(path, t):
    """the ids the profile names dropped"""
    return sub(r' id="(nav|index-gz|ph-all|ph-month|pages|comment|layoutlist|articlelist|ozoom)"',
               '', t)


def classes_renamed(path, t):
    """a redesign: every class the profile names renamed"""
    names = ('title_nr', 'addtime', 'source', 'content', 'list-main', 'article-content',
             'article', 'info', 'time', 'author', 'page', 'total', 'bjtj', 'paihang',
             'summary', 'article-title', 'article-info', 'paper-date')
    def ren(m):
        return 'class="%s"' % ' '.join(('x-' + c) if c in names else c
                                       for c in m.group(1).split())
    return sub(r'class="([^"]*)"', ren, t)


def wrappers(path, t):
    """more wrapper elements around the nav, the list and the title"""
    t = sub(r'(<div id="nav"[^>]*>\s*)(<ul>.*?</ul>)', r'\1<div class="box">\2</div>', t, re.S)
    t = sub(r'(<div (?:id="index-gz"|class="list-main")[^>]*>\s*)(<ul>.*?</ul>)',
            r'\1<div class="inner"><div class="bd">\2</div></div>', t, re.S)
    return sub(r'<h1>(.*?)</h1>', r'<h1><span class="tt">\1</span></h1>', t)


def body_split(path, t):
    """the article's text split in two blocks by an advertisement"""
    if not is_article(path) or '<div class="content" id="Article">' not in t:
        return t
    paras = list(re.finditer(r'<p>　　[^<]{30,}</p>', t))
    if len(paras) < 4:
        return t
    mid = paras[len(paras) // 2].start()
    return (t[:mid] + '</div>\n<div class="ad"><a href="/ad/1.html">广告</a></div>\n'
            '<div class="content-more">' + t[mid:])


def link_chars(path, t):
    """list links carrying a query with a space, quotes, $( and a backtick"""
    if not is_list(path):
        return t
    return sub(r'(<h3><a [^>]*href=")([^"]+\.html)(")',
               r'\1\2?from=list a&amp;q=&quot;x&quot;$(id)`w`#top\3', t)


def paper_renamed(path, t):
    """the e-paper's lists and text renamed"""
    t = t.replace('id="articlelist"', 'id="titlelist"').replace('id="layoutlist"', 'id="banmian"')
    return t.replace('<div id="ozoom"', '<div id="zoom-box"').replace('class="paper-date"',
                                                                     'class="p-date"')


def whitespace(path, t):
    """line breaks and indentation inside tags and around text"""
    t = sub(r'<li([ >])', r'<li\n\t\t\1', t)
    return sub(r'(<h3>)(<a)', r'\1\n\t\t\t\2', t)


VARIANTS = [
    nav_wrapped, nav_id_moved, nav_renamed, nav_flat, date_cn, date_slash, date_dot,
    date_noclass, date_monthday, info_plain, info_labels, info_order, time_cn,
    sidebar_renamed, rank_ol_spans, anchor_span, list_div, list_dl, list_table,
    list_ol, next_xiaye, next_raquo, next_rel, next_numbered, entities, comments,
    quoting, charset, ids_dropped, classes_renamed, wrappers, body_split, link_chars,
    paper_renamed, whitespace,
]
LOOSE = {link_chars}


def name_of(fn):
    return fn.__name__.replace('_', '-')


def make(demo, out, fn):
    dest = os.path.join(out, name_of(fn))
    if os.path.exists(dest):
        shutil.rmtree(dest)
    changed = 0
    for root, _, files in os.walk(demo):
        for f in files:
            src = os.path.join(root, f)
            rel = os.path.relpath(src, demo)
            dst = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if not f.endswith('.html'):
                shutil.copyfile(src, dst)
                continue
            raw = open(src, 'rb').read()
            text, enc = decode(raw)
            new = fn('/' + rel.replace(os.sep, '/'), text)
            changed += new != text
            open(dst, 'wb').write(new.encode(enc))
    if fn in LOOSE:
        open(os.path.join(dest, 'LOOSE_URLS'), 'w').write('query and fragment added\n')
    return changed


def main(argv):
    if len(argv) == 2 and argv[1] == '--list':
        for fn in VARIANTS:
            print('%s\t%s' % (name_of(fn), fn.__doc__))
        return 0
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    demo, out, names = argv[1], argv[2], set(argv[3:])
    for fn in VARIANTS:
        if names and name_of(fn) not in names:
            continue
        n = make(demo, out, fn)
        if n == 0:
            print('mkvariants: %s changed no page' % name_of(fn), file=sys.stderr)
            return 1
        print('%s\t%d\t%s' % (name_of(fn), n, fn.__doc__))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
