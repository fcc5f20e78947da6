"""Storage: the database, its models and migrations, and the one store every part reads and writes through."""
