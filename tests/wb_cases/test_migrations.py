"""Alembic head equals the models, and the migrations go down to base and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from wb_cases.db import Base, make_engine
from wb_cases.migrate import downgrade, upgrade


def _diff(engine):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_upgrade_head_on_an_empty_database_equals_the_models(instance):  # type: ignore[no-untyped-def]
    assert _diff(instance.backend.engine) == []


def test_downgrade_to_base_removes_every_table_and_upgrade_restores_them(tmp_path, database_url):  # type: ignore[no-untyped-def]
    if database_url.startswith("postgresql"):
        # Work in a private schema so the shared run database keeps its tables.
        engine = make_engine(
            database_url, connect_args={"options": "-csearch_path=migration_check"}
        )
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS migration_check CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA migration_check")
    else:
        engine = make_engine(database_url)
    try:
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
        downgrade(engine)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert _diff(engine) == []
    finally:
        if database_url.startswith("postgresql"):
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA IF EXISTS migration_check CASCADE")
        engine.dispose()
