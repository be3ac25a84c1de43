#!/usr/bin/env python3
"""Writes BENCHMARKS.md and its pictures from the results run.py saved (benchmarks/results.json).

    python3 benchmarks/report.py benchmarks/results.json BENCHMARKS.md LOG_DIR [--no-plots]

LOG_DIR holds the profiles (async-profiler's collapsed stacks) that become flame graphs.
"""
import argparse
import json
import os
import platform
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
# Where the pictures go: benchmarks/ beside the Markdown file written (the repository's for BENCHMARKS.md).
PICTURES = BENCH
GOAL_CPU_MS, GOAL_P99_MS, GOAL_PSS_MIB, GOAL_READY_MS, GOAL_KNEE_X = 0.3, 5.0, 150, 300, 10
GOAL_TRACING_OVERHEAD = 0.05  # CPU per request sampled at 10 %, against tracing off


def knee(rates):
    good = [int(r) for r, x in rates.items() if x["p99"] <= 10 and x["achieved"] >= 0.95 * int(r)]
    return max(good) if good else 0


def by_rate(rates):
    """A system's (rate, figures) pairs, lowest offered rate first."""
    return sorted(rates.items(), key=lambda kv: int(kv[0]))


def plots(results):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = [s for s in ("helidon", "flask") if s in results]
    colours = {"helidon": "#1f77b4", "flask": "#d62728"}
    fig, ax = plt.subplots(figsize=(8, 5))
    for system in systems:
        rates = by_rate(results[system]["rates"])
        x = [int(r) for r, _ in rates]
        for key, style in (("p50", ":"), ("p99", "-"), ("p999", "--")):
            ax.plot(x, [v[key] for _, v in rates], style, marker="o", color=colours[system],
                    label=f"{system} {key.replace('p999', 'p99.9')}")
    ax.axhline(10, color="grey", linewidth=0.8)
    ax.text(0.01, 11, "knee: p99 = 10 ms", fontsize=8, color="grey", transform=ax.get_yaxis_transform())
    save(fig, ax, "latency.png", "Latency at constant offered rates (median of runs)",
         "offered rate (requests/s, products end to end)", "latency from the due time (ms)", legend_size=8)

    fig, ax = plt.subplots(figsize=(8, 5))
    for system in systems:
        rates = by_rate(results[system]["rates"])
        sat = results[system]["saturation"]
        x = [int(r) for r, _ in rates]
        ax.plot(x, [v["cpu_ms_services"] for _, v in rates], "-", marker="o",
                color=colours[system], label=f"{system}: products + payments")
        ax.plot([sat["achieved"]], [sat["cpu_ms_services"]], "*", markersize=12, color=colours[system],
                label=f"{system}: saturation, at its achieved rate")
        for service, style in (("products", ":"), ("payments", "--"), ("database", "-.")):
            if service in sat["cpu_ms"]:
                ax.plot(x, [v["cpu_ms"][service] for _, v in rates], style, color=colours[system],
                        label=f"{system}: {service}")
    ax.axhline(GOAL_CPU_MS, color="grey", linewidth=0.8)
    ax.text(0.01, GOAL_CPU_MS * 1.08, "goal 0.3 ms", fontsize=8, color="grey", transform=ax.get_yaxis_transform())
    save(fig, ax, "cpu-per-request.png", "CPU per request against offered rate",
         "offered rate (requests/s)", "CPU ms per request (user + system)", legend_size=7)


def save(fig, ax, name, title, xlabel, ylabel, legend_size):
    """Finishes a log-log figure (labels, legend, grid) and writes it to the pictures' directory."""
    import matplotlib.pyplot as plt

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=legend_size)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(PICTURES, name), dpi=90)
    plt.close(fig)


def flames(results, log_dir):
    pictures = []
    for label, outputs in results.get("profiles", {}).items():
        for service, path in outputs.items():
            if os.path.exists(path):
                name = f"flame-{service}-{label}.png"
                title = f"{service} at {'saturation' if label == 'saturation' else label + ' requests/s'}"
                subprocess.run([sys.executable, os.path.join(BENCH, "flamegraph.py"), path,
                                os.path.join(PICTURES, name), title], check=True)
                pictures.append((title, name))
    return pictures


# Why a goal is missed, as the profiles and the figures of these runs show it (benchmarks/README.md has the detail).
MISSED = {
    "cpu": "each request's fixed cost: the kernel's network stack over four hops (generator, products, HAProxy, "
           "payments, PostgreSQL) and waking virtual threads dominate the flame graphs; it halves towards saturation",
    "p99": "the generator, HAProxy, PostgreSQL and three JVMs share 2 cores; the tail is waiting for a core "
           "(the p50 is 1-2 ms)",
    "knee": "both pairs share 2 cores with the generator, HAProxy and PostgreSQL: past 250/s Helidon's p99 is "
            "waiting for a core (its p50 stays near 1 ms to 1000/s), and the Flask pair's knee is what its two sync "
            "workers per service allow",
    "pss": "beside its 96 MiB heap the JVM keeps 77-90 MiB: classes (metaspace, CDS; about 6,700 in products), JIT "
           "code and malloc'd memory (NMT; benchmarks/README.md, \"Memory\")",
    "tracing": "making, sampling and batching spans in both services and exporting them over OTLP (the flame "
               "graphs of a traced run show where)",
    "ready": "even from its AOT cache, a JVM that loads and links about 6,000 classes and starts Helidon's service "
             "registry spends about a second of CPU before its first answer (benchmarks/README.md, \"Start-up\"); "
             "300 ms needs a restored checkpoint (CRaC) or a native image, which this build does not have",
}


def row(rate, r, services):
    cpu = " | ".join(f"{r['cpu_ms'].get(s, 0):.3f}" for s in services)
    return (f"| {rate} | {r['achieved']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['p999']:.2f} | "
            f"**{r['cpu_ms_services']:.3f}** | {cpu} | {jit(r)} | {r['errors']} / {r['requests']:,} | {r['loadavg']} |")


def jit(r):
    """The compiler threads' share of the JVMs' CPU during the run (none for the Flask pair)."""
    return "-" if r.get("jit_share") is None else f"{r['jit_share']:.0%}"


def table(name, data):
    services = [s for s in ("products", "payments", "haproxy", "database") if s in data["saturation"]["cpu_ms"]]
    lines = [f"| offered (req/s) | achieved | p50 ms | p99 ms | p99.9 ms | CPU ms/req products + payments | "
             + " | ".join(f"{s}" for s in services) + " | JIT | errors / requests | load (1 min) |",
             "|---:|---:|---:|---:|---:|---:|" + "---:|" * len(services) + "---:|---:|---:|"]
    for rate, r in by_rate(data["rates"]):
        lines.append(row(rate, r, services))
    sat = data["saturation"]
    lines.append(row("saturation", sat, services).replace("| saturation |", "| saturation (32 connections, closed loop) |"))
    return lines


def warmup_line(w):
    """The warm-up's cost, on its own line: time until the JIT settled, and CPU spent compiling."""
    jvms = ", ".join(f"{n.removeprefix('helidon-')} {w['compiler_cpu_s'][n]:.1f} s of {w['process_cpu_s'][n]:.1f} s"
                     for n in w["compiler_cpu_s"])
    state = ("then the JIT had settled" if w["settled"] else "**the JIT had not settled** by then (the runs include "
             "compiling: the JIT column)")
    return (f"Warm-up (not measured): {w['seconds']:.0f} s at {w['rate']}/s, {state}. CPU in the compiler threads "
            f"since each JVM started, of its whole CPU: {jvms}.")


def tracing_table(t):
    """The cost of observing: CPU per request and latency with tracing off and sampled, and the overhead against off."""
    off = t["results"]["off"]["cpu_ms_services"]
    lines = [f"## The cost of observing: tracing at {t['rate']}/s", "",
             "Three systems side by side, started alike; each settles its JIT, then the runs are interleaved across "
             "them (median of the runs). Off: no `OTEL_` variable set, the default of the jar, the image and a task "
             "without a collector (spans are made, so that logs and problems carry trace ids; nothing is exported). "
             "Sampled: `OTEL_TRACES_SAMPLER=parentbased_traceidratio` with `OTEL_TRACES_SAMPLER_ARG`, exported over "
             "OTLP/HTTP to a sink in run.py that drops the spans (the collector's cost is the sidecar's, not the "
             "services').", "",
             "| tracing | CPU ms/req products + payments | products | payments | overhead | p50 ms | p99 ms | "
             "errors / requests | PSS products / payments MiB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, r in t["results"].items():
        overhead = "-" if label == "off" else f"{r['cpu_ms_services'] / off - 1:+.1%}"
        lines.append(f"| {label} | **{r['cpu_ms_services']:.3f}** | {r['cpu_ms']['products']:.3f} | "
                     f"{r['cpu_ms']['payments']:.3f} | {overhead} | {r['p50']:.2f} | {r['p99']:.2f} | "
                     f"{r['errors']} / {r['requests']:,} | {r['pss']['products']:.0f} / {r['pss']['payments']:.0f} |")
    return lines + [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="the results run.py saved (benchmarks/results.json)")
    parser.add_argument("output", help="the Markdown file to write (BENCHMARKS.md)")
    parser.add_argument("log_dir", help="run.py's log directory, which holds the profiles")
    parser.add_argument("--no-plots", action="store_true", help="tables only (no matplotlib needed)")
    options = parser.parse_args()
    global PICTURES
    PICTURES = os.path.join(os.path.dirname(os.path.abspath(options.output)), "benchmarks")
    os.makedirs(PICTURES, exist_ok=True)
    results = json.load(open(options.results))
    h, f = results.get("helidon"), results.get("flask")
    pictures = []
    if not options.no_plots:
        plots(results)
        pictures = flames(results, options.log_dir)
    java = subprocess.run([os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin",
                                        "java"), "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    lines = [
        "# Benchmarks: CPU per request and latency at constant offered rates, beside the original Flask services",
        "",
        "Produced by one run of (about " + f"{results['wall_seconds'] / 60:.0f} minutes):",
        "",
        "```",
        "./mvnw -B -q -DskipTests package",
        results["command"],
        "```",
        "",
        f"- When: {results['when']}; {os.cpu_count()} cores ({cpu}), Linux {platform.release()}; {java}.",
        f"- Load average (1, 5, 15 min) at the start: {' '.join(results['loadavg_start'])}; at the end: "
        f"{' '.join(results['loadavg_end'])}. The generator, HAProxy and all services share these cores; each row "
        "also gives the 1-minute load average after its median run.",
        f"- JVM flags: `{' '.join(results['flags'])}` (`service-support/src/main/jvm/jvm.options`, the services' "
        "defaults; the last two only make this host look like the ECS task to the JVM: 512 MiB, 1 processor). "
        "Environment: `MALLOC_ARENA_MAX=2`, as in the images and the task definitions.",
        "- Topology: products -> HAProxy (`local-alb/haproxy.cfg`, the internal ALB's stand-in) -> two payments; the "
        "Flask replica (`benchmarks/flask`, gunicorn with 2 sync workers per service) runs the same topology.",
        f"- Requests: Helidon {results.get('helidon_mix', '?')}; Flask {results.get('flask_mix', '?')}.",
        "- Load: `benchmarks/LoadGenerator.java`, open loop: requests are due at a constant rate and latency counts "
        "from the due time, so a stall shows in every request it delays (no coordinated omission). Runs per rate: "
        f"{len(next(iter(h['rates'].values()))['runs']) if h else '?'}, interleaved, after a warm-up that lasts until "
        "the JIT has settled (compiler threads under 2 % of each JVM's CPU over 10 s, from `/proc/PID/task/*/stat`), each "
        "once a short probe at 20/s gets no error (the previous run may have opened the circuit breaker); the "
        "table gives the medians. Saturation is a closed loop of 32 connections (its latency measures the queue).",
        "- CPU ms per request: user+system ticks of the processes (`/proc/PID/stat` fields 14 and 15) from the "
        "first request to the last answer, divided by the answered requests; payments = both instances.",
        "",
    ]
    for name, data in (("Helidon", h), ("Flask", f)):
        if data:
            lines += [f"## {name}", ""] + table(name, data) + [
                "", f"Knee (highest offered rate with median p99 <= 10 ms, sustained): **{knee(data['rates'])}/s**. "
                f"PSS after the load: products {data['pss']['products']:.0f} MiB, payments "
                f"{data['pss']['payments']:.0f} MiB. Process start to first healthy answer: "
                + ", ".join(f"{s} {v:.0f} ms" for s, v in data["startup_ms"].items()) + ".", ""]
            if data.get("warmup"):
                lines += [warmup_line(data["warmup"]), ""]
    if results.get("tracing"):
        lines += tracing_table(results["tracing"])
    s = results.get("startup_ms", {})
    images = results.get("image_startup_ms")
    if s:
        lines += [f"Time to ready of payments' jar alone (nothing else starting): {s.get('plain', 0):.0f} ms; with a "
                  f"JDK 25 AOT cache (`-XX:AOTCache`, one training run): {s.get('aot', 0):.0f} ms.", ""]
    images = results.get("image_startup_ms")
    if images:
        lines += ["Time to ready of the images (`podman run` to the first healthy answer, median of "
                  f"{len(images['payments']['runs'])}; the host's network, 512 MiB, no CPU limit; their AOT cache, "
                  "payments validating the schema as a task does): "
                  + ", ".join(f"{service} **{v['median']:.0f} ms** (" + ", ".join(f"{t:.0f}" for t in v["runs"]) + ")"
                              for service, v in images.items()) + ".", ""]
    if not options.no_plots:
        lines += ["## Pictures", "", "![latency](benchmarks/latency.png)", "",
                  "![CPU per request](benchmarks/cpu-per-request.png)", ""]
        if pictures:
            lines += ["### Where the CPU goes (async-profiler, CPU samples every 1 ms, all threads)", ""]
            lines += [f"{title}:\n\n![{title}](benchmarks/{name})\n" for title, name in pictures]
    if h:
        goals = []
        for rate in ("250", "1000"):
            r = h["rates"].get(rate)
            if r:
                goals.append((f"CPU <= {GOAL_CPU_MS} ms/request (products + payments) at {rate}/s",
                              f"{r['cpu_ms_services']:.3f} ms", r["cpu_ms_services"] <= GOAL_CPU_MS, "cpu"))
                goals.append((f"p99 <= {GOAL_P99_MS:.0f} ms at {rate}/s", f"{r['p99']:.2f} ms",
                              r["p99"] <= GOAL_P99_MS, "p99"))
        if f:
            kh, kf = knee(h["rates"]), knee(f["rates"])
            goals.append((f"knee >= {GOAL_KNEE_X}x the Flask pair's", f"{kh}/s vs {kf}/s"
                          + (f" ({kh / kf:.1f}x)" if kf else ""), kf > 0 and kh >= GOAL_KNEE_X * kf, "knee"))
        goals.append((f"PSS <= {GOAL_PSS_MIB} MiB per service after load",
                      ", ".join(f"{k} {v:.0f} MiB" for k, v in h["pss"].items()),
                      all(v <= GOAL_PSS_MIB for v in h["pss"].values()), "pss"))
        if images:
            goals.append((f"time to ready <= {GOAL_READY_MS} ms (the images)",
                          ", ".join(f"{service} {v['median']:.0f} ms" for service, v in images.items()),
                          all(v["median"] <= GOAL_READY_MS for v in images.values()), "ready"))
        elif s:
            goals.append((f"time to ready <= {GOAL_READY_MS} ms (payments' jar; --images times the images)",
                          f"{s.get('plain', 0):.0f} ms, {s.get('aot', 0):.0f} ms with the AOT cache",
                          min(s.values()) <= GOAL_READY_MS, "ready"))
        t = results.get("tracing")
        if t and "10%" in t["results"]:
            overhead = t["results"]["10%"]["cpu_ms_services"] / t["results"]["off"]["cpu_ms_services"] - 1
            goals.append((f"tracing sampled at 10 % costs <= {GOAL_TRACING_OVERHEAD:.0%} more CPU per request at "
                          f"{t['rate']}/s", f"{overhead:+.1%}", overhead <= GOAL_TRACING_OVERHEAD, "tracing"))
        load = float(results["loadavg_start"][0])
        busy = (f" (the load average was {load:.1f} on {os.cpu_count()} cores at the start)"
                if load > os.cpu_count() else "")
        lines += ["## Goals", "", "| Goal | Measured | Met |", "|---|---|---|"]
        lines += [f"| {g} | {m} | {'yes' if ok else '**no**: ' + MISSED[why] + busy} |" for g, m, ok, why in goals]
        lines += [""]
    with open(options.output, "w") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    main()
