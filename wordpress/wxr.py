"""Reading a WordPress export (WXR 1.0 to 1.2), one element at a time.

WordPress.org and WordPress.com write the same RSS 2.0 file with a ``wp:`` namespace whose
address names the version (``http://wordpress.org/export/1.2/``; some tools write
``https://``). Every such namespace is read as ``wp:`` and its excerpt namespace as
``excerpt:``, so the rest of the importer sees one shape.

The file is streamed with ``defusedxml``'s ``iterparse``: each ``<item>`` is handed over
and then dropped, so a 500 MB export costs the memory of one post. An export never needs
an entity or a DTD-loaded resource; defusedxml refuses them (a "billion laughs" bomb
stops with :class:`ExportError` before it can expand).
"""

import re
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

WP = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
CHANNEL_TERMS = {"wp:author", "wp:category", "wp:tag", "wp:term"}


class ExportError(Exception):
    """The file cannot be read as a WordPress export; the message says why."""


def local_name(tag):
    """``{http://wordpress.org/export/1.1/}post_id`` -> ``wp:post_id``; RSS tags unchanged."""
    if not tag.startswith("{"):
        return tag
    uri, _, name = tag[1:].partition("}")
    if WP.match(uri):
        return f"wp:{name}"
    if EXCERPT.match(uri):
        return f"excerpt:{name}"
    prefix = PREFIXES.get(uri)
    return f"{prefix}:{name}" if prefix else name


@dataclass
class Item:
    """One ``<item>``: a post, a page, an attachment or anything else WordPress stores."""

    post_id: int
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_name: str = ""
    status: str = ""
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)


@dataclass
class Channel:
    """The export's site-wide part: its address, authors and term lists."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    version: str = ""
    authors: dict = field(default_factory=dict)  # login -> display name
    categories: dict = field(default_factory=dict)  # nicename -> (name, parent nicename)
    tags: dict = field(default_factory=dict)  # slug -> name

    @property
    def source(self):
        """What keys this site's items: its address without the scheme."""
        base = self.base_blog_url or self.base_site_url or self.link
        return re.sub(r"^https?://", "", base).rstrip("/")


def _text(element, name):
    for child in element:
        if local_name(child.tag) == name:
            return (child.text or "").strip() if name not in _KEEP_SPACE else child.text or ""
    return ""


_KEEP_SPACE = {"content:encoded", "excerpt:encoded"}


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _item(element):
    values, terms, meta = {}, [], {}
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            terms.append(
                (child.get("domain", "category"), child.get("nicename", ""), child.text or "")
            )
        elif name == "wp:postmeta":
            meta[_text(child, "wp:meta_key")] = _text(child, "wp:meta_value")
        elif name != "wp:comment":  # comments are not carried over
            values[name] = child.text or ""
    get = lambda key: values.get(key, "").strip()  # noqa: E731
    return Item(
        post_id=_int(get("wp:post_id")),
        post_type=get("wp:post_type") or "post",
        title=values.get("title", ""),
        link=get("link"),
        guid=get("guid"),
        creator=get("dc:creator"),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        post_date=get("wp:post_date"),
        post_date_gmt=get("wp:post_date_gmt"),
        post_name=get("wp:post_name"),
        status=get("wp:status"),
        parent=_int(get("wp:post_parent")),
        menu_order=_int(get("wp:menu_order")),
        password=values.get("wp:post_password", ""),
        sticky=get("wp:is_sticky") == "1",
        attachment_url=get("wp:attachment_url"),
        terms=terms,
        meta=meta,
    )


def _channel_term(channel, name, element):
    if name == "wp:author":
        login = _text(element, "wp:author_login")
        if login:
            channel.authors[login] = _text(element, "wp:author_display_name") or login
    elif name == "wp:category":
        slug = _text(element, "wp:category_nicename")
        if slug:
            channel.categories[slug] = (
                _text(element, "wp:cat_name") or slug,
                _text(element, "wp:category_parent"),
            )
    elif name == "wp:tag":
        slug = _text(element, "wp:tag_slug")
        if slug:
            channel.tags[slug] = _text(element, "wp:tag_name") or slug
    elif name == "wp:term" and _text(element, "wp:term_taxonomy") in {"category", "post_tag"}:
        slug = _text(element, "wp:term_slug")
        label = _text(element, "wp:term_name") or slug
        if _text(element, "wp:term_taxonomy") == "category":
            channel.categories.setdefault(slug, (label, _text(element, "wp:term_parent")))
        else:
            channel.tags.setdefault(slug, label)


def read(source, channel=None):
    """Yield every :class:`Item` of the export at ``source`` (a path or a binary file).

    ``channel`` (a :class:`Channel`) is filled in as its elements go past; authors and
    terms come before the items in every export WordPress writes.
    """
    channel = channel if channel is not None else Channel()
    depth, channel_element, is_wxr = 0, None, False
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 2 and element.tag == "channel":
                    channel_element = element
                if not is_wxr and local_name(element.tag).startswith("wp:"):
                    is_wxr = True
                continue
            depth -= 1
            if depth != 2 or channel_element is None:
                continue
            name = local_name(element.tag)
            if name == "item":
                yield _item(element)
            elif name in CHANNEL_TERMS:
                _channel_term(channel, name, element)
            elif name in {"title", "link"}:
                setattr(channel, name, (element.text or "").strip())
            elif name in {"wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"}:
                attribute = name.removeprefix("wp:").replace("wxr_version", "version")
                setattr(channel, attribute, (element.text or "").strip())
            channel_element.remove(element)
    except DefusedXmlException as error:
        raise ExportError(
            "the file declares XML entities or loads outside resources, which a WordPress "
            f"export never does; it was refused ({type(error).__name__})"
        ) from error
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ExportError(f"not well-formed XML at line {line}, column {column}") from error
    if channel_element is None or not is_wxr:
        raise ExportError("this is not a WordPress export (no <channel> with wp: elements)")
