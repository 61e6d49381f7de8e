"""WordPress shortcodes and ``wpautop``: classic-editor text turned into plain HTML.

Shortcodes that carry content the site keeps become elements the body converter knows
(``[caption]`` a ``<figure>``, ``[gallery]`` a ``<wp-gallery>``, ``[embed]``, ``[video]``,
``[youtube]`` and a bare video address on its own line a ``<wp-embed>``); every other
shortcode tag is removed and the words between an opening and closing tag are kept, so no
``[shortcode]`` reaches a page. Square brackets in ordinary writing ("[sic]", "[1]") stay:
a tag is only a shortcode when it has attributes, a closing tag, or a well-known name.
"""

import re
from html import escape

from core.blocks import video_embed_url

SHORTCODE = re.compile(r"\[(\[?)(/?)([a-zA-Z][\w-]*)((?:\s[^\]]*?)?)(/?)\](\]?)")
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))|(\S+)')
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
EMBED = re.compile(r"\[embed([^\]]*)\](.*?)\[/embed\]", re.S | re.I)
KNOWN = {
    "audio", "button", "caption", "contact-form", "contact-form-7", "embed", "gallery",
    "playlist", "video", "youtube", "vimeo", "wp_caption", "et_pb_section", "vc_row",
    "vc_column", "vc_column_text", "su_note", "fusion_builder_container",
}  # fmt: skip
BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
BLOCK_TAGS = (
    "address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|form|"
    "h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul|"
    "wp-gallery|wp-embed|iframe|script|style"
)
BLOCK_START = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})\b", re.I)
BEFORE_BLOCK = re.compile(rf"(<(?:{BLOCK_TAGS})\b[^>]*>)", re.I)
AFTER_BLOCK = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.I)
PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)


def attributes(text):
    """Shortcode attributes as a dict; positional values under "0", "1"…"""
    found, position = {}, 0
    for match in ATTRIBUTE.finditer(text or ""):
        name, double, single, bare, positional = match.groups()
        if name:
            found[name.lower()] = next(v for v in (double, single, bare) if v is not None)
        else:
            found[str(position)] = positional
            position += 1
    return found


def _caption(match):
    attrs = attributes(match.group(1))
    inner = match.group(2)
    # Newer captions put the text after the image; older ones in a caption="" attribute.
    text = attrs.get("caption", "")
    image = re.search(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", inner, re.I)
    if image:
        text = (inner[: image.start()] + inner[image.end() :]).strip() or text
        inner = image.group(0)
    return f"\n\n<figure>{inner}<figcaption>{text}</figcaption></figure>\n\n"


def _embed_tag(url):
    return f'\n\n<wp-embed url="{escape(url.strip())}"></wp-embed>\n\n'


def _shortcode(match):
    escaped, closing, name, attrs, _self_closing, escaped_end = match.groups()
    if escaped and escaped_end:  # [[gallery]] is how WordPress writes a literal [gallery]
        return match.group(0)[1:-1]
    lowered = name.lower()
    if lowered not in KNOWN and not attrs.strip() and not closing:
        return match.group(0)
    if closing:
        return ""
    values = attributes(attrs)
    if lowered == "gallery":
        ids = escape(values.get("ids", values.get("include", "")))
        return f'\n\n<wp-gallery ids="{ids}"></wp-gallery>\n\n'
    if lowered in {"youtube", "vimeo", "video", "embed", "audio"}:
        url = values.get("src") or values.get("url") or values.get("0") or ""
        for key in ("mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav"):
            url = url or values.get(key, "")
        if lowered == "vimeo" and url.isdigit():
            url = f"https://vimeo.com/{url}"
        if lowered == "youtube" and url and "/" not in url:
            url = f"https://www.youtube.com/watch?v={url}"
        return _embed_tag(url) if url else ""
    return ""


def _closed_names(text):
    return {name.lower() for name in re.findall(r"\[/([a-zA-Z][\w-]*)\]", text)}


def expand(text):
    """Shortcodes replaced as the module says; the text is otherwise unchanged."""
    if "[" not in text:
        return text
    text = CAPTION.sub(_caption, text)
    text = EMBED.sub(
        lambda m: _embed_tag(m.group(2) or attributes(m.group(1)).get("url", "")), text
    )
    closed = _closed_names(text)

    def replace(match):
        if match.group(3).lower() in closed and not match.group(2) and not match.group(1):
            # An enclosing shortcode: drop the tag, keep the words it wraps.
            lowered = match.group(3).lower()
            if lowered not in {"gallery", "youtube", "vimeo", "video", "audio", "embed"}:
                return ""
        return _shortcode(match)

    return SHORTCODE.sub(replace, text)


def bare_video_urls(text):
    """A YouTube or Vimeo address alone on its line becomes an embed, as WordPress shows it."""

    def replace(match):
        url = match.group(1)
        return _embed_tag(url) if video_embed_url(url) else match.group(0)

    return BARE_URL.sub(replace, text)


def autop(text):
    """Paragraphs from blank lines and line breaks from single newlines, as ``wpautop`` does.

    Text already inside block-level elements is left to them; ``<pre>`` is not touched.
    """
    kept = []

    def protect(match):
        kept.append(match.group(0))
        return f"\n\n<pre>{len(kept) - 1}</pre>\n\n"

    text = PRE.sub(protect, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = AFTER_BLOCK.sub(r"\1\n\n", BEFORE_BLOCK.sub(r"\n\n\1", text))
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + re.sub(r"\s*\n\s*", "<br/>\n", chunk) + "</p>")
    html = "\n".join(chunks)
    return re.sub(r"<pre>(\d+)</pre>", lambda m: kept[int(m.group(1))], html)


def classic_html(text):
    """Classic-editor post content as plain HTML: shortcodes, bare video links, paragraphs."""
    return autop(bare_video_urls(expand(text)))
