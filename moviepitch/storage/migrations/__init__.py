"""Alembic migrations: the schema's history, applied by `flask --app moviepitch db upgrade`."""
