"""The throwaway PostgreSQL and Redis servers really serve, and really stop."""

from __future__ import annotations

import os

import pytest
from local_servers import PostgresServer, RedisServer, accepts, require, serving


@pytest.fixture(scope="module")
def postgres():
    yield from serving(PostgresServer)


@pytest.fixture(scope="module")
def redis_server():
    yield from serving(RedisServer)


def test_postgres_select_and_create_table(postgres):
    import psycopg

    with psycopg.connect(postgres.dsn) as conn:
        assert conn.execute("select 1").fetchone() == (1,)
        conn.execute("create table pitches (id serial primary key, title text not null)")
        conn.execute("insert into pitches (title) values (%s)", ("Ünïcode Heist",))
        assert conn.execute("select title from pitches").fetchall() == [("Ünïcode Heist",)]
        assert conn.execute("select current_database()").fetchone() == ("moviepitch",)


def test_postgres_sqlalchemy_engine(postgres):
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres.url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar() == 1
            assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()


def test_postgres_listens_on_loopback_only(postgres):
    assert postgres.url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert accepts(postgres.port)


def test_redis_ping_set_get(redis_server):
    from redis import Redis

    client = Redis.from_url(redis_server.url)
    try:
        assert client.ping()
        client.set("pitch", "a heist on the moon")
        assert client.get("pitch") == b"a heist on the moon"
    finally:
        client.close()


@pytest.mark.parametrize("server_class", [PostgresServer, RedisServer])
def test_stopped_server_is_gone(server_class):
    if reason := require(server_class):
        pytest.skip(reason)
    with server_class() as server:
        port, tmpdir, proc = server.port, server.tmpdir, server._proc
        assert accepts(port)
    assert not accepts(port)
    assert proc.poll() is not None
    assert server.tmpdir is None and not os.path.exists(tmpdir)
