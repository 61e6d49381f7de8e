"""The headless API, on top of every app: v2 (``api.v2``) and v3 (``api.v3``).

Resources have one schema each, shared by both versions; every error has one shape
(``api.errors``); privacy and search are the access policy's and the search pipeline's.
"""
