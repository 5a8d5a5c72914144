"""`msp serve`: the app under gunicorn, the same way on a laptop and in a council's data centre.

Workers are processes (one per core, plus one to cover a worker busy on a slow page); threads
let each worker serve several requests while others wait on the database. Both can be set on the
command line or in the environment (MSP_WORKERS, MSP_THREADS, MSP_BIND, MSP_TIMEOUT). The
development server, which reloads on code changes and is not for real use, runs only with --dev.
"""

import argparse
import os


def default_workers() -> int:
    return (os.cpu_count() or 1) + 1


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="msp serve",
        description="Serve MSP with gunicorn (or Django's development server with --dev).",
    )
    parser.add_argument(
        "address",
        nargs="?",
        default=os.environ.get("MSP_BIND", "127.0.0.1:8000"),
        help="HOST:PORT to listen on (MSP_BIND; default 127.0.0.1:8000)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("MSP_WORKERS", default_workers())),
        help="worker processes (MSP_WORKERS; default the number of cores plus one)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("MSP_THREADS", "4")),
        help="threads per worker (MSP_THREADS; default 4)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=int(os.environ.get("MSP_TIMEOUT", "60")),
        help="seconds before a stuck worker is restarted (MSP_TIMEOUT; default 60)",
    )
    parser.add_argument(
        "--dev", action="store_true", help="Django's development server (never for real data)"
    )
    args = parser.parse_args(argv)
    if args.workers < 1 or args.threads < 1:
        parser.error("--workers and --threads must be at least 1")
    return args


def gunicorn_options(args: argparse.Namespace) -> dict:
    from django.conf import settings

    return {
        "bind": args.address,
        "workers": args.workers,
        "threads": args.threads,
        "worker_class": "gthread",
        "timeout": args.timeout,
        "graceful_timeout": 20,
        "keepalive": 5,
        # A worker is replaced after this many requests, so slow leaks cannot build up.
        "max_requests": 5000,
        "max_requests_jitter": 500,
        # No access log: the app writes its own request lines, without query strings.
        "accesslog": None,
        "logconfig_dict": settings.LOGGING,
        "proc_name": "msp",
        # gunicorn's control socket (one per home folder) is not used: several servers on one
        # machine would fight over it.
        "control_socket_disable": True,
        # Behind a reverse proxy the scheme comes from X-Forwarded-Proto (docs/deployment.md).
        # The proxies trusted for the client's address are trusted for the scheme too, so one
        # setting (MSP_TRUSTED_PROXIES) names them; MSP_FORWARDED_ALLOW_IPS overrides it.
        "forwarded_allow_ips": forwarded_allow_ips(),
    }


def forwarded_allow_ips() -> str:
    """The addresses gunicorn believes about X-Forwarded-Proto."""
    return (
        os.environ.get("MSP_FORWARDED_ALLOW_IPS")
        or os.environ.get("MSP_TRUSTED_PROXIES")
        or "127.0.0.1,::1"
    )


def serve(argv: list[str]) -> None:
    args = parse(argv)
    if args.dev:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["msp", "runserver", args.address, "--noreload"])
        return
    # Each worker's database pool is sized to its threads (msp/settings.py).
    os.environ["MSP_THREADS"] = str(args.threads)
    import django

    django.setup()
    from gunicorn.app.base import BaseApplication

    from msp.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            for key, value in gunicorn_options(args).items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()
