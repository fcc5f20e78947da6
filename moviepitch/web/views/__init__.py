"""The web face: thin blueprints over the store and the job runner."""
