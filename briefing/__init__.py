"""briefing: a cited daily briefing from a folder of news articles."""
