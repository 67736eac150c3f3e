"""Daily digests: sources (feeds, article URLs, folders) in, one briefing per story out.

``config`` reads the TOML config, ``store`` is the SQLite store, ``fetch``/``collect`` bring
new articles in, ``stories`` groups them, ``build`` briefs each story with the ``brief make``
pipeline, ``render`` writes the pages, ``run`` ties a day together and ``schedule`` runs it
every day.
"""
