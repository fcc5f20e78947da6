"""The web side: Flask extensions, security, owners, forms, errors, HTTP caching and the views."""
