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


def _rank_ol(t, item):
    """the ranking lists as <ol>s, each <li><em>N</em>…</li> written as item"""
    def ol(m):
        body = sub(r'<li[^>]*><em>\d+</em>(.*?)</li>', item, m.group(2))
        return '<ol%s>%s</ol>' % (m.group(1), body)
    return sub(r'<ul( class="ph-list" id="ph-(?:all|month)"[^>]*)>(.*?)</ul>', ol, t, re.S)


def rank_ol_spans(path, t):
    """the ranking an <ol> of <span> items"""
    return _rank_ol(t, r'<span class="r">\1</span>')


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


# ---- the same kinds again, written otherwise ---------------------------------

def nav_element(path, t):
    """the nav a <nav> in two wrappers, its id on the ul"""
    return sub(r'<div id="nav" class="nav w1000">\s*<ul>(.*?)\n</div>',
               r'<nav class="site-nav"><div class="container"><div class="row">'
               r'<ul id="mainnav">\1</div></div></nav>', t, re.S)


def nav_bare(path, t):
    """the nav's div without id or class, its ul classed menu"""
    return sub(r'<div id="nav" class="nav w1000">\s*<ul>', '<div class="hd-menu">\n\t<ul class="menu">', t)


def _list_date(t, fmt):
    return sub(r'<span([^>]*)>((?:发布时间：)?)(\d{4})-(\d\d)-(\d\d)([^<]*)</span>',
               lambda m: fmt(m.group(2), int(m.group(3)), int(m.group(4)), int(m.group(5)),
                             m.group(6)), t)


def date_short_i(path, t):
    """list dates written 2022-7-4, in an <i>"""
    if not is_list(path):
        return t
    return _list_date(t, lambda lab, y, m, d, rest: '<i>%s%d-%d-%d%s</i>' % (lab, y, m, d, rest))


def date_cn_bracket(path, t):
    """list dates [2022年07月04日 12:18] in a classless span"""
    if not is_list(path):
        return t
    return _list_date(t, lambda lab, y, m, d, rest: '<span>[%d年%02d月%02d日%s]</span>'
                      % (y, m, d, rest))


def date_old_noclass(path, t):
    """the old template's list date span without its class"""
    if not is_list(path):
        return t
    return t.replace('<span class="time">', '<span>')


def date_slash_p(path, t):
    """list dates written 2022/07/04, in a <p class="date">"""
    if not is_list(path):
        return t
    return _list_date(t, lambda lab, y, m, d, rest: '<p class="date">%d/%02d/%02d%s</p>'
                      % (y, m, d, rest))


def date_labelled_em(path, t):
    """list dates labelled 日期： in an <em> inside another span"""
    if not is_list(path):
        return t
    return _list_date(t, lambda lab, y, m, d, rest: '<span class="info">日期：<em>%d-%02d-%02d%s'
                      '</em></span>' % (y, m, d, rest))


def info_one_p(path, t):
    """the info line one plain <p>: time 来源:X 作者:Y, half-width colons"""
    if not is_article(path):
        return t
    t = sub(r'<div class="tit_bar clearfix">\s*<div class="addtime">([^<]*)</div>\s*'
            r'<div class="source">(.*?)</div>\s*</div>',
            lambda m: '<p>' + m.group(1) + '&nbsp;&nbsp;' + m.group(2).replace('：', ':') + '</p>',
            t, re.S)
    return sub(r'<div class="info"><span class="time">([^<]*)</span> <span class="author">([^<]*)'
               r'</span> <span class="source">([^<]*)</span></div>',
               lambda m: '<p>%s %s %s</p>' % (m.group(1), m.group(3).replace('：', ':'),
                                             m.group(2).replace('：', ':')), t)


def info_br(path, t):
    """the info line's fields on lines of their own (<br>), no classes"""
    if not is_article(path):
        return t
    return sub(r'<div class="tit_bar clearfix">\s*<div class="addtime">([^<]*)</div>\s*'
               r'<div class="source">(.*?)</div>\s*</div>',
               lambda m: '<div>' + m.group(1) + '<br>' +
               m.group(2).replace(' 作者', '<br>作者').replace(' 评论', '<br>评论') + '</div>',
               t, re.S)


def labels_other(path, t):
    """labels written 稿件来源： 记者： 编辑："""
    if not is_article(path):
        return t
    t = t.replace('来源：', '稿件来源：').replace('作者：', '记者：')
    return t.replace('责任编辑：', '编辑：').replace('责任编辑:', '编辑:')


def labels_bracketed(path, t):
    """labelled values in brackets: [来源:X] （作者：Y）"""
    if not is_article(path):
        return t
    t = sub(r'来源：([^\s<　]+)', r'[来源:\1]', t)
    return sub(r'作者：([^<]+?)(\s*<)', r'（作者：\1）\2', t)


def source_link(path, t):
    """the source a link: 来源：<a>X</a>"""
    if not is_article(path):
        return t
    return sub(r'来源：([^\s<　]+)', r'来源：<a href="http://example.com/" target="_blank">\1</a>', t)


def label_comment(path, t):
    """a comment between a label and its value"""
    if not is_article(path):
        return t
    return sub(r'(来源|作者)：', r'\1：<!-- f -->', t)


def sidebar_headings(path, t):
    """the sidebar renamed, its headings 点击排行 总排行 月排行 推荐阅读"""
    t = t.replace('class="paihang box"', 'class="hotnews"').replace('<span>排行</span>',
                                                                    '<h2>点击排行</h2>')
    t = t.replace('<li class="on">全部</li><li>本月</li>', '<li class="on">总排行</li><li>月排行</li>')
    t = t.replace('class="ph-list" id="ph-all"', 'class="hn-list"')
    t = t.replace('class="ph-list" id="ph-month"', 'class="hn-list"')
    return t.replace('class="bjtj box mt10"><h3>编辑推荐</h3>', 'class="side-rec"><h2>推荐阅读</h2>')


def rank_ol_lines(path, t):
    """the ranking an <ol> of spans and line breaks, its numbers gone"""
    return _rank_ol(t, r'<span>\1</span><br/>')


def anchor_span_all(path, t):
    """every list link wrapped in a <span class="tit">, both templates"""
    if not is_list(path):
        return t
    t = sub(r'<h3>(<a [^>]*>.*?</a>)</h3>', r'<h3><span class="tit">\1</span></h3>', t)
    t = sub(r'(<li class="no-img">)(<a [^>]*>.*?</a>)', r'\1<span class="tit">\2</span>', t)
    return sub(r'(<div>\s*)(<a [^>]*>[^<]+</a>)', r'\1<span class="tit">\2</span>', t)


def newer_ul(path, t):
    """the newer list a <ul> of its own, its div gone"""
    if not is_list(path):
        return t
    return sub(r'<div class="list-main">\s*<ul>(.*?)</ul>\s*</div>', r'<ul class="news-list">\1</ul>',
               t, re.S)


def older_ul(path, t):
    """the older list a classed <ul> in a bare div"""
    if not is_list(path):
        return t
    return sub(r'<div id="index-gz" class="list-a">\s*<ul>(.*?)</ul>', r'<div><ul class="news_list">\1</ul>',
               t, re.S)


def next_gt(path, t):
    """next-page links say &gt;"""
    return sub(r'>下一页</a>', '>&gt;</a>', t)


def next_word_raquo(path, t):
    """next-page links say 下一页 »"""
    return sub(r'>下一页</a>', '>下一页 &#187;</a>', t)


def next_xiaye_gt(path, t):
    """next-page links say 下页&gt;"""
    return sub(r'>下一页</a>', '>下页&gt;</a>', t)


def link_chars_utf8(path, t):
    """list links carrying an apostrophe, a backtick, $( and Chinese in the query"""
    if not is_list(path):
        return t
    return sub(r'(<h3><a [^>]*href=")([^"]+\.html)(")',
               lambda m: m.group(1) + m.group(2) + "?s=it&#39;s a `b` $(c)&amp;来源=列表#p" +
               m.group(3), t)


def classes_dropped(path, t):
    """every class attribute dropped"""
    return sub(r' class="[^"]*"', '', t)


def title_div(path, t):
    """the article's title a <div class="headline">, no h1"""
    if not is_article(path):
        return t
    return sub(r'<h1>(.*?)</h1>', r'<div class="headline">\1</div>', t)


def title_none(path, t):
    """no title element at all: the title only in <title>"""
    if not is_article(path):
        return t
    return sub(r'<h1>(.*?)</h1>', '', t)


def title_font(path, t):
    """the title's h1 holding <font> and <strong>"""
    return sub(r'<h1>(.*?)</h1>', r'<h1><font color="#333"><strong>\1</strong></font></h1>', t)


def charset_quoted(path, t):
    """the charset GB2312 in http-equiv, in quotes"""
    t = t.replace('<meta charset="gbk">',
                  '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    return t.replace('charset=gbk', 'charset="GB2312"')


def charset_none(path, t):
    """no charset declared at all"""
    t = sub(r'<meta charset="[^"]*"\s*/?>', '', t)
    return sub(r'<meta http-equiv="Content-Type"[^>]*>', '', t, re.I)


def entities_hex(path, t):
    """labels as hex character references, a no-break space after the colon"""
    def ref(m):
        return ''.join('&#x%X;' % ord(c) for c in m.group(1)) + '&#xFF1A;&nbsp;'
    return sub(r'(来源|作者|责任编辑)：', ref, t)


def body_renamed(path, t):
    """the article text's container renamed, its id dropped"""
    if not is_article(path):
        return t
    t = t.replace('<div class="content" id="Article">', '<div class="TRS_Editor">')
    return t.replace('<div class="article-content">', '<div class="txt">')


def redesign(path, t):
    """a redesign: classes renamed, the nav wrapped, lists as divs, at once"""
    return list_div(path, nav_wrapped(path, classes_renamed(path, t)))


def redesign_bare(path, t):
    """no class or id left, the text split by an advertisement"""
    return classes_dropped(path, ids_dropped(path, body_split(path, t)))


def date_first(path, t):
    """the newer list's date before its link"""
    if not is_list(path):
        return t
    return sub(r'(<li class="no-img">)(<a [^>]*>.*?</a>)(<span>[^<]*</span>)', r'\1\3\2', t)


def title_logo(path, t):
    """a logo h1 saying the site's name atop every page, the title an h2 in a renamed box"""
    t = sub(r'(<body[^>]*>)', r'\1<h1 class="logo"><a href="/">中国高新网</a></h1>', t)
    if is_article(path):
        t = sub(r'<h1>(.*?)</h1>', r'<h2 class="art-title">\1</h2>', t)
        t = t.replace('class="title_nr"', 'class="art-head"')
        t = t.replace('<div class="article">', '<div class="art">')
    return t


def next_img(path, t):
    """the next-page link a picture, 下一页 its alt text"""
    return sub(r'>下一页</a>', '><img src="/img/next.gif" alt="下一页"></a>', t)


def info_below(path, t):
    """the info line moved below the article's text"""
    if not is_article(path):
        return t
    m = re.search(r'\s*<div class="tit_bar clearfix">.*?</div>\s*</div>', t, re.S)
    if not m:
        return t
    t = t.replace(m.group(0), '')
    return t.replace('<div class="shengming">', m.group(0) + '\n<div class="shengming">')


def nav_dl(path, t):
    """the nav a <dl> of <dd> links"""
    def conv(m):
        links = re.findall(r'<a [^>]*>[^<]*</a>', m.group(0))
        return ('<div class="nav w1000"><dl>' + ''.join('<dd>%s</dd>' % a for a in links) +
                '</dl></div>')
    return sub(r'<div id="nav".*?\n</div>', conv, t, re.S)


def time_labelled(path, t):
    """article times labelled 发布时间： and written 2022年7月4日 12:18"""
    if not is_article(path):
        return t
    return sub(r'(<div class="addtime">|<span class="time">)(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d)(:\d\d)?',
               lambda m: '%s发布时间：%s年%d月%d日 %s%s' % (m.group(1), m.group(2), int(m.group(3)),
                                                     int(m.group(4)), m.group(5), m.group(6) or ''),
               t)


VARIANTS = [
    nav_wrapped, nav_id_moved, nav_renamed, nav_flat, date_cn, date_slash, date_dot,
    date_noclass, date_monthday, info_plain, info_labels, info_order, time_cn,
    sidebar_renamed, rank_ol_spans, anchor_span, list_div, list_dl, list_table,
    list_ol, next_xiaye, next_raquo, next_rel, next_numbered, entities, comments,
    quoting, charset, ids_dropped, classes_renamed, wrappers, body_split, link_chars,
    paper_renamed, whitespace,
    nav_element, nav_bare, date_short_i, date_cn_bracket, date_old_noclass, date_slash_p,
    date_labelled_em, info_one_p, info_br, labels_other, labels_bracketed, source_link,
    label_comment, sidebar_headings, rank_ol_lines, anchor_span_all, newer_ul, older_ul,
    next_gt, next_word_raquo, next_xiaye_gt, link_chars_utf8, classes_dropped, title_div,
    title_none, title_font, charset_quoted, charset_none, entities_hex, body_renamed,
    redesign, redesign_bare, date_first, title_logo, next_img, info_below, nav_dl,
    time_labelled,
]
LOOSE = {link_chars, link_chars_utf8}


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
