"""Alembic environment: migrates the database named by the config's sqlalchemy.url."""

from alembic import context
from sqlalchemy import Connection, text

from db.engine import make_engine
from db.models import Base

config = context.config
target_metadata = Base.metadata


def _include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # APScheduler creates and owns its job-store table; migrations leave it alone.
    return not (type_ == "table" and name == "apscheduler_jobs")


def _serialize_on_postgres(connection: Connection) -> None:
    """Workers on several machines start at once and each runs `upgrade`: only one migrates, the others
    then find the schema at head. A DDL statement waiting behind a long transaction would block every
    query queued after it, so it gives up after a while instead (rerun `newswatch db upgrade`)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('newswatch:migrate:' || current_schema()))"))
    connection.execute(text("SET LOCAL lock_timeout = '10s'"))


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=_include_object,
        )
        with context.begin_transaction():
            _serialize_on_postgres(connection)
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `newswatch db upgrade`")
run_migrations_online()
