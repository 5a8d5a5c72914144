"""Run a command against a throwaway PostgreSQL server.

    python -m tests.support.postgres .venv/bin/pytest -m "not browser"

Starts a private server (a fresh data directory in a temporary folder, a free port on 127.0.0.1,
durability switched off because nothing here needs to survive), creates a database, runs the
command with DATABASE_URL pointing at it, then stops the server and deletes the folder, whatever
happens to the command. Exits with the command's exit code.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user.
"""

import glob
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLE = "msp"
DATABASE = "msp"
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "50",
}


class SetupError(RuntimeError):
    pass


def find_bindir() -> Path:
    """The server binaries: pg_config's answer if it has initdb, else the newest installed version."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", Path(path).parent.name)) or (0,)

    candidates += [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    ]
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    raise SetupError(
        "No PostgreSQL server binaries found (initdb, pg_ctl). Install them, e.g. "
        "`apt-get install postgresql`."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_user() -> pwd.struct_passwd | None:
    """The account the server runs as: `postgres` when we are root, else ourselves (None)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError as error:
        raise SetupError(
            "Running as root, but there is no `postgres` user to run the server as"
        ) from error


def make_workdir(owner: pwd.struct_passwd | None) -> Path:
    workdir = Path(tempfile.mkdtemp(prefix="msp-postgres-"))
    if owner is not None:
        # The server user must be able to reach the folder through every parent.
        for parent in workdir.parents:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                os.chmod(parent, mode | stat.S_IXOTH)
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
    return workdir


def run_as(owner: pwd.struct_passwd | None, args: list, **kwargs) -> subprocess.CompletedProcess:
    if owner is not None:
        kwargs.update(user=owner.pw_uid, group=owner.pw_gid, extra_groups=[])
        kwargs.setdefault("env", {**os.environ, "HOME": owner.pw_dir, "USER": owner.pw_name})
    return subprocess.run([str(a) for a in args], **kwargs)


def start(bindir: Path, workdir: Path, owner) -> int:
    data, sockets, log = workdir / "data", workdir / "sockets", workdir / "server.log"
    initdb = run_as(
        owner,
        [
            bindir / "initdb",
            "--pgdata",
            data,
            "--username",
            ROLE,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if initdb.returncode != 0:
        raise SetupError(f"initdb failed:\n{initdb.stdout}{initdb.stderr}")
    run_as(owner, ["mkdir", "-p", sockets], check=True)
    settings = dict(SERVER_SETTINGS, unix_socket_directories=f"'{sockets}'")
    for attempt in range(5):
        port = free_port()
        conf = "".join(f"{k} = {v}\n" for k, v in {**settings, "port": port}.items())
        run_as(owner, ["tee", data / "postgresql.auto.conf"], input=conf, text=True,
               capture_output=True, check=True)  # fmt: skip
        # Its own session, so Ctrl-C in the terminal reaches the command, not the server.
        started = run_as(
            owner,
            [
                bindir / "pg_ctl",
                "--pgdata",
                data,
                "--log",
                log,
                "--wait",
                "--timeout",
                "60",
                "start",
            ],
            capture_output=True,
            text=True,
            check=False,
            start_new_session=True,
        )
        if started.returncode == 0:
            return port
        if attempt == 4:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise SetupError(f"PostgreSQL did not start:\n{started.stdout}{started.stderr}{text}")
        time.sleep(0.2)
    raise AssertionError("unreachable")


def create_database(bindir: Path, port: int, owner) -> None:
    run_as(
        owner,
        [bindir / "createdb", "--host", "127.0.0.1", "--port", port, "--username", ROLE, DATABASE],
        check=True,
    )


def stop(bindir: Path, workdir: Path, owner) -> None:
    data = workdir / "data"
    if (data / "postmaster.pid").exists():
        run_as(
            owner,
            [bindir / "pg_ctl", "--pgdata", data, "--mode", "immediate", "--wait", "stop"],
            capture_output=True,
            check=False,
        )


def run_command(command: list[str], env: dict) -> int:
    child = subprocess.Popen(command, env=env)
    try:
        code = child.wait()
    except KeyboardInterrupt:
        # Ctrl-C in a terminal reaches the child too and it stops by itself; a signal sent only
        # to us (a CI job being cancelled) does not, so pass it on, then insist.
        for grace, signal_ in ((2, signal.SIGINT), (5, signal.SIGTERM), (5, signal.SIGKILL)):
            try:
                code = child.wait(timeout=grace)
                break
            except (subprocess.TimeoutExpired, KeyboardInterrupt):
                child.send_signal(signal_)
        else:
            code = child.wait()
    return 128 - code if code < 0 else code


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tests.support.postgres COMMAND [ARGS...]", file=sys.stderr)
        return 2
    # A terminating CI job sends SIGTERM: treat it like Ctrl-C so the clean-up below still runs.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    owner = server_user()
    bindir = find_bindir()
    workdir = make_workdir(owner)
    try:
        port = start(bindir, workdir, owner)
        create_database(bindir, port, owner)
        url = f"postgres://{ROLE}@127.0.0.1:{port}/{DATABASE}"
        version = subprocess.run(
            [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        print(
            f"Started {version or 'PostgreSQL'} ({bindir}) on 127.0.0.1:{port}: {url}", flush=True
        )
        return run_command(argv, {**os.environ, "DATABASE_URL": url})
    except SetupError as error:
        print(f"tests.support.postgres: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        try:
            stop(bindir, workdir, owner)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
