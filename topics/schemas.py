"""How a topic appears inside other resources (an article's topics, a related post's)."""

from ninja import Schema


class TopicRef(Schema):
    id: int
    name: str
    slug: str


def topic_ref(topic) -> dict:
    return {"id": topic.pk, "name": topic.name, "slug": topic.slug}
