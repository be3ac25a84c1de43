#!/usr/bin/env python3
"""Benchmarks the system the way its users and the ECS bill feel it, beside a replica of the original
Flask services, and writes BENCHMARKS.md (tables, goals, plots). Both implementations run the same
topology: products -> the local ALB stand-in (HAProxy, local-alb/haproxy.cfg) -> two payments.

    ./mvnw -B -q -DskipTests package && python3 benchmarks/run.py          # about 20 minutes

Load: benchmarks/LoadGenerator.java (run from source by the JDK), an open-loop generator that is safe from
coordinated omission: requests are due at a constant rate and latency counts from the due time. Each offered
rate is run --runs times (default 3), interleaved (rate 1, 2, ... then again), and the median run is
reported; the runs start once the JIT has settled: a warm-up at --warmup-rate lasts until the compiler threads
(C1/C2 CompilerThre in /proc/PID/task/*/comm) have taken under 2 % of each JVM's CPU over 10 s, and its cost
(seconds, CPU spent compiling) is reported on its own line; saturation is a closed loop of 32 connections. CPU per request is user+system ticks of each
service's processes from /proc/PID/stat (fields 14 and 15), read by the generator right before the first
request and right after the last answer, divided by the requests answered.

The merged system's options: --db (a PostgreSQL for payments: "embedded" starts Debian's PostgreSQL server
binaries in a temporary directory, or give a JDBC URL) and --token / --token-command (a bearer token that
every request to products carries), --products-env / --payments-env (extra settings such as
PRODUCTS_AUTH_JWKS_URI=file:...).

Needs: JDK 25 (JAVA_HOME), haproxy; for the Flask pair gunicorn, python3-flask, python3-requests; for the
plots python3-matplotlib (Debian packages). Every load and wait is bounded; every process this script starts
is stopped by its PID when it ends, also on Ctrl-C.
"""
import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benchmarks")
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
JAVA = os.path.join(JAVA_HOME, "bin", "java")
# The JVM defaults of both services: the same file the launch scripts and the container images use.
JVM_OPTIONS = os.path.join(ROOT, "service-support", "src", "main", "jvm", "jvm.options")
# What the JVM sees in the ECS task (0.25 vCPU, 512 MiB), where it reads both from the cgroup: added after the
# defaults so that this host's memory and cores do not size the JVM's ergonomics and thread pools (--no-task-view).
TASK_VIEW = ["-XX:MaxRAM=512m", "-XX:ActiveProcessorCount=1"]
# The services' environment beside jvm.options, as the images and the task definitions set it (glibc's arenas).
JVM_ENV = {"MALLOC_ARENA_MAX": "2"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
P99_KNEE_MS = 10.0
# The JIT has settled once its compiler threads (HotSpot names them "C1 CompilerThreadN", "C2 CompilerThreadN",
# cut to 15 characters in /proc) have taken under 2 % of their JVM's CPU over the last 10 s, in every JVM.
COMPILER_THREADS = ("C1 CompilerThre", "C2 CompilerThre")
JIT_SETTLED_SHARE = 0.02
JIT_SETTLED_SECONDS = 10

started = []  # every process this script started, stopped by PID at the end
temporary = []  # directories this script made outside LOG_DIR, removed at the end
ports = None  # iterator over fixed ports when --port-base is given


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def trace_sink():
    """An OTLP/HTTP endpoint here that answers 200 and drops what it gets: a traced system exports its sampled spans
    to it, so that a run measures making and exporting spans (the collector's own cost is not the services')."""
    import http.server
    import threading

    class Sink(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    sink = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Sink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{sink.server_address[1]}"


def free_port():
    if ports:
        return next(ports)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name, command, env=None, cwd=ROOT):
    out = open(os.path.join(LOG_DIR, name + ".log"), "w")
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True)
    process.name = name
    process.started_at = time.perf_counter()
    started.append(process)
    return process


def stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def stop_all():
    for process in reversed(started):
        stop(process)


def ok(url, headers=None):
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=1) as response:
            return 200 <= response.status < 300
    except OSError:
        return False


def seconds_to_first_ok(process, url, timeout=60):
    """Time from the process' start to its first 2xx answer, polled every 2 ms (bounded)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.name} exited with {process.returncode}; see {LOG_DIR}/{process.name}.log")
        if ok(url):
            return time.perf_counter() - process.started_at
        time.sleep(0.002)
    raise SystemExit(f"{process.name} gave no 2xx at {url} within {timeout} s")


def tree(pid):
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    pids.extend(tree(int(child)))
    except OSError:
        pass
    return pids


def pss_mib(process):
    """Proportional set size of the process and its children (gunicorn's workers share pages fairly)."""
    total_kib = 0
    for pid in tree(process.pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total_kib += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except OSError:
            pass
    return total_kib / 1024


def jvm_options():
    """The services' JVM defaults, one option per line (comments with #), as the launchers read them."""
    options = []
    with open(JVM_OPTIONS) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                options.append(line)
    return options


# ---------------------------------------------------------------------------------------------- load

def compile_generator():
    classes = os.path.join(LOG_DIR, "loadgen")
    subprocess.run([os.path.join(JAVA_HOME, "bin", "javac"), "-d", classes,
                    os.path.join(BENCH, "LoadGenerator.java")], check=True)
    return classes


def write_plan(name, kinds, headers):
    path = os.path.join(LOG_DIR, name + ".plan")
    with open(path, "w") as f:
        f.writelines(f"H {h}\n" for h in headers)
        f.writelines(f"{weight} {method} {target}{' ' + body if body else ''}\n" for weight, method, target, body in kinds)
    return path


def load_command(system, rate, seconds, connections=None):
    command = [JAVA, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", GENERATOR,
               "LoadGenerator", "--base", system["base"], "--plan", system["plan"], "--rate", str(rate),
               "--seconds", str(seconds)]
    if connections:
        command += ["--connections", str(connections)]
    for group, processes in system["cpu"].items():
        command += ["--cpu", f"{group}=" + ",".join(str(p.pid) for p in processes)]
    return command


def load_process(system, rate, seconds):
    """The generator running in the background (a warm-up: its output is not read)."""
    return subprocess.Popen(load_command(system, rate, seconds), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def load(system, rate, seconds, connections=None):
    """One run of the generator; returns its JSON result with CPU ms per request per service, and the share of the
    JVMs' CPU that their compiler threads took during the run."""
    pids = [p.pid for p in system.get("jvms", [])]
    before = jit_sample(pids)
    output = subprocess.run(load_command(system, rate, seconds, connections), capture_output=True, text=True,
                            timeout=seconds + 60)
    after = jit_sample(pids)
    if output.returncode != 0:
        raise SystemExit(f"load generator failed: {output.stderr}")
    result = json.loads(output.stdout.strip().splitlines()[-1])
    answered = max(1, result["requests"] - result["errors"])
    result["cpu_ms"] = {g: t * 1000 / result["ticks_per_second"] / answered for g, t in result["cpu_ticks"].items()}
    result["cpu_ms_services"] = sum(v for g, v in result["cpu_ms"].items() if g in ("products", "payments"))
    result["loadavg"] = open("/proc/loadavg").read().split()[0]
    deltas = [jit_delta(before[pid], after[pid]) for pid in pids]
    result["jit_share"] = sum(c for _, c in deltas) / max(1, sum(t for t, _ in deltas)) if pids else None
    return result


def thread_ticks(pid):
    """{thread id: (user+system ticks, is a compiler thread)} of a process, from /proc/PID/task/*/stat."""
    threads = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        comm, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        threads[task] = (int(fields[11]) + int(fields[12]), comm.startswith(COMPILER_THREADS))  # fields 14, 15
    return threads


def jit_sample(pids):
    """One sample per JVM: its threads' ticks, taken together so that windows line up."""
    return {pid: thread_ticks(pid) for pid in pids}


def jit_delta(before, after):
    """(all ticks, compiler ticks) between two samples of one JVM, over the threads present in both (a thread that
    ended between them took its ticks with it; the JVM adds and removes compiler threads as the queue changes)."""
    total = compiler = 0
    for task, (ticks, is_compiler) in after.items():
        if task in before:
            total += ticks - before[task][0]
            compiler += (ticks - before[task][0]) if is_compiler else 0
    return total, compiler


def compiler_ticks(sample):
    return sum(ticks for ticks, is_compiler in sample.values() if is_compiler)


def settle_jit(system, rate, limit_seconds):
    """Offers rate requests/s until the JIT has settled in every JVM of the system (their compiler threads' share
    of the JVM's CPU under 2 % over the last 10 s) or limit_seconds have passed; returns the warm-up's cost: the
    seconds it took, and each JVM's CPU seconds in compiler threads since it started, and in all threads."""
    jvms = {p.name: p.pid for p in system.get("jvms", [])}
    began = time.monotonic()
    generator = load_process(system, rate, limit_seconds)
    samples = [jit_sample(jvms.values())]
    shares = {}
    try:
        while time.monotonic() - began < limit_seconds and generator.poll() is None:
            time.sleep(1)
            samples.append(jit_sample(jvms.values()))
            if len(samples) <= JIT_SETTLED_SECONDS:
                continue
            window = samples[-JIT_SETTLED_SECONDS - 1], samples[-1]
            shares = {}
            for name, pid in jvms.items():
                total, compiler = jit_delta(window[0][pid], window[1][pid])
                shares[name] = compiler / total if total else 1.0
            if all(share < JIT_SETTLED_SHARE for share in shares.values()):
                break
    finally:
        generator.kill()
        generator.wait(10)
    seconds = time.monotonic() - began
    last = samples[-1]
    cost = {"seconds": seconds, "rate": rate, "settled": bool(shares) and all(v < JIT_SETTLED_SHARE for v in shares.values()),
            "last_10s_compiler_share": shares,
            "compiler_cpu_s": {n: compiler_ticks(last[pid]) / CLOCK_TICKS for n, pid in jvms.items()},
            "process_cpu_s": {n: process_ticks(pid) / CLOCK_TICKS for n, pid in jvms.items()}}
    log(f"warm-up: {'settled' if cost['settled'] else 'NOT settled'} after {seconds:.0f} s at {rate}/s; compiler "
        "threads' CPU since start: " + ", ".join(f"{n} {cost['compiler_cpu_s'][n]:.1f} s of "
                                                 f"{cost['process_cpu_s'][n]:.1f} s" for n in jvms))
    return cost


def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def settle(system, deadline_seconds=60):
    """Waits (bounded) until a short probe at 20/s gets no error, so that a run does not start while the system
    is still recovering from the previous one (an overload opens products' circuit breaker for 5 s)."""
    deadline = time.monotonic() + deadline_seconds
    while load(system, 20, 1)["errors"] and time.monotonic() < deadline:
        time.sleep(1)


def median_run(runs):
    """The run with the median p99 (so its p50, p99 and CPU belong together), plus the medians of each."""
    ordered = sorted(runs, key=lambda r: r["p99"])
    chosen = dict(ordered[len(ordered) // 2])
    for key in ("p50", "p99", "p999", "achieved", "cpu_ms_services"):
        chosen[key] = statistics.median(r[key] for r in runs)
    chosen["cpu_ms"] = {g: statistics.median(r["cpu_ms"][g] for r in runs) for g in runs[0]["cpu_ms"]}
    chosen["runs"] = runs
    return chosen


def sweep(system, rates, runs, seconds, saturation_connections, all_rates=False):
    """Every rate, runs times, interleaved; stops raising the rate once one is not sustained (unless all_rates)."""
    points = {rate: [] for rate in rates}
    sustained = list(rates)
    for run in range(runs):
        for rate in list(sustained):
            settle(system)
            result = load(system, rate, seconds)
            points[rate].append(result)
            log(f"  {system['name']} {rate}/s run {run + 1}: p50 {result['p50']:.2f} p99 {result['p99']:.2f} "
                f"p99.9 {result['p999']:.2f} ms, achieved {result['achieved']:.0f}/s, errors {result['errors']}, "
                f"CPU {result['cpu_ms_services']:.3f} ms/req{jit_note(result)}, load {result['loadavg']}")
            if run == 0 and not all_rates and (result["achieved"] < 0.9 * rate or result["p99"] > 2000):
                # Not sustained: higher rates only queue more; the saturation run gives the throughput.
                sustained = [r for r in sustained if r <= rate]
                break
    table = {rate: median_run(results) for rate, results in points.items() if results}
    saturation = []
    for run in range(runs):
        settle(system)
        result = load(system, 0, seconds, saturation_connections)
        saturation.append(result)
        log(f"  {system['name']} saturation run {run + 1}: {result['achieved']:.0f}/s, "
            f"CPU {result['cpu_ms_services']:.3f} ms/req, errors {result['errors']}, load {result['loadavg']}")
    return table, median_run(saturation)


def jit_note(result):
    """The compiler threads' share of the JVMs' CPU during a run, for the log (none for the Flask pair)."""
    return "" if result["jit_share"] is None else f" (JIT {result['jit_share']:.1%})"


def knee(table):
    """The highest offered rate whose median p99 is <= 10 ms and which was sustained."""
    good = [rate for rate, r in table.items() if r["p99"] <= P99_KNEE_MS and r["achieved"] >= 0.95 * rate]
    return max(good) if good else 0


# ---------------------------------------------------------------------------------------------- systems

def start_alb(name, targets):
    port, stats_socket = free_port(), os.path.join(LOG_DIR, name + ".sock")
    process = start(name, ["haproxy", "-db", "-f", os.path.join(ROOT, "local-alb", "haproxy.cfg")], env={
        "LB_BIND": f"127.0.0.1:{port}", "LB_STATS_BIND": f"127.0.0.1:{free_port()}", "LB_STATS_SOCKET": stats_socket,
        "PAYMENTS_1": targets[0], "PAYMENTS_2": targets[1]})
    deadline = time.perf_counter() + 10
    while not os.path.exists(stats_socket):
        if time.perf_counter() > deadline or process.poll() is not None:
            raise SystemExit(f"HAProxy did not start; see {LOG_DIR}/{name}.log")
        time.sleep(0.05)
    return process, port


def start_postgres(options):
    """An empty PostgreSQL for payments, from Debian's server binaries, in a temporary directory."""
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
    if not bindir or not os.path.exists(os.path.join(bindir, "initdb")):
        raise SystemExit("--db embedded needs Debian's postgresql server binaries (apt-get install postgresql)")
    data = tempfile.mkdtemp(prefix="benchmarks-pg-", dir="/tmp")
    temporary.append(data)
    port = free_port()
    run_as = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(data, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run_as, os.path.join(bindir, "initdb"), "-D", data, "-A", "trust", "-U", "payments",
                    "--no-sync"], check=True, capture_output=True)
    process = start("postgres", [*run_as, os.path.join(bindir, "postgres"), "-D", data, "-p", str(port), "-k", data,
                                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"])
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    subprocess.run([*run_as, os.path.join(bindir, "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "payments",
                    "payments"], check=True, capture_output=True)
    return process, {"PAYMENTS_DB_URL": f"jdbc:postgresql://127.0.0.1:{port}/payments",
                     "PAYMENTS_DB_USER": "payments", "PAYMENTS_DB_PASSWORD": "payments"}


def helidon_command(module, flags, extra=()):
    return [JAVA, *flags, *extra, "-jar", os.path.join(ROOT, module, "target", module + ".jar")]


def env_pairs(pairs):
    return dict(pair.split("=", 1) for pair in pairs or [])


def start_database(options):
    """The database payments uses, if any: (the PostgreSQL process or None, payments' environment)."""
    payments_env = env_pairs(options.payments_env)
    if not options.db:
        return None, payments_env
    db, db_env = start_postgres(options) if options.db == "embedded" else (None, {"PAYMENTS_DB_URL": options.db})
    return db, {**db_env, "PAYMENTS_STORE_SAMPLE_DATA": "true", **payments_env}


def start_helidon(options, flags, database=(None, {}), name="helidon", env=None):
    """payments x2 (sharing the database) -> HAProxy -> products, each service with env besides its own settings;
    returns the system description."""
    system = {"name": name, "processes": [], "startup_ms": {}, "cpu": {}}
    db, payments_env = database
    if db:
        system["cpu"]["database"] = [db]
    payments_ports = [free_port(), free_port()]
    payments = []
    for i, port in enumerate(payments_ports):
        process = start(f"{name}-payments-{i + 1}", helidon_command("payments", flags),
                        env={**JVM_ENV, **(env or {}), "SERVER_PORT": str(port), "SERVER_HOST": "127.0.0.1",
                             **payments_env})
        seconds = seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready")
        system["startup_ms"].setdefault("payments", seconds * 1000)
        payments.append(process)
    alb, alb_port = start_alb(f"{name}-haproxy", [f"127.0.0.1:{p}" for p in payments_ports])
    products_port = free_port()
    products = start(f"{name}-products", helidon_command("products", flags), env={**JVM_ENV, **(env or {}),
        "SERVER_PORT": str(products_port), "SERVER_HOST": "127.0.0.1",
        "PAYMENTS_BASE_URI": f"http://127.0.0.1:{alb_port}", **env_pairs(options.products_env)})
    system["startup_ms"]["products"] = seconds_to_first_ok(
        products, f"http://127.0.0.1:{products_port}/observe/health/ready") * 1000
    system["processes"] += [*payments, alb, products]
    system["services"] = {"products": products, "payments": payments[0]}
    system["jvms"] = [products, *payments]
    system["cpu"] = {"products": [products], "payments": payments, "haproxy": [alb], **system["cpu"]}
    system["base"] = f"http://127.0.0.1:{products_port}"
    headers = [f"Authorization: Bearer {TOKEN}"] if TOKEN else []
    ids = sample_ids(system["base"], headers)
    kinds = [(8, "GET", "/api/1.0/payments?limit=5", None)]
    kinds += [(1, "GET", f"/api/1.0/payments/{i}", None) for i in ids[:1]]
    kinds += [(1, "POST", "/api/1.0/payments",
               '{"amount":"12.50","currency":"EUR","description":"benchmark"}')]
    # Idempotency-Key on every request: a fresh UUID each, which a GET ignores.
    system["plan"] = write_plan(name, kinds, headers + ["Idempotency-Key: {uuid}"])
    system["mix"] = "80 % list (limit 5), 10 % get by id, 10 % create"
    return system


def sample_ids(base, headers):
    request = urllib.request.Request(base + "/api/1.0/payments?limit=5",
                                     headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request, timeout=5) as response:
        return [item["id"] for item in json.load(response)["items"]]


def gunicorn(name, app, port, env=None):
    return start(name, ["gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--access-logfile", "-", app],
                 env=env, cwd=os.path.join(BENCH, "flask"))


def start_flask():
    system = {"name": "flask", "processes": [], "startup_ms": {}}
    payments_ports = [free_port(), free_port()]
    payments = []
    for i, port in enumerate(payments_ports):
        process = gunicorn(f"flask-payments-{i + 1}", "payments_app:app", port)
        system["startup_ms"].setdefault("payments", seconds_to_first_ok(
            process, f"http://127.0.0.1:{port}/observe/health/ready") * 1000)
        payments.append(process)
    alb, alb_port = start_alb("flask-haproxy", [f"127.0.0.1:{p}" for p in payments_ports])
    products_port = free_port()
    products = gunicorn("flask-products", "products_app:app", products_port,
                        env={"PAYMENTS_URL": f"http://127.0.0.1:{alb_port}/metaapi/1.0/payments"})
    system["startup_ms"]["products"] = seconds_to_first_ok(
        products, f"http://127.0.0.1:{products_port}/observe/health/ready") * 1000
    system["processes"] = [*payments, alb, products]
    system["services"] = {"products": products, "payments": payments[0]}
    system["cpu"] = {"products": [products], "payments": payments, "haproxy": [alb]}
    system["base"] = f"http://127.0.0.1:{products_port}"
    system["plan"] = write_plan("flask", [(1, "GET", "/api/1.0/payments", None)], [])
    system["mix"] = "100 % list (the article's only operation)"
    return system


def stop_system(system):
    for process in reversed(system["processes"]):
        stop(process)


def time_to_ready(flags, aot, payments_env):
    """Process start to first healthy answer of payments, plain and with a JDK 25 AOT cache (one training run). As in
    ECS, the schema is migrated first by a one-off run, and the timed starts only validate it."""
    result = {}
    port = free_port()
    payments_env = {**JVM_ENV, "SERVER_PORT": str(port), "SERVER_HOST": "127.0.0.1", **payments_env}
    if "PAYMENTS_DB_URL" in payments_env:
        subprocess.run(helidon_command("payments", flags), env={**os.environ, **payments_env,
                                                                 "PAYMENTS_DB_MIGRATE": "migrate-only"},
                       check=True, capture_output=True, timeout=120)
        payments_env["PAYMENTS_DB_MIGRATE"] = "validate"
    process = start("startup-plain", helidon_command("payments", flags), env=payments_env)
    result["plain"] = seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready") * 1000
    stop(process)
    if aot:
        cache = os.path.join(LOG_DIR, "payments.aot")
        process = start("aot-training", helidon_command("payments", flags, [f"-XX:AOTCacheOutput={cache}"]),
                        env=payments_env)
        seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready")
        for _ in range(300):
            ok(f"http://127.0.0.1:{port}/metaapi/1.0/payments?limit=5")
        stop(process, timeout=120)
        if os.path.exists(cache):
            process = start("startup-aot", helidon_command("payments", flags, [f"-XX:AOTCache={cache}"]),
                            env=payments_env)
            result["aot"] = seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready") * 1000
            stop(process)
    return result


def images_time_to_ready(tag, payments_env, products_env, runs=3):
    """Container start to first healthy answer of the images (podman, the host's network, 512 MiB as in the task;
    no CPU limit, as for the jar), median of runs each: what an ECS task starts with, its AOT cache and
    PAYMENTS_DB_MIGRATE=validate included, against the schema that time_to_ready's one-off run migrated."""
    if not shutil.which("podman"):
        raise SystemExit("--images needs podman and the images (scripts/build-images.sh)")
    jwks = next(v for v in products_env if v.startswith("PRODUCTS_AUTH_JWKS_URI=")).split(":", 1)[1]
    os.chmod(os.path.dirname(jwks), 0o755)  # the images run as user 10001
    os.chmod(jwks, 0o644)
    payments_port, products_port = free_port(), free_port()

    def container(service, env, port):
        name = f"benchmarks-{service}-{port}-{time.monotonic_ns()}"
        command = ["podman", "run", "--rm", "--name", name, "--network", "host", "--memory", "512m", "--read-only",
                   "--tmpfs", "/tmp", "-v", f"{os.path.dirname(jwks)}:/auth:ro",
                   *[f"-e{key}={value}" for key, value in {**env, "SERVER_PORT": str(port)}.items()],
                   f"localhost/{service}:{tag}"]
        process = start(name, command)
        return process, seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready") * 1000

    def timed(service, env, port):
        times = []
        for _ in range(runs):
            process, ms = container(service, env, port)
            stop(process)
            times.append(ms)
        return times

    payments_env = {**payments_env, "PAYMENTS_DB_MIGRATE": "validate"}
    result = {"payments": timed("payments", payments_env, payments_port)}
    payments, _ = container("payments", payments_env, payments_port)
    try:
        result["products"] = timed("products", {**env_pairs(products_env), "PRODUCTS_AUTH_JWKS_URI": "file:/auth/"
                                                + os.path.basename(jwks), "PAYMENTS_BASE_URI":
                                                f"http://127.0.0.1:{payments_port}"}, products_port)
    finally:
        stop(payments)
    return {service: {"median": statistics.median(times), "runs": times} for service, times in result.items()}


# ---------------------------------------------------------------------------------------------- profile

def profile(system, rate, seconds, label):
    """async-profiler (Maven Central's tools.profiler:async-profiler) attached with jcmd for one run. The agent's
    options are quoted: jcmd would otherwise parse "event=cpu" as one of its own key=value arguments."""
    library = async_profiler()
    outputs = {}
    for service, process in system["services"].items():
        out = os.path.join(LOG_DIR, f"{label}-{service}.collapsed")
        subprocess.run([os.path.join(JAVA_HOME, "bin", "jcmd"), str(process.pid), "JVMTI.agent_load", library,
                        '"start,event=cpu,interval=1ms,cstack=vm"'], check=True, capture_output=True)
        outputs[service] = out
    result = load(system, rate, seconds, None if rate else 32)
    for service, process in system["services"].items():
        subprocess.run([os.path.join(JAVA_HOME, "bin", "jcmd"), str(process.pid), "JVMTI.agent_load", library,
                        f'"stop,file={outputs[service]},collapsed"'], check=True, capture_output=True)
    return outputs, result


def async_profiler():
    version = "4.1"
    jar = os.path.join(os.path.expanduser("~"), ".m2", "repository", "tools", "profiler", "async-profiler", version,
                       f"async-profiler-{version}.jar")
    if not os.path.exists(jar):
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "dependency:get",
                        f"-Dartifact=tools.profiler:async-profiler:{version}"], check=True, cwd=ROOT)
    library = os.path.join(LOG_DIR, "libasyncProfiler.so")
    subprocess.run(["unzip", "-o", "-j", "-q", jar, "linux-x64/libasyncProfiler.so", "-d", LOG_DIR], check=True)
    return library


# ---------------------------------------------------------------------------------------------- report

def measure(system, rates, options):
    """Sweeps a running system over the offered rates (comma-separated): its table, saturation, memory and start-up."""
    table, saturation = sweep(system, [int(r) for r in rates.split(",")], options.runs, options.seconds,
                              options.saturation_connections, options.all_rates)
    return {"rates": table, "saturation": saturation,
            "pss": {s: pss_mib(p) for s, p in system["services"].items()},
            "startup_ms": system["startup_ms"]}


def tracing_overhead(options, flags, database):
    """The cost of observing: three systems side by side, tracing off (no OTEL_ variable set: spans are made for the
    trace ids in the logs, nothing is exported) and sampled at each of --tracing-ratios with the SDK's standard
    variables, exporting OTLP to a sink here. Each settles its JIT; then --runs runs at --tracing-rate, interleaved
    across the three, so that the machine's drift falls on all of them alike."""
    sink = trace_sink()
    variants = {"off": {}}
    for ratio in options.tracing_ratios.split(","):
        variants[f"{float(ratio):.0%}"] = {"OTEL_EXPORTER_OTLP_ENDPOINT": sink,
                                           "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
                                           "OTEL_TRACES_SAMPLER_ARG": ratio}
    systems, runs = {}, {}
    try:
        for label, env in variants.items():
            name = "tracing-" + label.replace(" ", "").replace("%", "pct")
            systems[label] = start_helidon(options, flags, database, name=name, env=env)
            settle_jit(systems[label], options.warmup_rate, options.warmup)
            runs[label] = []
        for run in range(options.runs):
            for label, system in systems.items():
                settle(system)
                result = load(system, options.tracing_rate, options.seconds)
                runs[label].append(result)
                log(f"  tracing {label} {options.tracing_rate}/s run {run + 1}: CPU {result['cpu_ms_services']:.3f} "
                    f"ms/req, p99 {result['p99']:.2f} ms, errors {result['errors']}, load {result['loadavg']}")
        return {"rate": options.tracing_rate, "env": variants,
                "results": {label: {**median_run(r), "pss": {s: pss_mib(p) for s, p in systems[label]["services"].items()}}
                            for label, r in runs.items()}}
    finally:
        for system in systems.values():
            stop_system(system)


def plot_python():
    """An interpreter with matplotlib: this one, or Debian's (python3-matplotlib) beside a pyenv one."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([candidate, "-c", "import matplotlib"], capture_output=True).returncode == 0:
            return candidate
    return None


def main():
    global LOG_DIR, GENERATOR, TOKEN, ports
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="100,250,500,1000,2000,3000", help="offered rates, requests/s")
    parser.add_argument("--flask-rates", default="100,250,500,1000", help="the Flask pair's offered rates")
    parser.add_argument("--runs", type=int, default=3, help="runs per point; the median is reported (default 3)")
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per run (default 10)")
    parser.add_argument("--warmup", type=float, default=180,
                        help="longest warm-up at --warmup-rate: it ends once the JIT has settled (default 180 s)")
    parser.add_argument("--warmup-rate", type=int, default=1000, help="the warm-up's offered rate (default 1000/s)")
    parser.add_argument("--saturation-connections", type=int, default=32)
    parser.add_argument("--tracing-rate", type=int, default=1000,
                        help="the offered rate of the tracing-overhead runs (default 1000/s; 0 skips them)")
    parser.add_argument("--tracing-ratios", default="0.1,1",
                        help="the sampled shares compared with tracing off (default 0.1,1), exported over OTLP to a "
                             "sink in this script that discards them")
    parser.add_argument("--jvm-options", help="JVM options instead of the defaults file (one string)")
    parser.add_argument("--db", help="'embedded' (Debian's PostgreSQL in a temporary directory) or a JDBC URL")
    parser.add_argument("--token", default=os.environ.get("BENCHMARK_TOKEN"),
                        help="bearer token sent to products (or BENCHMARK_TOKEN)")
    parser.add_argument("--token-command", help="a command whose output is the bearer token")
    parser.add_argument("--products-env", action="append", help="KEY=VALUE for products (repeatable)")
    parser.add_argument("--payments-env", action="append", help="KEY=VALUE for payments (repeatable)")
    parser.add_argument("--images", metavar="TAG",
                        help="also time the images localhost/payments:TAG and localhost/products:TAG to ready (podman)")
    parser.add_argument("--no-task-view", action="store_true", help=f"do not add {' '.join(TASK_VIEW)}")
    parser.add_argument("--all-rates", action="store_true", help="run every rate even after one was not sustained")
    parser.add_argument("--no-flask", action="store_true")
    parser.add_argument("--no-profile", action="store_true", help="skip the flame graphs")
    parser.add_argument("--port-base", type=int, help="use fixed ports from here up instead of free ones")
    parser.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    options = parser.parse_args()
    if options.port_base:
        ports = iter(range(options.port_base, options.port_base + 1000))
    for tool in ["haproxy"] + ([] if options.no_flask else ["gunicorn"]):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install -y haproxy gunicorn python3-flask python3-requests")
    for module in ("payments", "products"):
        if not os.path.exists(os.path.join(ROOT, module, "target", module + ".jar")):
            raise SystemExit("Build first: ./mvnw -B -q -DskipTests package")
    LOG_DIR = tempfile.mkdtemp(prefix="benchmarks-")
    TOKEN = options.token
    if not TOKEN and not options.token_command:
        # As scripts/run-local.sh does: a throw-away key whose JWKS products trusts, and a token with every scope.
        jwks = os.path.join(LOG_DIR, "jwks.json")
        TOKEN = subprocess.run([JAVA, "-cp", os.path.join(ROOT, "products", "target", "libs", "*"),
                                os.path.join(ROOT, "scripts", "DevToken.java"), jwks], check=True, capture_output=True,
                               text=True).stdout.strip().splitlines()[-1]
        options.products_env = [f"PRODUCTS_AUTH_ISSUER=local-dev-issuer", "PRODUCTS_AUTH_AUDIENCE=products",
                                f"PRODUCTS_AUTH_JWKS_URI=file:{jwks}", *(options.products_env or [])]
    if options.token_command:
        TOKEN = subprocess.run(options.token_command, shell=True, check=True, capture_output=True,
                               text=True).stdout.strip()
    flags = shlex.split(options.jvm_options) if options.jvm_options is not None else jvm_options()
    flags += [] if options.no_task_view else TASK_VIEW
    command = "python3 benchmarks/run.py" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    began = time.perf_counter()
    results = {"command": command, "flags": flags, "loadavg_start": open("/proc/loadavg").read().split()[:3],
               "when": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"}
    try:
        log(f"Logs in {LOG_DIR}; JVM flags {' '.join(flags)}")
        GENERATOR = compile_generator()
        database = start_database(options)
        results["startup_ms"] = time_to_ready(flags, True, database[1])
        log(f"time to ready: {results['startup_ms']}")
        if options.images:
            results["image_startup_ms"] = images_time_to_ready(options.images, database[1], options.products_env)
            log(f"images' time to ready: {results['image_startup_ms']}")
        system = start_helidon(options, flags, database)
        results["helidon_mix"] = system["mix"]
        log(f"warm-up at {options.warmup_rate}/s until the JIT has settled (at most {options.warmup:.0f} s)")
        warmup = settle_jit(system, options.warmup_rate, options.warmup)
        results["helidon"] = measure(system, options.rates, options)
        results["helidon"]["warmup"] = warmup
        if not options.no_profile:
            for label, rate in (("250", 250), ("saturation", 0)):
                outputs, _ = profile(system, rate, options.seconds, label)
                results.setdefault("profiles", {})[label] = outputs
        stop_system(system)
        if options.tracing_rate:
            log(f"tracing overhead: off and sampled at {options.tracing_ratios} at {options.tracing_rate}/s")
            results["tracing"] = tracing_overhead(options, flags, database)
        if not options.no_flask:
            system = start_flask()
            results["flask_mix"] = system["mix"]
            load(system, 100, min(options.warmup, 5))
            results["flask"] = measure(system, options.flask_rates, options)
            stop_system(system)
    finally:
        stop_all()
        for directory in temporary:
            shutil.rmtree(directory, ignore_errors=True)
    results["wall_seconds"] = time.perf_counter() - began
    results["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    data = os.path.join(os.path.dirname(os.path.abspath(options.output)), "results.json")
    if os.path.abspath(options.output) == os.path.join(ROOT, "BENCHMARKS.md"):
        data = os.path.join(BENCH, "results.json")
    with open(data, "w") as f:
        json.dump(results, f, indent=1, default=str)
    python = plot_python()
    if python:
        subprocess.run([python, os.path.join(BENCH, "report.py"), data, options.output, LOG_DIR], check=True)
    else:
        subprocess.run([sys.executable, os.path.join(BENCH, "report.py"), data, options.output, LOG_DIR,
                        "--no-plots"], check=True)
    log(f"Wrote {options.output} in {results['wall_seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
