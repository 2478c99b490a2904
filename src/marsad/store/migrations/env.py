"""Alembic environment: marsad passes its own connection in ``config.attributes``."""

from alembic import context

from marsad.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # run by hand: `alembic -x url=sqlite:///marsad.db upgrade head`
    import sqlalchemy as sa

    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///marsad.db")
    connection = sa.create_engine(url).connect()

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
