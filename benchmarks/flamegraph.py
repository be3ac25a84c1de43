#!/usr/bin/env python3
"""Renders async-profiler's collapsed stacks ("frame;frame;frame count" per line) as a PNG flame graph with
matplotlib, so that the picture can sit in BENCHMARKS.md (async-profiler's own flame graphs are HTML).

    python3 benchmarks/flamegraph.py profile.collapsed flame.png "title"

Frames narrower than 0.4 % of the samples are dropped; names are shortened to Class.method.
"""
import sys
import zlib

MIN_SHARE = 0.004


def short(frame):
    frame = frame.removesuffix("_[j]").removesuffix("_[i]").removesuffix("_[k]").removesuffix("_[0]")
    if "(" in frame:
        frame = frame.split("(")[0]
    parts = frame.replace("/", ".").split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else frame


def tree_of(path):
    root = {"n": 0, "c": {}}
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            count = int(count)
            root["n"] += count
            node = root
            for frame in stack.split(";"):
                node = node["c"].setdefault(frame, {"n": 0, "c": {}})
                node["n"] += count
    return root


def color(name):
    if name.endswith("_[k]"):
        return "#e8a33a"  # kernel
    if "_[j]" in name or "_[i]" in name or "." in name and not name.startswith(("Java_", "JVM_")):
        return ["#5bb36a", "#6cc07a", "#4ea35d", "#7ccc88"][zlib.crc32(name.encode()) % 4]  # Java
    return ["#d95f4e", "#e07060", "#cc5040"][zlib.crc32(name.encode()) % 3]  # native, JVM


def render(path, out, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    root = tree_of(path)
    total = max(1, root["n"])
    rows = []  # (depth, x, width, name)

    def walk(node, depth, x):
        for name, child in sorted(node["c"].items(), key=lambda kv: -kv[1]["n"]):
            width = child["n"] / total
            if width >= MIN_SHARE:
                rows.append((depth, x, width, name))
                walk(child, depth + 1, x)
            x += width

    walk(root, 0, 0.0)
    depth = max((r[0] for r in rows), default=0) + 1
    fig, ax = plt.subplots(figsize=(16, max(4, 0.22 * depth + 1)))
    for d, x, w, name in rows:
        ax.add_patch(plt.Rectangle((x, d), w, 0.95, facecolor=color(name), edgecolor="white", linewidth=0.3))
        label = short(name)
        if w * 16 * 72 / 6.0 > 4:  # roughly: room for a few characters at 6 pt
            chars = int(w * 16 * 72 / 4.2)
            text = label if len(label) <= chars else label[: max(1, chars - 1)] + "…"
            ax.text(x + 0.002, d + 0.45, f"{text}", fontsize=6, va="center", ha="left", clip_on=True)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, depth)
    ax.set_yticks([])
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xticklabels(["0", "25 %", "50 %", "75 %", "100 %"])
    ax.set_title(f"{title} ({total} samples; green Java, red JVM/native, orange kernel)", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)


def top_frames(path, n=15):
    """Self time by frame (leaf), as shares of all samples: the table beside the picture."""
    self_counts, total = {}, 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if stack:
                total += int(count)
                leaf = stack.split(";")[-1]
                self_counts[leaf] = self_counts.get(leaf, 0) + int(count)
    return total, sorted(self_counts.items(), key=lambda kv: -kv[1])[:n]


if __name__ == "__main__":
    render(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else sys.argv[1])
