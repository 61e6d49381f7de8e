"""Small WordPress exports written for the tests, built item by item."""

from html import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="{scheme}://wordpress.org/export/{version}/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="{scheme}://wordpress.org/export/{version}/">
<channel>
    <title>Family Help Blog</title>
    <link>https://oldblog.example</link>
    <wp:wxr_version>{version}</wp:wxr_version>
    <wp:base_site_url>https://oldblog.example</wp:base_site_url>
    <wp:base_blog_url>https://oldblog.example</wp:base_blog_url>
    <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[drlee]]></wp:author_login>
        <wp:author_display_name><![CDATA[Dr Sam Lee]]></wp:author_display_name></wp:author>
    <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>substances</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Substances]]></wp:cat_name></wp:category>
    <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>benzos</wp:category_nicename><wp:category_parent>substances</wp:category_parent><wp:cat_name><![CDATA[benzos]]></wp:cat_name></wp:category>
    <wp:tag><wp:term_id>4</wp:term_id><wp:tag_slug>self-care</wp:tag_slug><wp:tag_name><![CDATA[Self-care]]></wp:tag_name></wp:tag>
"""
TAIL = "</channel>\n</rss>\n"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(
    post_id,
    title="A post",
    content="<p>Words.</p>",
    *,
    name=None,
    post_type="post",
    status="publish",
    date="2013-01-11 09:30:00",
    excerpt="",
    password="",
    sticky=False,
    parent=0,
    link=None,
    categories=(),
    tags=(),
    meta=None,
    attachment_url="",
    creator="drlee",
):
    name = f"post-{post_id}" if name is None else name
    link = link or f"https://oldblog.example/{date[:10].replace('-', '/')}/{name}/"
    terms = "".join(
        f'<category domain="category" nicename="{slug}">{cdata(label)}</category>'
        for slug, label in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{slug}">{cdata(label)}</category>'
        for slug, label in tags
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value>{cdata(str(value))}"
        "</wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    return f"""<item>
    <title>{escape(title)}</title>
    <link>{escape(link)}</link>
    <dc:creator>{cdata(creator)}</dc:creator>
    <guid isPermaLink="false">https://oldblog.example/?p={post_id}</guid>
    <content:encoded>{cdata(content)}</content:encoded>
    <excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date>{date}</wp:post_date>
    <wp:post_date_gmt>{date}</wp:post_date_gmt>
    <wp:post_name>{name}</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_parent>{parent}</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>{post_type}</wp:post_type>
    <wp:post_password>{escape(password)}</wp:post_password>
    <wp:is_sticky>{1 if sticky else 0}</wp:is_sticky>
    {f"<wp:attachment_url>{escape(attachment_url)}</wp:attachment_url>" if attachment_url else ""}
    {terms}{metas}
    <wp:comment><wp:comment_id>9</wp:comment_id>
        <wp:comment_content>{cdata("A comment")}</wp:comment_content></wp:comment>
</item>
"""


def attachment(post_id, path, title="Photo", alt="", caption="", parent=0):
    return item(
        post_id,
        title,
        "",
        name=title.lower().replace(" ", "-"),
        post_type="attachment",
        status="inherit",
        excerpt=caption,
        parent=parent,
        link=f"https://oldblog.example/?attachment_id={post_id}",
        attachment_url=f"https://oldblog.example/wp-content/uploads/{path}",
        meta={"_wp_attached_file": path, "_wp_attachment_image_alt": alt},
    )


def export(*items, version="1.2", scheme="http"):
    """A whole export as bytes."""
    return (HEAD.format(version=version, scheme=scheme) + "".join(items) + TAIL).encode()
