"""`newswatch sim`: the bundled offline simulator of the real sites."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    @cli.command("sim")
    @click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
                  help="Port to listen on (0 picks a free one).")
    @click.option("--host", default="127.0.0.1", show_default=True)
    def sim(port: int, host: str) -> None:
        """Serve the simulated sites (ground truth at /_sim/truth; see the README for control endpoints)."""
        from simulator.server import run

        try:
            run(port, host)
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
