"""Opening the vulnerability database: URL resolution, engine set-up and automatic migrations.

The default database is the SQLite file ``.secscan/vulns.db`` in the project directory;
``SECSCAN_DATABASE_URL`` (or an explicit URL) selects another, e.g.
``postgresql+psycopg://user:password@host:5432/secscan``. Opening a database brings its schema
to the latest Alembic revision first; concurrent openers wait for each other (an advisory lock
on PostgreSQL, SQLite's write lock) only when there is something to migrate.

Readers never wait for writers: SQLite databases are in WAL mode (set once, kept in the file),
read-only sessions (:meth:`Store.session` with ``read_only=True``) start deferred transactions on
SQLite and ``READ ONLY`` transactions on PostgreSQL, and opening an up-to-date database reads its
schema revision without a lock. Writers (ingest, triage) take SQLite's write lock when their
transaction begins and wait for each other (up to 60 s).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from .errors import StoreError

DATABASE_ENV = "SECSCAN_DATABASE_URL"
DEFAULT_DATABASE = Path(".secscan") / "vulns.db"
MIGRATIONS = Path(__file__).with_name("migrations")
#: execution option marking a connection's transactions read-only
READ_ONLY = "secscan_read_only"
#: key of the PostgreSQL advisory lock that serialises migrations ("secscan" in ASCII)
_MIGRATION_LOCK = 0x736563736361


def database_url(url: str | None = None, project_dir: Path | str | None = None) -> str:
    """The database to use: ``url``, else ``SECSCAN_DATABASE_URL``, else the SQLite file
    ``.secscan/vulns.db`` under ``project_dir`` (default: ``CI_PROJECT_DIR`` or the current dir)."""
    chosen = url or os.environ.get(DATABASE_ENV, "").strip()
    if chosen:
        return chosen
    base = Path(project_dir or os.environ.get("CI_PROJECT_DIR") or ".")
    return f"sqlite:///{(base / DEFAULT_DATABASE).resolve()}"


def display_url(url: str) -> str:
    """``url`` with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # let SQLAlchemy's "begin" event start transactions, so writers take the lock up front
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # persistent: switched once per file
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-131072")  # 128 MiB: index inserts of big reports stay in memory
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # readers: a deferred transaction reads a snapshot of the WAL and never takes the write lock
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Store:
    """An open vulnerability database."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.
        A ``read_only`` session is for reading only: it never waits for a writer (PostgreSQL refuses its writes)."""
        engine = self.engine.execution_options(**{READ_ONLY: True}) if read_only else self.engine
        with Session(engine) as session, session.begin():
            if read_only and self.dialect == "postgresql":
                session.execute(text("SET TRANSACTION READ ONLY"))
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, read without taking any lock."""
    with engine.execution_options(**{READ_ONLY: True}).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (idempotent; concurrent callers are serialised, and
    an up-to-date database is only read, so opening it never waits for a writer)."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    config = _alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = MigrationContext.configure(connection).get_current_revision()
        if revision == "head" and current == head_revision():
            return
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Downgrade the schema (tests and operators rolling back an upgrade)."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def open_store(url: str | None = None, project_dir: Path | str | None = None, *, upgrade: bool = True) -> Store:
    """Open (and create and migrate, unless ``upgrade`` is false) the vulnerability database."""
    resolved = database_url(url, project_dir)
    shown = display_url(resolved)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise StoreError(
            f"{shown}: not a database URL; use e.g. sqlite:///path/vulns.db or "
            "postgresql+psycopg://user:password@host:5432/db"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{shown}: cannot create the database directory ({exc.strerror})") from None
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError:
        raise StoreError(
            f"{shown}: unknown database driver {parsed.drivername!r}; use sqlite or postgresql+psycopg"
        ) from None
    except (ImportError, ArgumentError) as exc:
        raise StoreError(f"{shown}: cannot use this database URL ({exc}); for PostgreSQL install psycopg") from None
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"{shown}: {engine.dialect.name} is not supported; use SQLite or PostgreSQL")
    if upgrade:
        try:
            migrate(engine)
        except DBAPIError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(
                f"{shown}: cannot open the database ({reason}); check {DATABASE_ENV} or --database"
            ) from None
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"{shown}: cannot open the database ({exc}); check {DATABASE_ENV} or --database") from None
    return Store(engine, resolved)
