"""Post content (Gutenberg blocks or classic HTML) as StreamField data of the shared blocks.

Gutenberg stores blocks as HTML between ``<!-- wp:name {attributes} -->`` comments. Each
block is read for what it means: headings keep their level, images and galleries become
image blocks (by attachment id, or by file address), embeds of YouTube and Vimeo become
video blocks, and containers (columns, groups, buttons) are flattened in reading order.
Text blocks (paragraphs, lists, quotes, tables, code) go through the same HTML reading as
classic-editor content, which first gets WordPress's own treatment (shortcodes, then
``wpautop``; see ``wordpress.shortcodes``).

The site's blocks have no table, code, gallery or separator block, so (see the README):
a gallery becomes its images in order, a table a paragraph per row (cells separated by
" | ", the header row in bold), code and preformatted text a paragraph with its line
breaks, and separators and spacers are dropped. Text without a block of its own
(paragraphs and lists) is gathered into paragraph blocks, which the importer cleans with
``core.richtext`` like any rich text; comments, scripts, styles and forms never reach
a body.
"""

import json
import re
from dataclasses import dataclass, field
from html import escape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from core.blocks import video_embed_url
from wordpress.shortcodes import classic_html, expand

BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.S,
)
DROPPED_BLOCKS = {"separator", "spacer", "more", "nextpage", "comments", "latest-posts"}
PRE_BLOCKS = {"code", "preformatted", "verse"}
DROPPED_TAGS = {
    "script", "style", "noscript", "form", "input", "select", "textarea", "button",
    "object", "embed", "svg", "canvas", "template", "head", "meta", "link", "title",
}  # fmt: skip
FLATTENED_TAGS = {
    "div", "section", "article", "aside", "header", "footer", "main", "nav", "center",
    "span", "font", "figure", "details", "summary",
}  # fmt: skip
LIST_TAGS = {"ul", "ol"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MEDIA_TAGS = ["img", "iframe", "wp-embed", "wp-gallery"]
NOT_INLINE = (
    DROPPED_TAGS
    | FLATTENED_TAGS
    | LIST_TAGS
    | HEADING_TAGS
    | set(MEDIA_TAGS)
    | {"p", "blockquote", "table", "pre", "hr", "dl"}
)
HEADING_MAX, CAPTION_MAX, ALT_MAX, ATTRIBUTION_MAX = 160, 250, 250, 120
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
NO_TRANSCRIPT = (
    "No transcript came with this video from WordPress. An editor should add one: some "
    "readers cannot hear or play video."
)


@dataclass
class Block:
    name: str  # "" for text between blocks (classic content)
    attrs: dict
    html: str = ""  # everything between the opening and closing comments
    children: list = field(default_factory=list)


def parse_blocks(content):
    """The Gutenberg block tree of ``content``; text outside any block is a ``""`` block."""
    root = Block("root", {})
    stack, position = [(root, 0)], 0
    for match in BLOCK_COMMENT.finditer(content):
        parent, _start = stack[-1]
        if len(stack) == 1 and match.start() > position:
            _free(root, content[position : match.start()])
        name = match.group("name").removeprefix("core/")
        if match.group("closer"):
            if len(stack) > 1 and stack[-1][0].name == name:
                block, start = stack.pop()
                block.html = content[start : match.start()]
            position = match.end()
            continue
        try:
            attrs = json.loads(match.group("attrs") or "{}")
        except ValueError:
            attrs = {}
        block = Block(name, attrs if isinstance(attrs, dict) else {})
        parent.children.append(block)
        if not match.group("void"):
            stack.append((block, match.end()))
        position = match.end()
    while len(stack) > 1:  # an unclosed block runs to the end
        block, start = stack.pop()
        block.html = content[start:]
        position = len(content)
    if position < len(content):
        _free(root, content[position:])
    return root.children


def _free(root, text):
    if text.strip():
        root.children.append(Block("", {}, text))


def is_gutenberg(content):
    return "<!-- wp:" in content


class Media:
    """What the converter asks of the importer; this default knows no media and no links."""

    title = ""

    def image(self, wp_id=None, src=""):
        """``(image id or None, alt text, caption)`` for an attachment id or file address."""
        return None, "", ""

    def gallery(self, ids):
        """Attachment ids of a gallery (its ``ids``; none: the post's attached images)."""
        return list(ids)

    def link(self, href):
        """The new address for a link (internal links rewritten), or ``href`` itself."""
        return href

    def document(self, href):
        """The id of the imported document a link points at, or None."""
        return None


class Converter:
    """Builds the stream of one body; ``convert`` is the entry point."""

    def __init__(self, media=None):
        self.media = media or Media()
        self.stream = []
        self.rich = []  # HTML waiting to become one paragraph block

    # The output

    def flush(self):
        html = "".join(self.rich).strip()
        self.rich = []
        if html and BeautifulSoup(html, "html.parser").get_text(strip=True):
            self.stream.append({"type": "paragraph", "value": html})

    def add(self, kind, value):
        self.flush()
        self.stream.append({"type": kind, "value": value})

    def text_paragraph(self, text):
        if text.strip():
            self.rich.append(f"<p>{escape(text.strip())}</p>")

    # Gutenberg

    def blocks(self, items):
        for block in items:
            self.block(block)

    def block(self, block):
        name = block.name.removeprefix("core-embed/")
        if block.name.startswith("core-embed/"):
            name = "embed"
        if block.name == "":
            self.html(classic_html(block.html))
        elif name in DROPPED_BLOCKS:
            self.flush()
        elif name == "image":
            self.image_block(block)
        elif name == "gallery":
            self.gallery_block(block)
        elif name in {"embed", "video"}:
            url = block.attrs.get("url") or block.attrs.get("src") or _text(block.html)
            self.embed(url.strip())
        elif name in PRE_BLOCKS:
            self.preformatted(BeautifulSoup(block.html, "html.parser").get_text())
        elif name in {"shortcode", "freeform"}:
            self.html(classic_html(block.html))
        elif block.children and name not in {"list", "quote", "pullquote", "buttons"}:
            self.blocks(block.children)  # columns, groups and the like: their blocks, in order
        else:  # paragraph, heading, list, quote, pullquote, table, buttons, html, the unknown
            self.html(expand(_without_comments(block.html)))

    def image_block(self, block):
        soup = BeautifulSoup(block.html, "html.parser")
        img = soup.find("img")
        caption = soup.find("figcaption")
        self.image(
            block.attrs.get("id"),
            img.get("src", "") if img else "",
            img.get("alt", "") if img else "",
            caption.get_text(" ", strip=True) if caption else "",
        )

    def gallery_block(self, block):
        ids = block.attrs.get("ids") or []
        if ids:
            for wp_id in ids:
                self.image(wp_id)
            return
        if block.children:
            self.blocks(block.children)
            return
        self.html(expand(_without_comments(block.html)))

    # HTML

    def html(self, html):
        soup = BeautifulSoup(html, "html.parser")
        for anchor in soup.find_all("a", href=True):
            document = self.media.document(anchor["href"])
            if document is not None:  # a document link, as the editor makes one
                anchor.attrs = {"linktype": "document", "id": str(document)}
            else:
                anchor["href"] = self.media.link(anchor["href"])
        self.nodes(soup.contents)

    def nodes(self, nodes):
        inline = []
        for node in nodes:
            if self.is_inline(node):
                inline.append(node)
                continue
            self.inline(inline)
            inline = []
            self.element(node)
        self.inline(inline)

    @staticmethod
    def is_inline(node):
        """Text, and inline elements holding no picture, video or gallery."""
        if isinstance(node, Comment):
            return False
        if not isinstance(node, Tag):
            return isinstance(node, NavigableString)
        if node.name == "br":
            return True
        return node.name not in NOT_INLINE and not node.find(MEDIA_TAGS)

    def inline(self, nodes):
        """A run of text and inline elements: one paragraph."""
        html = "".join(str(node) for node in nodes if not isinstance(node, Comment))
        if BeautifulSoup(html, "html.parser").get_text(strip=True):
            self.rich.append(f"<p>{html.strip()}</p>")

    def element(self, node):
        if not isinstance(node, Tag):
            return
        name = node.name
        classes = node.get("class") or []
        if name in DROPPED_TAGS:
            return
        if name == "hr":
            self.flush()
        elif name in HEADING_TAGS:
            self.heading(node)
        elif name in LIST_TAGS:
            for img in node.find_all("img"):
                img.decompose()
            self.rich.append(str(node))
        elif name == "p":
            self.paragraph(node)
        elif name == "blockquote" or (name == "figure" and node.find("blockquote")):
            self.quote(node.find("blockquote") if name == "figure" else node)
        elif name == "table" or (name == "figure" and node.find("table")):
            self.table(node)
        elif name == "figure" and ("wp-block-embed" in classes or node.find("wp-embed")):
            embed = node.find("wp-embed")
            self.embed(embed.get("url", "") if embed else _text(str(node)))
        elif name == "figure" and "wp-block-gallery" in classes:
            for figure in node.find_all("figure") or [node]:
                self.figure(figure)
        elif name == "figure" and node.find("img"):
            self.figure(node)
        elif name == "img":
            self.image(_wp_id(node), node.get("src", ""), node.get("alt", ""), "")
        elif name == "a" and node.find("img"):
            self.nodes(node.contents)
        elif name == "pre":
            self.preformatted(node.get_text())
        elif name == "iframe":
            self.embed(node.get("src", ""))
        elif name == "wp-embed":
            self.embed(node.get("url", ""))
        elif name == "wp-gallery":
            ids = [part for part in re.split(r"[,\s]+", node.get("ids", "")) if part.isdigit()]
            for wp_id in self.media.gallery([int(part) for part in ids]):
                self.image(wp_id)
        elif name == "dl":
            for item in node.find_all(["dt", "dd"]):
                self.text_paragraph(item.get_text(" ", strip=True))
        else:  # div, section, figure without a picture: what is inside, in order
            self.nodes(node.contents)

    def paragraph(self, node):
        if node.find(MEDIA_TAGS):
            self.nodes(node.contents)
        else:
            self.inline(node.contents)

    def heading(self, node):
        text = " ".join(node.get_text(" ").split())
        if not text:
            return
        if len(text) > HEADING_MAX:  # a "heading" used as big text: keep it as text
            self.rich.append(f"<p><b>{escape(text)}</b></p>")
            return
        level = "h2" if node.name in {"h1", "h2"} else "h3"
        self.add("heading", {"text": text, "level": level})

    def quote(self, node):
        cite = node.find(["cite", "footer"])
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        parts = [p.get_text(" ", strip=True) for p in node.find_all("p")] or [
            node.get_text(" ", strip=True)
        ]
        text = "\n\n".join(" ".join(part.split()) for part in parts if part.strip())
        if text:
            self.add("quote", {"text": text, "attribution": attribution[:ATTRIBUTION_MAX]})

    def table(self, node):
        table = node if node.name == "table" else node.find("table")
        for row in table.find_all("tr"):
            cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["th", "td"])]
            line = escape(" | ".join(cells))
            if any(cells):
                header = all(c.name == "th" for c in row.find_all(["th", "td"]))
                self.rich.append(f"<p><b>{line}</b></p>" if header else f"<p>{line}</p>")
        caption = node.find(["figcaption", "caption"])
        if caption:
            self.rich.append(f"<p><i>{escape(caption.get_text(' ', strip=True))}</i></p>")

    def preformatted(self, text):
        lines = [escape(line) for line in text.strip("\n").splitlines()]
        if any(line.strip() for line in lines):
            self.rich.append("<p>" + "<br/>".join(lines) + "</p>")

    def figure(self, node):
        img = node.find("img")
        caption = node.find("figcaption")
        if img is None:
            self.nodes(node.contents)
            return
        self.image(
            _wp_id(img),
            img.get("src", ""),
            img.get("alt", ""),
            caption.get_text(" ", strip=True) if caption else "",
        )

    def image(self, wp_id=None, src="", alt="", caption=""):
        image, default_alt, default_caption = self.media.image(_int(wp_id), src)
        alt = " ".join((alt or default_alt).split())[:ALT_MAX]
        caption = " ".join((caption or default_caption).split())[:CAPTION_MAX]
        if image is not None:
            self.add("image", {"image": image, "alt_text": alt, "caption": caption})
            return
        # The file was not imported: keep the words, so nothing the picture said is lost.
        words = " — ".join(part for part in (alt, caption) if part)
        if words:
            self.rich.append(f"<p><i>Picture: {escape(words)}</i></p>")

    def embed(self, url):
        url = (url or "").strip()
        if not url:
            return
        if video_embed_url(url):
            title = (self.media.title or "Video")[:HEADING_MAX]
            self.add("embed", {"url": url, "title": title, "transcript": NO_TRANSCRIPT})
        else:
            href = escape(self.media.link(url))
            self.rich.append(f'<p><a href="{href}">{escape(url)}</a></p>')

    def convert(self, content):
        if is_gutenberg(content):
            self.blocks(parse_blocks(content))
        else:
            self.html(classic_html(content))
        self.flush()
        return self.stream


def _without_comments(html):
    return BLOCK_COMMENT.sub("", html)


def _text(html):
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _wp_id(img):
    found = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
    return int(found.group(1)) if found else None


def convert(content, media=None):
    """The body of ``content`` as a list of ``{"type", "value"}`` stream items."""
    return Converter(media).convert(content or "")
