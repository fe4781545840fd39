"""test/fixtures/kernel/reference.json: libpysal Kernel weights on a hand-made 5-point example and
on the Columbus centroids (X, Y of test/fixtures/columbus/data.csv), for every kernel function and
bandwidth kind SAR Studio offers. Run with Debian's python3-libpysal (4.7):
    /usr/bin/python3 scripts/python/kernel-reference.py
"""
import csv
import json
import warnings

warnings.filterwarnings("ignore")
from libpysal.weights import Kernel  # noqa: E402

POINTS5 = [(0.0, 0.0), (1.0, 0.0), (0.0, 2.0), (3.0, 1.0), (1.4, 1.7)]  # no distance ties (KDTree breaks ties arbitrarily)
with open("test/fixtures/columbus/data.csv") as f:
    rows = list(csv.DictReader(f))
COLUMBUS = [(float(r["X"]), float(r["Y"])) for r in rows]

FUNCTIONS = ["triangular", "uniform", "quadratic", "quartic", "gaussian"]


def weights(w):
    out = []
    for i in range(w.n):
        pairs = sorted(zip(w.neighbors[i], w.weights[i]))
        out.append({"neighbours": [int(j) for j, _ in pairs], "weights": [float(v) for _, v in pairs]})
    return out


cases = []
for name, pts in [("five_points", POINTS5), ("columbus_XY", COLUMBUS)]:
    for fn in FUNCTIONS if name == "five_points" else ["triangular", "gaussian"]:
        for kind in ["fixed", "adaptive", "number"]:
            for diagonal in [False, True] if name == "five_points" else [False]:
                if kind == "number":
                    bw = 1.6 if name == "five_points" else 10.0
                    w = Kernel(pts, bandwidth=bw, function=fn, diagonal=diagonal)
                    spec = {"bandwidth": bw}
                else:
                    k = 2 if name == "five_points" else 4
                    w = Kernel(pts, k=k, fixed=(kind == "fixed"), function=fn, diagonal=diagonal)
                    spec = {"bandwidth": kind, "k": k}
                spec.update({"function": fn, "diagonal": "one" if diagonal else "kernel"})
                cases.append({
                    "points": name, "spec": spec,
                    "call": f"Kernel(points, {'bandwidth=' + str(spec['bandwidth']) if kind == 'number' else 'k=' + str(spec['k']) + ', fixed=' + str(kind == 'fixed')}, function='{fn}', diagonal={diagonal})",
                    "bandwidth": [float(b) for b in w.bandwidth.ravel()],
                    "rows": weights(w),
                })

import libpysal  # noqa: E402
json.dump({"generated_by": f"libpysal {libpysal.__version__} Kernel", "points": {"five_points": POINTS5}, "cases": cases},
          open("test/fixtures/kernel/reference.json", "w"), separators=(",", ":"))
print(len(cases), "cases")
