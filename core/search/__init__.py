"""The one search pipeline: ``query`` cleans and expands, ``pipeline`` runs it for a reader."""
