"""Text analysis: sentences, topics, numeric claims."""
