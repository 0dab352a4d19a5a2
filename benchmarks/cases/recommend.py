#!/usr/bin/env python3
"""Recommendation benchmark: Traction vs popularity, implicit (item-kNN cosine, ALS, BPR) and
LightFM WARP on movielens-100k, all in one invocation, with the protocol of PEERS.md section 3:
test = each user's latest 20% by time; every item not seen in train is a candidate; metrics @10
averaged over test users; coverage = distinct recommended items / all items (train + test).

Traction runs with its defaults (`recommend train --data --user --item`; the time column is
detected by name). fit s = final fit on all of train (Traction's validation-based blend
selection is reported separately, as the peers' config selection is not in their fit time).
users/s = test users ranked (top 10, seen items filtered) per second.

LightFM 1.17 does not build under PEP 517 isolation ('dict' object has no attribute
'__LIGHTFM_SETUP__'); this script installs it with pip's legacy path (--no-use-pep517, which
pip < 25.3 still has). If that fails the row is skipped with a note.
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import scipy.sparse as sp

K = 10
SHARED = os.environ.get("SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
SPLIT = os.path.join(SHARED, "benchmarks", "splits", "movielens-100k")
BIN = os.environ.get("TRACTION_BIN", "traction")
WORK = os.environ.get("WORK_DIR", tempfile.mkdtemp())
NOTES = []


def metrics(recs, truth, n_items):
    """recs: {user: [items]}, truth: {user: set(items)} -> dict of mean metrics."""
    p = r = nd = ap = hr = 0.0
    seen = set()
    for u, rel in truth.items():
        lst = list(recs.get(u, []))[:K]
        seen.update(lst)
        hits = [1 if i in rel else 0 for i in lst]
        h = sum(hits)
        p += h / K
        r += h / len(rel)
        hr += 1.0 if h else 0.0
        dcg = sum(x / math.log2(j + 2) for j, x in enumerate(hits))
        idcg = sum(1 / math.log2(j + 2) for j in range(min(K, len(rel))))
        nd += dcg / idcg
        c = s = 0
        for j, x in enumerate(hits):
            if x:
                c += 1
                s += c / (j + 1)
        ap += s / min(K, len(rel))
    n = len(truth)
    return dict(p=p / n, r=r / n, ndcg=nd / n, map=ap / n, hr=hr / n, cov=len(seen) / n_items)


def median_time(fn, runs=3):
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, sorted(times)[len(times) // 2]


def run_traction(rows):
    model = os.path.join(WORK, "movielens.model")
    train_report = os.path.join(WORK, "train-report")
    eval_report = os.path.join(WORK, "eval-report")
    t = time.perf_counter()
    subprocess.run([BIN, "recommend", "train", "--data", os.path.join(SPLIT, "train.csv"),
                    "--user", "user_id", "--item", "item_id", "--model", model,
                    "--report", train_report, "--quiet"], check=True, capture_output=True, text=True)
    total = time.perf_counter() - t
    fit = json.load(open(os.path.join(train_report, "metrics.json")))["fit_seconds"]
    speeds = []
    m = None
    for _ in range(3):
        subprocess.run([BIN, "recommend", "evaluate", "--model", model,
                        "--test", os.path.join(SPLIT, "test.csv"), "--report", eval_report],
                       check=True, capture_output=True, text=True)
        m = json.load(open(os.path.join(eval_report, "metrics.json")))
        speeds.append(m["users_per_second"])
    rows.append(("**Traction**", "defaults (item-kNN + BPR/WARP embeddings, blend chosen on validation)",
                 dict(p=m["precision_at_10"], r=m["recall_at_10"], ndcg=m["ndcg_at_10"],
                      map=m["map_at_10"], hr=m["hit_rate_at_10"], cov=m["coverage_at_10"]),
                 fit, sorted(speeds)[1]))
    NOTES.append(f"Traction `train` wall time including the validation split, blend selection and "
                 f"the final fit: {total:.2f} s (final fit alone: {fit:.2f} s).")


def ensure_lightfm():
    """Imports lightfm, installing 1.17 with pip's legacy setup.py path when missing.

    lightfm 1.17's setup.py sets `__builtins__.__LIGHTFM_SETUP__`, which fails under PEP 517
    build isolation ('dict' object has no attribute ...). The legacy path (`--no-use-pep517`,
    pip < 25.3, needs setuptools and wheel) runs setup.py as a script, where it works.
    """
    try:
        import lightfm  # noqa: F401
        return True
    except ImportError:
        pass
    try:
        pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run(pip + ["setuptools", "wheel"], check=True, capture_output=True)
        subprocess.run(pip + ["--no-use-pep517", "lightfm==1.17"], check=True,
                       capture_output=True)
        import lightfm  # noqa: F401,F811
        return True
    except Exception as e:  # noqa: BLE001
        NOTES.append(f"LightFM WARP skipped: lightfm 1.17 did not build ({type(e).__name__}); "
                     "it needs pip < 25.3 with setuptools and wheel for its legacy setup.py.")
        return False


def main():
    if not os.path.isdir(SPLIT):
        print("## Recommendation (movielens-100k)\n\nskipped: ../shared/benchmarks/splits missing\n")
        return 0
    train = pd.read_csv(os.path.join(SPLIT, "train.csv"))
    test = pd.read_csv(os.path.join(SPLIT, "test.csv"))
    users = sorted(set(train.user_id) | set(test.user_id))
    items = sorted(set(train.item_id) | set(test.item_id))
    uix = {u: k for k, u in enumerate(users)}
    iix = {i: k for k, i in enumerate(items)}
    n_items = len(items)
    tu = train.user_id.map(uix).values
    ti = train.item_id.map(iix).values
    X = sp.csr_matrix((np.ones(len(tu), dtype=np.float32), (tu, ti)), shape=(len(users), n_items))
    X.data[:] = 1.0
    truth = {}
    for u, i in zip(test.user_id.map(uix).values, test.item_id.map(iix).values):
        truth.setdefault(u, set()).add(i)
    test_users = np.array(sorted(truth))
    rows = []

    run_traction(rows)

    # Popularity.
    t = time.perf_counter()
    counts = np.asarray(X.sum(axis=0)).ravel()
    order = np.argsort(-counts, kind="stable")
    fit = time.perf_counter() - t

    def pop_predict():
        out = {}
        for u in test_users:
            seen = set(X.indices[X.indptr[u]:X.indptr[u + 1]])
            out[u] = [i for i in order[:K + len(seen)] if i not in seen][:K]
        return out
    recs, pt = median_time(pop_predict)
    rows.append(("popularity", "pop", metrics(recs, truth, n_items), fit, len(test_users) / pt))

    from threadpoolctl import threadpool_limits
    import implicit
    from implicit.nearest_neighbours import CosineRecommender
    from implicit.als import AlternatingLeastSquares
    from implicit.bpr import BayesianPersonalizedRanking

    def run_implicit(name, config, make):
        with threadpool_limits(1, "blas"):
            model = make()
            t = time.perf_counter()
            model.fit(X, show_progress=False)
            fit = time.perf_counter() - t

            def predict():
                ids, _ = model.recommend(test_users, X[test_users], N=K,
                                         filter_already_liked_items=True)
                return {u: list(r) for u, r in zip(test_users, ids)}
            recs, pt = median_time(predict)
        rows.append((name, config, metrics(recs, truth, n_items), fit, len(test_users) / pt))

    run_implicit("implicit CosineRecommender", "itemknn K=20",
                 lambda: CosineRecommender(K=20, num_threads=2))
    run_implicit("implicit ALS", "als-selected factors=64, reg=20, alpha=3, it=15",
                 lambda: AlternatingLeastSquares(factors=64, regularization=20.0, alpha=3.0,
                                                 iterations=15, num_threads=2, random_state=42))
    run_implicit("implicit BPR", "factors=64, it=100, lr=0.01, reg=0.01",
                 lambda: BayesianPersonalizedRanking(factors=64, iterations=100, learning_rate=0.01,
                                                     regularization=0.01, num_threads=2,
                                                     random_state=42))

    if ensure_lightfm():
        from lightfm import LightFM
        model = LightFM(no_components=64, loss="warp", learning_rate=0.05, random_state=42)
        t = time.perf_counter()
        model.fit(X.tocoo(), epochs=20, num_threads=2)
        fit = time.perf_counter() - t

        def lfm_predict():
            uu = np.repeat(test_users.astype(np.int32), n_items)
            ii = np.tile(np.arange(n_items, dtype=np.int32), len(test_users))
            scores = model.predict(uu, ii, num_threads=2).reshape(len(test_users), n_items)
            out = {}
            for row, u in enumerate(test_users):
                s = scores[row]
                s[X.indices[X.indptr[u]:X.indptr[u + 1]]] = -np.inf
                top = np.argpartition(-s, K)[:K]
                out[u] = list(top[np.argsort(-s[top])])
            return out
        recs, pt = median_time(lfm_predict)
        rows.append(("LightFM WARP", "no_components=64, lr=0.05, epochs=20",
                     metrics(recs, truth, n_items), fit, len(test_users) / pt))

    print("## Recommendation (movielens-100k, PEERS.md section 3 protocol)\n")
    print("| tool | config | P@10 | R@10 | NDCG@10 | MAP@10 | HR@10 | coverage | fit s | users/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, config, m, fit, ups in rows:
        print(f"| {name} | {config} | {m['p']:.4f} | {m['r']:.4f} | {m['ndcg']:.4f} | {m['map']:.4f} "
              f"| {m['hr']:.4f} | {m['cov']:.3f} | {fit:.3f} | {ups:,.0f} |")
    tr = rows[0]
    peers = rows[1:]
    best = max(peers, key=lambda r: r[2]["ndcg"])
    print()
    print(f"- NDCG@10: Traction {tr[2]['ndcg']:.4f} vs best peer {best[0]} {best[2]['ndcg']:.4f} "
          f"(ratio {tr[2]['ndcg'] / best[2]['ndcg']:.2f}); recall@10 {tr[2]['r']:.4f} vs "
          f"{max(r[2]['r'] for r in peers):.4f}; coverage {tr[2]['cov']:.3f}.")
    for name, _, _, fit, ups in peers:
        if name in ("LightFM WARP", "implicit ALS"):
            print(f"- vs {name}: fit time ratio {tr[3] / fit:.2f} (Traction/peer), "
                  f"users/s ratio {tr[4] / ups:.2f}.")
    print("- Timings are wall-clock medians on a shared 2-core VM; other jobs were running, so read "
          "them as rough.")
    for n in NOTES:
        print(f"- {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
