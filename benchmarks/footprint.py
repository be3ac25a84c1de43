#!/usr/bin/env python3
"""Memory of payments and products after a load, for A/B runs of JVM options (benchmarks/README.md, "Memory").

    python3 benchmarks/footprint.py --db-url jdbc:postgresql://127.0.0.1:5432/postgres --label base
    python3 benchmarks/footprint.py ... --label trim --flag=-XX:TrimNativeHeapInterval=5000 --env MALLOC_ARENA_MAX=2

Starts payments and products from their jars (java @jvm.options, the task view of run.py, Native Memory
Tracking), products calling payments directly with a development token; offers 20 s at 1000/s then 20 s at
250/s (benchmarks/LoadGenerator.java, the benchmark's mix); then reads per service: PSS and RSS
(/proc/PID/smaps_rollup), NMT's committed memory per category (jcmd VM.native_memory summary), the heap in use
after a full collection (jcmd GC.run, GC.heap_info) and the threads. Prints one JSON line; every process it
starts is stopped by its PID.
"""
import argparse, json, os, re, shlex, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
JAVA, JCMD = os.path.join(JAVA_HOME, "bin", "java"), os.path.join(JAVA_HOME, "bin", "jcmd")
TASK_VIEW = ["-XX:MaxRAM=512m", "-XX:ActiveProcessorCount=1", "-XX:NativeMemoryTracking=summary"]
MIX = ("8 GET /api/1.0/payments?limit=5\n1 GET /api/1.0/payments/pay_sample_3\n"
       '1 POST /api/1.0/payments {"amount":"12.50","currency":"EUR","description":"benchmark"}\n')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ready(process, url, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if 200 <= response.status < 300:
                    return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"not ready: {url}")


def rollup(pid, field):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return sum(int(line.split()[1]) for line in f if line.startswith(field + ":")) / 1024


def jcmd(pid, *command):
    return subprocess.run([JCMD, str(pid), *command], capture_output=True, text=True, timeout=60).stdout


def nmt(pid):
    text = jcmd(pid, "VM.native_memory", "summary")
    categories = {m.group(1).strip(): int(m.group(2)) // 1024
                  for m in re.finditer(r"-\s+([A-Za-z ]+?) \(reserved=\d+KB, committed=(\d+)KB", text)}
    total = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", text)
    categories["Total"] = int(total.group(1)) // 1024 if total else None
    return categories


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db-url", required=True, help="payments' PostgreSQL (user postgres, trust)")
    parser.add_argument("--label", required=True)
    parser.add_argument("--options", default=os.path.join(ROOT, "service-support", "src", "main", "jvm", "jvm.options"))
    parser.add_argument("--flag", action="append", default=[], help="a JVM option after the file's (repeatable)")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for both services (repeatable)")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="footprint-")
    flags = ["@" + options.options, *TASK_VIEW, *options.flag]
    env = {**os.environ, **dict(pair.split("=", 1) for pair in options.env)}
    subprocess.run([os.path.join(JAVA_HOME, "bin", "javac"), "-d", work, os.path.join(ROOT, "benchmarks", "LoadGenerator.java")],
                   check=True)
    jwks = os.path.join(work, "jwks.json")
    token = subprocess.run([JAVA, "-cp", os.path.join(ROOT, "products", "target", "libs", "*"),
                            os.path.join(ROOT, "scripts", "DevToken.java"), jwks],
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    ports = {"payments": free_port(), "products": free_port()}
    settings = {
        "payments": {"PAYMENTS_DB_URL": options.db_url, "PAYMENTS_DB_USER": "postgres",
                     "PAYMENTS_STORE_SAMPLE_DATA": "true"},
        "products": {"PAYMENTS_BASE_URI": f"http://127.0.0.1:{ports['payments']}",
                     "PRODUCTS_AUTH_ISSUER": "local-dev-issuer", "PRODUCTS_AUTH_AUDIENCE": "products",
                     "PRODUCTS_AUTH_JWKS_URI": "file:" + jwks}}
    processes, result = {}, {"label": options.label, "flags": flags, "env": options.env}
    try:
        for service in ("payments", "products"):
            processes[service] = subprocess.Popen(
                [JAVA, *flags, "-jar", os.path.join(ROOT, service, "target", service + ".jar")],
                env={**env, "SERVER_PORT": str(ports[service]), "SERVER_HOST": "127.0.0.1", **settings[service]},
                stdout=open(os.path.join(work, service + ".log"), "w"), stderr=subprocess.STDOUT)
            ready(processes[service], f"http://127.0.0.1:{ports[service]}/observe/health/ready")
        plan = os.path.join(work, "plan.txt")
        with open(plan, "w") as f:
            f.write(f"H Authorization: Bearer {token}\nH Idempotency-Key: {{uuid}}\n{MIX}")
        for rate in (1000, 250):
            run = subprocess.run([JAVA, "-XX:+UseSerialGC", "-Xmx256m", "-cp", work, "LoadGenerator", "--base",
                                  f"http://127.0.0.1:{ports['products']}", "--plan", plan, "--rate", str(rate),
                                  "--seconds", "20"], capture_output=True, text=True, timeout=120)
            load = json.loads(run.stdout.strip().splitlines()[-1])
            result[f"load_{rate}"] = {k: load[k] for k in ("achieved", "errors", "requests", "p50", "p99")}
        time.sleep(2)
        for service, process in processes.items():
            figures = {"pss": round(rollup(process.pid, "Pss"), 1), "rss": round(rollup(process.pid, "Rss"), 1),
                       "threads": len(os.listdir(f"/proc/{process.pid}/task")), "nmt": nmt(process.pid)}
            jcmd(process.pid, "GC.run")
            heap = jcmd(process.pid, "GC.heap_info").split("Metaspace")[0]
            figures["heap_used_after_full_gc"] = sum(int(x) for x in re.findall(r"used (\d+)K", heap)) // 1024
            result[service] = figures
    finally:
        for process in processes.values():
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
