"""Checks that libpysal reads the GAL and GWT files SAR Studio writes (test/fixtures/weights-files,
produced by src/core/io/writeWeights.ts and compared byte for byte by
test/unit/io-writeWeights.test.ts). Debian: apt-get install python3-libpysal (run with /usr/bin/python3).
Usage (repository root): /usr/bin/python3 scripts/python/check-written-weights.py  (exit status 1 on a mismatch)"""
import csv
import json
import math
import sys
import warnings

import libpysal

DIR = "test/fixtures/weights-files"
failed = False


def ok(cond, what):
    global failed
    print("OK  " if cond else "FAIL", what)
    failed = failed or not cond


def read(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return libpysal.io.open(f"{DIR}/{name}").read()


def lists(w):
    return {str(k): sorted(str(j) for j in v) for k, v in w.neighbors.items()}


rows = list(csv.DictReader(open("test/fixtures/columbus/data.csv")))
neigno = [r["NEIGNO"] for r in rows]
ref = json.load(open("test/fixtures/columbus/reference-local.json"))
print("libpysal", libpysal.__version__)

# Queen from the GeoJSON = Columbus' GAL plus the 3 pairs the reference lists (poly2nb vs col.gal.nb).
gal = lists(libpysal.io.open("test/fixtures/columbus/weights.gal").read())
queen = {neigno[int(k) - 1]: {neigno[int(j) - 1] for j in v} for k, v in gal.items()}
for a, b in ref["weights_summary"]["queen_geojson"]["pairs_in_queen_not_gal"]:
    queen[neigno[a - 1]].add(neigno[b - 1])
    queen[neigno[b - 1]].add(neigno[a - 1])
w = read("columbus-queen-NEIGNO.gal")
ok(lists(w) == {k: sorted(v) for k, v in queen.items()}, "columbus-queen-NEIGNO.gal: the queen neighbours, keyed by NEIGNO")
ok(w.n == 49 and w.s0 == 236, "  n = 49, 236 links")

# Inverse-distance band: neighbours within the largest nearest-neighbour distance (rounded up at 6 digits), weights 1/d.
xy = [(float(r["X"]), float(r["Y"])) for r in rows]
dist = lambda i, j: math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1])
d1 = max(min(dist(i, j) for j in range(49) if j != i) for i in range(49))
e = math.floor(math.log10(d1)) - 5
thr = float(f"{math.ceil(d1 / 10 ** e) * 10 ** e:.6g}")
w = read("columbus-idw-NEIGNO.gwt")
expected = {neigno[i]: {neigno[j]: 1 / dist(i, j) for j in range(49) if j != i and dist(i, j) <= thr} for i in range(49)}
got = {str(k): {str(j): v for j, v in zip(w.neighbors[k], w.weights[k])} for k in w.neighbors}
ok({k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in expected.items()}, f"columbus-idw-NEIGNO.gwt: the neighbours within {thr}")
rel = max(abs(got[k][j] - expected[k][j]) / expected[k][j] for k in expected for j in expected[k])
ok(rel < 1e-14, f"  weights 1/d (largest relative difference {rel:.1e})")

w = read("columbus-knn4.gwt")
knn = {str(i + 1): sorted(str(j) for j in nb) for i, nb in enumerate(ref["weights_summary"]["knn4"]["neighbours"])}
ok(lists(w) == knn, "columbus-knn4.gwt: spdep's knn2nb(knearneigh(cbind(X, Y), k = 4)) neighbours")

w = read("islands.gal")
ok([len(w.neighbors[k]) for k in sorted(w.neighbors, key=int)] == [1, 2, 1, 0, 0] and sorted(map(str, w.islands)) == ["4", "5"], "islands.gal: regions 4 and 5 are islands")
w = read("islands.gwt")
# libpysal's GWT reader builds its W from the ids that occur in links, ignoring the header's n:
# regions without any link (islands) are not in it. GAL keeps them (count-0 records).
ok(w.n == 3 and sorted(w.neighbors) == ["1", "2", "3"] and dict(zip(map(str, w.neighbors["1"]), w.weights["1"])) == {"2": 1.0, "3": 0.25},
   "islands.gwt: the 3 linked regions with weights 1/d^2; libpysal drops the 2 islands (no link to read them from; GAL keeps them)")
sys.exit(1 if failed else 0)
