"""What the browser test and the load test share: a throw-away copy of the data and a new
register, accounts made with the command line, a `visitplan serve` on a free loopback port,
and a small cookie-keeping HTTP client that logs in the way a browser does.

Standard library only (Debian's python3); Selenium is imported by the browser test alone.

The binary is `$VISITPLAN_BIN` when set, else `.build/debug/visitplan` of this checkout.
"""

import html
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from decimal import ROUND_HALF_UP, Decimal

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ARTEFACTS = os.path.join(ROOT, "Reports", "browser-artefacts")


def binary():
    """The visitplan executable under test; fails with what to do when it is missing."""
    path = os.environ.get("VISITPLAN_BIN") or os.path.join(ROOT, ".build", "debug", "visitplan")
    if not os.access(path, os.X_OK):
        raise RuntimeError(
            f"no visitplan executable at {path}: build it (`swift build --product visitplan`) "
            "or set VISITPLAN_BIN to its path")
    return path


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# MARK: - Money, as the project prints it


def cents(text):
    """`$1,234.56`, `-$0.10`, `1234.5` or a JSON number → integer cents (exactly)."""
    if isinstance(text, (int, float, Decimal)):
        value = Decimal(str(text))
    else:
        t = text.strip().replace(",", "").replace("$", "")
        value = Decimal(t)
    c = value * 100
    if c != c.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number of cents")
    return int(c)


def money(c):
    """Integer cents → `$1,234.56` (negative `-$1,234.56`), as `Money.description` prints."""
    sign = "-" if c < 0 else ""
    whole, frac = divmod(abs(c), 100)
    return f"{sign}${whole:,}.{frac:02d}"


def psc(travel_cents, rate):
    """Programme support costs on a travel amount: `rate` (a Decimal fraction such as 0.13)
    times the amount, rounded half up to the cent, as `Rate.apply` does."""
    return int((Decimal(travel_cents) * rate).to_integral_value(rounding=ROUND_HALF_UP))


# MARK: - A server on a temporary copy of the data


class Server:
    """`visitplan serve` on a copy of `Data/` and a new register in a temporary folder.

    Use as a context manager: the server process (its own process group) is always stopped
    and the folder removed on exit, whatever happened.
    """

    def __init__(self, name="browser", data=None):
        self.binary = binary()
        self.tmp = tempfile.mkdtemp(prefix=f"visitplan-{name}-")
        self.data = os.path.join(self.tmp, "Data")
        shutil.copytree(data or os.path.join(ROOT, "Data"), self.data)
        self.reports = os.path.join(self.tmp, "Reports")
        os.makedirs(self.reports)
        self.register = os.path.join(self.tmp, "register.sqlite")
        self.port = None
        self.process = None
        self.log_path = os.path.join(ARTEFACTS, f"{name}-server.log")
        self.passwords = {}

    def cli(self, *args, data=True, register=True, timeout=60):
        """Runs `visitplan ARGS` with this data folder and register (for the commands that
        take them); returns its standard output, fails with all it printed otherwise."""
        extra = (["--data", self.data] if data else []) + (["--register", self.register] if register else [])
        result = subprocess.run(
            [self.binary, *args, *extra],
            capture_output=True, text=True, timeout=timeout, cwd=self.tmp)
        if result.returncode != 0:
            raise RuntimeError(
                f"visitplan {' '.join(args)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
        return result.stdout

    def add_user(self, name, role, manager=None):
        """`visitplan users add NAME --role ROLE --generate`; returns the printed password."""
        args = ["users", "add", name, "--role", role, "--generate", "--by", "test"]
        if manager:
            args += ["--manager", manager]
        out = self.cli(*args)
        found = re.search(r"^Password \(shown once\): (\S+)$", out, re.M)
        if not found:
            raise RuntimeError(f"`visitplan users add` printed no password:\n{out}")
        self.passwords[name] = found.group(1)
        return found.group(1)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        """Starts the server and waits until `/login` answers 200."""
        os.makedirs(ARTEFACTS, exist_ok=True)
        self.port = free_port()
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--register", self.register, "--reports", self.reports,
             "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.tmp, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"visitplan serve exited with {self.process.returncode} before answering; see {self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/login")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return self
                last = f"status {status}"
            except OSError as error:
                last = str(error)
            time.sleep(0.1)
        raise RuntimeError(f"visitplan serve did not answer GET /login within {timeout} s (last: {last}); see {self.log_path}")

    def stop(self):
        """Stops the server: SIGTERM to its process group, SIGKILL after 10 s."""
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return False


# MARK: - A client that keeps its cookies


class Client:
    """One person's HTTP session (keep-alive connection, cookies), without a browser."""

    def __init__(self, port, timeout=30):
        self.port = port
        self.timeout = timeout
        self.cookies = {}
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        return self.conn

    def request(self, method, path, fields=None):
        """Sends one request; returns (status, headers dict, body text). Retries once on a
        connection the server closed (keep-alive expiry), never on a timeout."""
        body = urllib.parse.urlencode(fields) if fields is not None else None
        headers = {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                text = response.read().decode("utf-8")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 1:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                k, _, v = pair.partition("=")
                if "max-age=0" in value.lower() or not v:
                    self.cookies.pop(k.strip(), None)
                else:
                    self.cookies[k.strip()] = v.strip()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, fields)

    @staticmethod
    def csrf(page):
        """The CSRF token of the first form on a page."""
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        if not found:
            raise AssertionError("the page has no CSRF token")
        return html.unescape(found.group(1))

    def login(self, name, password):
        """Logs in through the form (its double-submit token); fails unless sent to `/`."""
        status, _, page = self.get("/login")
        if status != 200:
            raise AssertionError(f"GET /login answered {status}")
        status, headers, page = self.post("/login", {"csrf": self.csrf(page), "name": name, "password": password})
        if status not in (302, 303) or headers.get("location") != "/":
            raise AssertionError(f"log-in of {name} answered {status} (location {headers.get('location')})")
        return self

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None
