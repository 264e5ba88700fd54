"""`newswatch web`: the web console and Atom feeds, served by uvicorn; loopback unless an operator login is set."""

from __future__ import annotations

import os
import sys

import click

from crawler.cli.context import AppContext, ConfigurationError, pass_app


def _hash_password() -> None:
    from crawler.web.auth import PASSWORD_HASH_ENV, hash_password

    if sys.stdin.isatty():
        password = click.prompt("Operator password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise click.UsageError("an empty password protects nothing")
    click.echo(hash_password(password))
    click.echo(f"Put it in {PASSWORD_HASH_ENV} (quote it: it holds '$').", err=True)


def register(cli: click.Group) -> None:
    @cli.command("web")
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on; anything but loopback needs NEWSWATCH_WEB_PASSWORD_HASH.")
    @click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
    @click.option("--hash-password", "hash_only", is_flag=True,
                  help="Read a password (prompt or stdin), print its hash for NEWSWATCH_WEB_PASSWORD_HASH, exit.")
    @pass_app
    def web(app: AppContext, host: str, port: int, hash_only: bool) -> None:
        """Serve the web console (items, sources, digests) and Atom feeds."""
        if hash_only:
            _hash_password()
            return
        from crawler.web.auth import PASSWORD_HASH_ENV, PasswordHashError, parse_hash
        from crawler.web.config import WebConfig, cookie_secure_from, is_loopback, secret_from

        password_hash = os.environ.get(PASSWORD_HASH_ENV, "").strip() or None
        if password_hash:
            try:
                parse_hash(password_hash)
            except PasswordHashError as exc:
                raise ConfigurationError(str(exc)) from None
        elif not is_loopback(host):
            raise ConfigurationError(f"refusing to serve on {host} without an operator login: set "
                                     f"{PASSWORD_HASH_ENV} (see `newswatch web --hash-password`) or use 127.0.0.1")
        import uvicorn

        from crawler.web.app import create_app
        from crawler.web.readonly import read_only_engine

        app.engine()  # migrations applied and sources registered, as every command does
        config = WebConfig(settings=app.settings, catalog=app.catalog,
                           engine=read_only_engine(app.settings.database_url), password_hash=password_hash,
                           secret_key=secret_from(), cookie_secure=cookie_secure_from())
        click.echo(f"newswatch console on http://{host}:{port}/ "
                   f"({'operator login required' if password_hash else 'no login: loopback only'})", err=True)
        uvicorn.run(create_app(config), host=host, port=port, log_level="info", proxy_headers=False,
                    server_header=False)
