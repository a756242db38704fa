#!/usr/bin/env python3
"""Draws JMH results as an SVG bar chart, with nothing but the Python 3 standard library.

Reads the JSON that JMH writes with ``-rf json -rff FILE`` (one or more files) and writes one SVG: a
panel per mode and unit (ns/op, ops/s, ...), a group of horizontal bars per benchmark and parameter
set, and inside a group one bar per variant: ``plain`` for ``Foo.method`` and ``recorded`` for its
twin ``Foo.Recorded.method`` (any nested class name becomes a variant of that name). Each bar has its
error bar (JMH's 99.9% confidence interval, when it has one) and its score written next to it; a
variant's score is also given relative to ``plain``.

    python3 scripts/jmh-chart.py target/jmh.json -o target/jmh.svg
    python3 scripts/jmh-chart.py target/jmh.json --include IoAndLocks --metric gc.alloc.rate.norm -o alloc.svg

Exit codes: 0 written, 1 nothing to draw (no result matched), 2 bad arguments or unreadable input.
"""

import argparse
import json
import math
import re
import sys
from xml.sax.saxutils import escape

PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#76b7b2", "#b07aa1", "#edc948"]
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"
CHAR_W = 6.6       # average width of a 11 px glyph, for laying out labels without measuring text
BAR_H = 14
BAR_GAP = 2
GROUP_GAP = 10
PLOT_W = 520
PANEL_GAP = 36
MARGIN = 16
MODES = {"avgt": "average time", "thrpt": "throughput", "ss": "single shot", "sample": "sampled time"}


class Bar:
    """One benchmark result: where it goes (group, variant) and what it measured."""

    def __init__(self, group, variant, score, error, unit):
        self.group = group
        self.variant = variant
        self.score = score
        self.error = error
        self.unit = unit


def fail(message):
    print("jmh-chart: " + message, file=sys.stderr)
    sys.exit(2)


def number(value):
    """JMH writes NaN and infinities as strings; those mean 'no value'."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def split_name(benchmark):
    """'pkg.Foo.Recorded.method' -> ('Foo.method', 'recorded'); 'pkg.Foo.method' -> ('Foo.method', 'plain')."""
    parts = benchmark.split(".")
    method = parts[-1]
    classes = [p for p in parts[:-1] if p[:1].isupper()]
    if not classes:
        return benchmark, "plain"
    if len(classes) == 1:
        return classes[0] + "." + method, "plain"
    return classes[0] + "." + method, ".".join(classes[1:]).lower()


def load(paths, metric, include):
    bars = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                results = json.load(f)
        except (OSError, ValueError) as e:
            fail(f"cannot read {path}: {e}")
        if not isinstance(results, list):
            fail(f"{path} is not JMH JSON output (expected a list of results)")
        for r in results:
            name = r.get("benchmark", "")
            if include and not re.search(include, name):
                continue
            m = r.get("primaryMetric") if metric is None else r.get("secondaryMetrics", {}).get(metric)
            if not m:
                continue
            score = number(m.get("score"))
            if score is None:
                continue
            group, variant = split_name(name)
            params = r.get("params") or {}
            if params:
                group += " (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"
            threads = r.get("threads", 1)
            if threads and threads > 1:
                group += f" [{threads} threads]"
            unit = r.get("mode", "") + " " + m.get("scoreUnit", "")
            bars.append(Bar(group, variant, score, number(m.get("scoreError")), unit))
    return bars


def fmt(v):
    """Three significant digits; k/M/G from ten thousand up."""
    a = abs(v)
    for limit, scale, suffix in ((1e9, 1e9, "G"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if a >= limit:
            return f"{v / scale:.3g}{suffix}"
    if a >= 100:
        return f"{v:.0f}"
    return f"{v:.3g}"


def label(bar, plain):
    text = fmt(bar.score) + " " + bar.unit.split(" ", 1)[1]
    if bar.error is not None:
        text += " ± " + fmt(bar.error)
    if plain is not None and bar is not plain and plain.score > 0:
        text += f"  (×{bar.score / plain.score:.2f})"
    return text


class Axis:
    """Maps scores to x positions, on a linear or a log scale."""

    def __init__(self, bars, log):
        highs = [b.score + (b.error or 0) for b in bars]
        self.log = log
        if log:
            lows = [b.score for b in bars if b.score > 0] or [1.0]
            self.lo = 10 ** math.floor(math.log10(min(lows)))
            self.hi = 10 ** math.ceil(math.log10(max(max(highs), self.lo * 10)))
        else:
            self.lo = 0.0
            self.hi = nice_ceiling(max(highs) if highs and max(highs) > 0 else 1.0)

    def x(self, v):
        if self.log:
            v = max(v, self.lo)
            return PLOT_W * (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        return PLOT_W * min(max(v, 0.0), self.hi) / self.hi

    def ticks(self):
        if self.log:
            e = round(math.log10(self.lo))
            return [10.0 ** k for k in range(e, round(math.log10(self.hi)) + 1)]
        step = self.hi / 5
        return [step * i for i in range(6)]


def nice_ceiling(v):
    """The next of 1, 2, 2.5, 5 times a power of ten at or above v."""
    p = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * p >= v:
            return m * p
    return 10 * p


def wants_log(bars, scale):
    if scale != "auto":
        return scale == "log"
    positive = [b.score for b in bars if b.score > 0]
    return len(positive) > 1 and max(positive) / min(positive) > 100


def panel(out, bars, variants, top, label_w, scale):
    """Draws one panel (one unit); returns its height."""
    axis = Axis(bars, wants_log(bars, scale))
    groups = []
    for b in bars:
        if b.group not in groups:
            groups.append(b.group)
    rows_h = sum(len([b for b in bars if b.group == g]) * (BAR_H + BAR_GAP) + GROUP_GAP for g in groups)
    x0 = MARGIN + label_w
    unit = bars[0].unit
    mode, _, unit_name = unit.partition(" ")
    heading = f"{MODES.get(mode, mode)}, {unit_name}" + (" (log scale)" if axis.log else "")
    out.append(f"<text x='{MARGIN}' y='{top + 14}' {FONT} font-size='13' font-weight='bold'>{escape(heading)}</text>")
    plot_top = top + 26
    for t in axis.ticks():
        x = x0 + axis.x(t)
        out.append(f"<line x1='{x:.1f}' y1='{plot_top}' x2='{x:.1f}' y2='{plot_top + rows_h}' stroke='#ddd'/>")
        out.append(f"<text x='{x:.1f}' y='{plot_top + rows_h + 13}' {FONT} font-size='10' fill='#555' "
                   f"text-anchor='middle'>{fmt(t)}</text>")
    out.append(f"<line x1='{x0}' y1='{plot_top}' x2='{x0}' y2='{plot_top + rows_h}' stroke='#888'/>")
    y = plot_top + GROUP_GAP / 2
    for g in groups:
        members = sorted((b for b in bars if b.group == g), key=lambda b: variants.index(b.variant))
        plain = next((b for b in members if b.variant == "plain"), None)
        h = len(members) * (BAR_H + BAR_GAP) - BAR_GAP
        out.append(f"<text x='{x0 - 6}' y='{y + h / 2 + 4:.1f}' {FONT} font-size='11' text-anchor='end'>"
                   f"{escape(g)}</text>")
        for b in members:
            color = PALETTE[variants.index(b.variant) % len(PALETTE)]
            w = max(axis.x(b.score), 1.0)
            out.append(f"<rect x='{x0}' y='{y:.1f}' width='{w:.1f}' height='{BAR_H}' fill='{color}'>"
                       f"<title>{escape(g)} {escape(b.variant)}: {escape(label(b, plain))}</title></rect>")
            end = w
            if b.error is not None and b.error > 0:
                lo = x0 + axis.x(b.score - b.error) if b.score - b.error > 0 else x0
                hi = x0 + axis.x(b.score + b.error)
                cy = y + BAR_H / 2
                out.append(f"<path d='M{lo:.1f},{cy:.1f}H{hi:.1f}M{lo:.1f},{cy - 4:.1f}V{cy + 4:.1f}"
                           f"M{hi:.1f},{cy - 4:.1f}V{cy + 4:.1f}' stroke='#222' stroke-width='1' fill='none'/>")
                end = max(end, hi - x0)
            out.append(f"<text x='{x0 + end + 5:.1f}' y='{y + BAR_H - 3}' {FONT} font-size='10' fill='#222'>"
                       f"{escape(label(b, plain))}</text>")
            y += BAR_H + BAR_GAP
        y += GROUP_GAP - BAR_GAP
    return 26 + rows_h + 20


def render(bars, title, scale):
    variants = ["plain"] + sorted({b.variant for b in bars} - {"plain"})
    units = []
    for b in bars:
        if b.unit not in units:
            units.append(b.unit)
    label_w = int(max(len(b.group) for b in bars) * CHAR_W) + 12
    text_w = int(max(len(label(b, b)) for b in bars) * CHAR_W * 0.95) + 70
    width = MARGIN * 2 + label_w + PLOT_W + text_w
    body = []
    top = MARGIN + 24
    legend_x = MARGIN
    for i, v in enumerate(variants):
        if not any(b.variant == v for b in bars):
            continue
        body.append(f"<rect x='{legend_x}' y='{top - 10}' width='12' height='12' "
                    f"fill='{PALETTE[i % len(PALETTE)]}'/>")
        body.append(f"<text x='{legend_x + 16}' y='{top}' {FONT} font-size='11'>{escape(v)}</text>")
        legend_x += 16 + int(len(v) * CHAR_W) + 18
    body.append(f"<text x='{legend_x}' y='{top}' {FONT} font-size='10' fill='#555'>"
                "error bars: JMH 99.9% confidence interval; (×n): relative to plain</text>")
    top += 14
    for u in units:
        top += panel(body, [b for b in bars if b.unit == u], variants, top, label_w, scale) + PANEL_GAP
    height = top - PANEL_GAP + MARGIN
    head = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}'>",
            f"<rect width='{width}' height='{height}' fill='white'/>",
            f"<text x='{MARGIN}' y='{MARGIN + 4}' {FONT} font-size='15' font-weight='bold'>{escape(title)}</text>"]
    return "\n".join(head + body + ["</svg>", ""])


def main(argv=None):
    p = argparse.ArgumentParser(description="Draw JMH JSON results (-rf json) as an SVG bar chart.")
    p.add_argument("results", nargs="+", help="JMH JSON result files")
    p.add_argument("-o", "--output", default="jmh.svg", help="SVG file to write (default: jmh.svg)")
    p.add_argument("--title", help="chart title (default: 'JMH results', and the metric if --metric)")
    p.add_argument("--include", help="only benchmarks whose full name matches this regular expression")
    p.add_argument("--metric", help="chart this secondary metric (e.g. gc.alloc.rate.norm) instead of the score")
    p.add_argument("--scale", choices=("auto", "linear", "log"), default="auto",
                   help="x axis; auto is log when a panel's scores span more than 100x (default)")
    args = p.parse_args(argv)
    if args.include:
        try:
            re.compile(args.include)
        except re.error as e:
            p.error(f"--include: {e}")
    bars = load(args.results, args.metric, args.include)
    if not bars:
        print("jmh-chart: no results to draw" + (f" for metric {args.metric}" if args.metric else ""),
              file=sys.stderr)
        return 1
    title = args.title or "JMH results" + (f": {args.metric}" if args.metric else "")
    svg = render(bars, title, args.scale)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(svg)
    print(f"jmh-chart: {len(bars)} results drawn into {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
