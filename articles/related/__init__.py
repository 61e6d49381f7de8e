"""Related posts: a scoring core (``core``) with thin Django adapters around it.

- ``core``: pure functions over plain data (ids, topic ids, term counts, days); no Django.
- ``models``: the stored lists (``RelatedPost``) and per-article features (``RelatedDocument``).
- ``store``: reads articles into plain data, runs the core, writes lists atomically.
- ``signals`` / ``tasks``: recompute after publish, unpublish, delete, move or privacy change.
- ``serving``: what templates and the API call to read a list (constant query count).
"""
