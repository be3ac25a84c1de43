#!/usr/bin/env python3
"""Benchmarks the system against a replica of the original Flask services, on loopback, and writes
BENCHMARKS.md. Both implementations run the same topology: two payments instances behind the local
ALB stand-in (HAProxy, local-alb/haproxy.cfg) and products calling payments through it.

    ./mvnw -B -q -DskipTests package && python3 benchmarks/run.py

Needs: JDK 21+ (JAVA_HOME; JDK 25 for the AOT cache), haproxy, wrk, python3-flask, python3-requests,
gunicorn (Debian packages). Every load is bounded by wrk's duration; every wait is bounded; every
process this script starts is stopped by its PID when it ends, also on Ctrl-C.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLASK_DIR = os.path.join(ROOT, "benchmarks", "flask")
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
# What the container's flags (Dockerfile: -XX:MaxRAMPercentage=75 of the task's 1024 MiB) amount to.
JVM_FLAGS = ["-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData"]
CONNECTIONS = 32
THREADS = 2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

started = []  # every process this script started, stopped by PID at the end


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name, command, env=None, cwd=ROOT):
    log = open(os.path.join(LOG_DIR, name + ".log"), "w")
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log,
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


def ok(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return 200 <= response.status < 300
    except OSError:
        return False


def seconds_to_first_ok(process, url, timeout=60):
    """Time from the process' start to its first 2xx answer, polled every 5 ms (bounded)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.name} exited with {process.returncode}; see {LOG_DIR}/{process.name}.log")
        if ok(url):
            return time.perf_counter() - process.started_at
        time.sleep(0.005)
    raise SystemExit(f"{process.name} gave no 2xx at {url} within {timeout} s")


def tree(pid):
    """The process and its descendants (gunicorn's workers)."""
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    pids.extend(tree(int(child)))
    except OSError:
        pass
    return pids


def cpu_seconds(processes):
    total = 0
    for process in processes:
        for pid in tree(process.pid):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            except OSError:
                pass
    return total / CLOCK_TICKS


def pss_mib(process):
    """Proportional set size of the process and its workers: shared pages counted once, fairly."""
    total_kib = 0
    for pid in tree(process.pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total_kib += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except OSError:
            pass
    return total_kib / 1024


def haproxy_frontend(socket_path):
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(socket_path)
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    lines = data.decode().splitlines()
    header = lines[0][2:].split(",")
    for line in lines[1:]:
        row = dict(zip(header, line.split(",")))
        if row.get("pxname") == "payments-alb" and row.get("svname") == "FRONTEND":
            return int(row["conn_tot"]), int(row["req_tot"])
    raise SystemExit("no payments-alb frontend in HAProxy's stats")


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, seconds):
    output = subprocess.run(["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s",
                             "--latency", url], capture_output=True, text=True, timeout=seconds + 30).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(g) for g in m.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)),
        "requests": requests,
        "errors": errors,
    }


def measure(url, seconds, services, alb_socket=None):
    wrk(url, WARMUP)  # JIT, pools and caches warm; not counted
    cpu_before = cpu_seconds(services)
    connections_before = haproxy_frontend(alb_socket)[0] if alb_socket else None
    result = wrk(url, seconds)
    result["cpu_ms_per_request"] = (cpu_seconds(services) - cpu_before) * 1000 / max(1, result["requests"])
    if alb_socket:
        new_connections = haproxy_frontend(alb_socket)[0] - connections_before
        result["new_connections_per_1000"] = new_connections * 1000 / max(1, result["requests"])
    return result


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
    return port, stats_socket


def helidon_command(module, aot=None):
    jar = os.path.join(ROOT, module, "target", module + ".jar")
    return [JAVA, *JVM_FLAGS, *([aot] if aot else []), "-jar", jar]


def train_aot_caches():
    """JDK 25 (JEP 514/515): a training run records loaded classes and profiles into an AOT cache at exit."""
    caches = {}
    for module, path in (("payments", "/metaapi/1.0/payments?limit=5"), ("products", "/api/1.0/products")):
        cache = os.path.join(LOG_DIR, module + ".aot")
        port = free_port()
        process = start(f"aot-training-{module}", helidon_command(module, f"-XX:AOTCacheOutput={cache}"),
                        env={"SERVER_PORT": str(port), "SERVER_HOST": "127.0.0.1"})
        seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready")
        for _ in range(200):
            ok(f"http://127.0.0.1:{port}{path}")
        stop(process, timeout=120)
        caches[module] = cache if os.path.exists(cache) else None
    return caches


def run_helidon(aot_caches):
    startup = {}
    payments_ports = [free_port(), free_port()]
    payments = []
    for i, port in enumerate(payments_ports):
        process = start(f"helidon-payments-{i + 1}", helidon_command("payments"),
                        env={"SERVER_PORT": str(port), "SERVER_HOST": "127.0.0.1"})
        seconds = seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready")
        startup.setdefault("payments", seconds)
        payments.append(process)
    alb_port, alb_socket = start_alb("helidon-haproxy", [f"127.0.0.1:{p}" for p in payments_ports])
    products_port = free_port()
    products = start("helidon-products", helidon_command("products"), env={
        "SERVER_PORT": str(products_port), "SERVER_HOST": "127.0.0.1", "PAYMENTS_BASE_URI": f"http://127.0.0.1:{alb_port}"})
    startup["products"] = seconds_to_first_ok(products, f"http://127.0.0.1:{products_port}/observe/health/ready")

    results = {
        "payments direct": measure(f"http://127.0.0.1:{payments_ports[0]}/metaapi/1.0/payments?limit=5", DURATION, payments[:1]),
        "payments via stand-in": measure(f"http://127.0.0.1:{alb_port}/metaapi/1.0/payments?limit=5", DURATION, payments),
        "products end to end": measure(f"http://127.0.0.1:{products_port}/api/1.0/payments?limit=5", DURATION,
                                       [products, *payments], alb_socket),
    }
    memory = {"payments": pss_mib(payments[0]), "products": pss_mib(products)}
    for process in (products, *payments):
        stop(process)

    for module, cache in aot_caches.items():
        if cache:
            port = free_port()
            process = start(f"helidon-{module}-aot", helidon_command(module, f"-XX:AOTCache={cache}"),
                            env={"SERVER_PORT": str(port), "SERVER_HOST": "127.0.0.1",
                                 "PAYMENTS_BASE_URI": f"http://127.0.0.1:{alb_port}"})
            startup[module + " (AOT cache)"] = seconds_to_first_ok(process, f"http://127.0.0.1:{port}/observe/health/ready")
            stop(process)
    return results, memory, startup


def gunicorn(name, app, port, env=None):
    return start(name, ["gunicorn", "--workers", str(GUNICORN_WORKERS), "--bind", f"127.0.0.1:{port}",
                        "--access-logfile", "-", app], env=env, cwd=FLASK_DIR)


def run_flask():
    startup = {}
    payments_ports = [free_port(), free_port()]
    payments = []
    for i, port in enumerate(payments_ports):
        process = gunicorn(f"flask-payments-{i + 1}", "payments_app:app", port)
        seconds = seconds_to_first_ok(process, f"http://127.0.0.1:{port}/metaapi/1.0/payments")
        startup.setdefault("payments", seconds)
        payments.append(process)
    alb_port, alb_socket = start_alb("flask-haproxy", [f"127.0.0.1:{p}" for p in payments_ports])
    products_port = free_port()
    products = gunicorn("flask-products", "products_app:app", products_port,
                        env={"PAYMENTS_URL": f"http://127.0.0.1:{alb_port}/metaapi/1.0/payments"})
    startup["products"] = seconds_to_first_ok(products, f"http://127.0.0.1:{products_port}/api/1.0/payments")

    results = {
        "payments direct": measure(f"http://127.0.0.1:{payments_ports[0]}/metaapi/1.0/payments", DURATION, payments[:1]),
        "payments via stand-in": measure(f"http://127.0.0.1:{alb_port}/metaapi/1.0/payments", DURATION, payments),
        "products end to end": measure(f"http://127.0.0.1:{products_port}/api/1.0/payments", DURATION,
                                       [products, *payments], alb_socket),
    }
    memory = {"payments": pss_mib(payments[0]), "products": pss_mib(products)}
    for process in (products, *payments):
        stop(process)
    return results, memory, startup


def ratio(ours, theirs):
    return f"{ours / theirs:.1f}x" if theirs else "-"


def lower_is_better(ours, theirs):
    """Compares two latencies, CPU costs or sizes, saying which way."""
    if not ours or not theirs:
        return "-"
    return f"{theirs / ours:.1f}x lower" if ours <= theirs else f"{ours / theirs:.1f}x higher"


def report(command, helidon, flask, load_before):
    (h_results, h_memory, h_startup), (f_results, f_memory, f_startup) = helidon, flask
    java_version = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    lines = [
        "# Benchmarks: Helidon SE services against a replica of the original Flask services",
        "",
        "Produced by one run of:",
        "",
        "```",
        command,
        "```",
        "",
        f"- When: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores ({cpu}), "
        f"Linux {platform.release()}; {java_version}; JVM flags `{' '.join(JVM_FLAGS)}` (the container's, see the Dockerfiles).",
        f"- Load average (1, 5, 15 min) when the run started: {load_before}; wrk, HAProxy and the services "
        "all share the same cores.",
        f"- Load: `wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s --latency` after a {WARMUP} s warm-up, on loopback. "
        f"Both implementations run the same topology: two payments instances behind HAProxy (`local-alb/haproxy.cfg`), "
        f"products calling payments through it. Flask: gunicorn {GUNICORN_WORKERS} sync workers per service; products calls "
        "`requests.get(url)` without a session and returns the body, as the article does.",
        "- Helidon asks for `?limit=5` (5 payments); the Flask payments returns a list of 5 payments.",
        "- CPU ms per request: user+system CPU of the service processes (not wrk, not HAProxy) during the measured run, "
        "divided by the requests; end to end counts products and both payments instances.",
        "- Memory: proportional set size (PSS) after the load, so gunicorn's forked workers share pages fairly; "
        "gunicorn = master + workers.",
        "",
        "| Measurement | Helidon | Flask | Helidon vs Flask |",
        "|---|---:|---:|---:|",
    ]
    for target in h_results:
        h, f = h_results[target], f_results[target]
        lines += [
            f"| {target}: requests/s | {h['rps']:,.0f} | {f['rps']:,.0f} | {ratio(h['rps'], f['rps'])} |",
            f"| {target}: p50 latency (ms) | {h['p50']:.2f} | {f['p50']:.2f} | {lower_is_better(h['p50'], f['p50'])} |",
            f"| {target}: p99 latency (ms) | {h['p99']:.2f} | {f['p99']:.2f} | {lower_is_better(h['p99'], f['p99'])} |",
            f"| {target}: errors / requests | {h['errors']} / {h['requests']:,} | {f['errors']} / {f['requests']:,} | |",
            f"| {target}: CPU ms per request | {h['cpu_ms_per_request']:.3f} | {f['cpu_ms_per_request']:.3f} | "
            f"{lower_is_better(h['cpu_ms_per_request'], f['cpu_ms_per_request'])} |",
        ]
        if "new_connections_per_1000" in h:
            lines.append(f"| {target}: new stand-in connections per 1000 requests | {h['new_connections_per_1000']:.2f} | "
                         f"{f['new_connections_per_1000']:.0f} | |")
    for service in ("payments", "products"):
        lines.append(f"| {service}: memory after load (PSS, MiB) | {h_memory[service]:.0f} | {f_memory[service]:.0f} | "
                     f"{lower_is_better(h_memory[service], f_memory[service])} |")
    for service in h_startup:
        base = service.split(" ")[0]
        lines.append(f"| {service}: process start to first healthy answer (ms) | {h_startup[service] * 1000:.0f} | "
                     f"{f_startup[base] * 1000:.0f} | {lower_is_better(h_startup[service], f_startup[base])} |")

    e2e, fe2e = h_results["products end to end"], f_results["products end to end"]
    best_start = {s: min(v for k, v in h_startup.items() if k.startswith(s)) for s in ("payments", "products")}
    goals = [
        ("products end to end >= 10x the Flask pair's requests/s", e2e["rps"] >= 10 * fe2e["rps"],
         f"{ratio(e2e['rps'], fe2e['rps'])}"),
        (f"p99 <= 10 ms at {CONNECTIONS} connections (products end to end)", e2e["p99"] <= 10, f"{e2e['p99']:.2f} ms"),
        ("<= 1 new stand-in connection per 1000 products requests", e2e["new_connections_per_1000"] <= 1,
         f"{e2e['new_connections_per_1000']:.2f}"),
        ("time to healthy <= 300 ms (best of plain and AOT cache)", max(best_start.values()) <= 0.3,
         ", ".join(f"{s} {v * 1000:.0f} ms" for s, v in best_start.items())),
        ("memory per service <= the Flask service's under gunicorn",
         all(h_memory[s] <= f_memory[s] for s in h_memory),
         ", ".join(f"{s} {h_memory[s]:.0f} vs {f_memory[s]:.0f} MiB" for s in h_memory)),
    ]
    lines += ["", "## Goals", "", "| Goal | Measured | Met |", "|---|---|---|"]
    lines += [f"| {goal} | {measured} | {'yes' if met else '**no**'} |" for goal, met, measured in goals]
    lines += ["", "Why a goal is missed, and what would close it: `benchmarks/README.md`.", ""]
    return "\n".join(lines)


def main():
    global LOG_DIR, DURATION, WARMUP, GUNICORN_WORKERS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds of measured load per target (default 10)")
    parser.add_argument("--warmup", type=int, default=15, help="seconds of unmeasured load before each: JIT warm-up (default 15)")
    parser.add_argument("--gunicorn-workers", type=int, default=2, help="sync workers per Flask service (default 2)")
    parser.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = parser.parse_args()
    DURATION, WARMUP, GUNICORN_WORKERS = args.duration, args.warmup, args.gunicorn_workers
    for tool in ("haproxy", "wrk", "gunicorn"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install -y haproxy wrk gunicorn python3-flask python3-requests")
    for module in ("payments", "products"):
        if not os.path.exists(os.path.join(ROOT, module, "target", module + ".jar")):
            raise SystemExit("Build first: ./mvnw -B -q -DskipTests package")
    LOG_DIR = tempfile.mkdtemp(prefix="benchmarks-")
    command = "python3 benchmarks/run.py" + "".join(f" {a}" for a in sys.argv[1:])
    load_before = " ".join(open("/proc/loadavg").read().split()[:3])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        print(f"Logs in {LOG_DIR}. Training the AOT caches ...", flush=True)
        caches = train_aot_caches()
        print("Helidon ...", flush=True)
        helidon = run_helidon(caches)
        print("Flask ...", flush=True)
        flask = run_flask()
    finally:
        stop_all()
    text = report(command, helidon, flask, load_before)
    with open(args.output, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
