"""The WSGI entry point: `gunicorn wsgi:app`."""

from moviepitch import create_app

app = create_app()
