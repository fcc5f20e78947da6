"""The ceiling: a bare Flask app with one route returning a constant string.

Served by the same gunicorn config as MoviePitch, it measures what this machine, Flask and
gunicorn can do with no application work at all; the harness divides MoviePitch's rates by it.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def ceiling() -> str:
    return "MoviePitch benchmark ceiling"
