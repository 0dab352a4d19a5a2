#!/usr/bin/env python3
"""Risk scoring benchmark: Traction vs scikit-learn, LightGBM and XGBoost in one invocation.

For each of the four tabular splits in $SHARED_DIR/benchmarks/splits, trains `traction <preset>
train` with default settings on train.csv, evaluates on test.csv, and fits the peers with the
preprocessing of PEERS.md (numeric: median impute + standardise; categorical: one-hot with
unknowns ignored; LightGBM/XGBoost: native categoricals). Then scores a 1,000,000-row file made
from the credit-default test rows with `traction credit score` and with pandas read_csv +
LightGBM predict + to_csv, reporting rows/s and peak RSS of each (child processes).

Prints Markdown. Environment: TRACTION_BIN, SHARED_DIR, WORK_DIR (see benchmarks/run.py).
Options: --only telco-churn,german-credit  --skip-peers  --skip-score  --score-rows N
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

DATASETS = {
    # name: (preset, target, id column for the peers, best peer ROC / PR from PEERS.md)
    "telco-churn": ("churn", "Churn", "customerID"),
    "credit-default-taiwan": ("credit", "default.payment.next.month", "ID"),
    "fraud-vehicle-insurance": ("fraud", "FraudFound_P", "PolicyNumber"),
    "german-credit": ("credit", "class", None),
}
POSITIVE = {"telco-churn": "Yes", "credit-default-taiwan": 1, "fraud-vehicle-insurance": 1,
            "german-credit": "bad"}


def traction(args, **kw):
    return subprocess.run([os.environ["TRACTION_BIN"]] + args, capture_output=True, text=True, **kw)


def run_traction(name, split, work):
    preset, target, _ = DATASETS[name]
    model = os.path.join(work, f"{name}.traction")
    t0 = time.perf_counter()
    r = traction([preset, "train", "--data", os.path.join(split, "train.csv"), "--target", target,
                  "--model", model, "--report", os.path.join(work, f"{name}-train")])
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"traction train failed on {name}: {r.stderr}")
    with open(os.path.join(work, f"{name}-train", "metrics.json")) as f:
        fit = json.load(f)["fit_seconds"]
    r = traction([preset, "evaluate", "--model", model, "--data", os.path.join(split, "test.csv"),
                  "--report", os.path.join(work, f"{name}-test")])
    if r.returncode != 0:
        raise RuntimeError(f"traction evaluate failed on {name}: {r.stderr}")
    with open(os.path.join(work, f"{name}-test", "metrics.json")) as f:
        m = json.load(f)
    return {"tool": "Traction", "roc": m["roc_auc"], "pr": m["pr_auc"], "fit": fit, "wall": wall}, model


def frames(name, split):
    _, target, idc = DATASETS[name]
    train = pd.read_csv(os.path.join(split, "train.csv"))
    test = pd.read_csv(os.path.join(split, "test.csv"))
    ytr = (train[target] == POSITIVE[name]).astype(int).values
    yte = (test[target] == POSITIVE[name]).astype(int).values
    drop = [target] + ([idc] if idc else [])
    xtr, xte = train.drop(columns=drop), test.drop(columns=drop)
    for c in xtr.columns:  # numbers stored as text (telco TotalCharges has blanks)
        if not pd.api.types.is_numeric_dtype(xtr[c]):
            as_num = pd.to_numeric(xtr[c], errors="coerce")
            if as_num.notna().mean() > 0.95:
                xtr[c] = as_num
                xte[c] = pd.to_numeric(xte[c], errors="coerce")
    return xtr, ytr, xte, yte


def run_peers(name, split):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    import lightgbm as lgb
    import xgboost as xgb

    xtr, ytr, xte, yte = frames(name, split)
    cats = [c for c in xtr.columns if not pd.api.types.is_numeric_dtype(xtr[c])]
    for c in cats:
        xtr[c], xte[c] = xtr[c].astype(object), xte[c].astype(object)
    nums = [c for c in xtr.columns if c not in cats]

    def pre():
        return ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), nums),
            ("cat", OneHotEncoder(handle_unknown="ignore"), cats)])

    rows = []

    def record(tool, fit_fn, predict_fn):
        t0 = time.perf_counter()
        fitted = fit_fn()
        fit = time.perf_counter() - t0
        p = predict_fn(fitted)
        rows.append({"tool": tool, "roc": roc_auc_score(yte, p), "pr": average_precision_score(yte, p),
                     "fit": fit})

    record("sklearn LogisticRegression",
           lambda: make_pipeline(pre(), LogisticRegression(C=1.0, max_iter=5000)).fit(xtr, ytr),
           lambda m: m.predict_proba(xte)[:, 1])
    record("sklearn MLPClassifier",
           lambda: make_pipeline(pre(), MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True,
                                                      max_iter=500, random_state=42)).fit(xtr, ytr),
           lambda m: m.predict_proba(xte)[:, 1])
    ctr, cte = xtr.copy(), xte.copy()
    for c in cats:
        ctr[c] = ctr[c].astype("category")
        cte[c] = pd.Categorical(cte[c], categories=ctr[c].cat.categories)
    record("LightGBM",
           lambda: lgb.LGBMClassifier(random_state=42, n_jobs=2, verbose=-1).fit(ctr, ytr),
           lambda m: m.predict_proba(cte)[:, 1])
    record("XGBoost",
           lambda: xgb.XGBClassifier(tree_method="hist", n_estimators=100, enable_categorical=True,
                                     random_state=42, n_jobs=2).fit(ctr, ytr),
           lambda m: m.predict_proba(cte)[:, 1])
    return rows


PEER_SCORER = r"""
import sys, time, resource
import pandas as pd, lightgbm as lgb
train, data, out = sys.argv[1:4]
tr = pd.read_csv(train)
y = tr["default.payment.next.month"]
X = tr.drop(columns=["default.payment.next.month", "ID"])
model = lgb.LGBMClassifier(random_state=42, n_jobs=2, verbose=-1).fit(X, y)
t0 = time.perf_counter()
df = pd.read_csv(data)
p = model.predict_proba(df[X.columns])[:, 1]
pd.DataFrame({"ID": df["ID"], "probability": p}).to_csv(out, index=False)
seconds = time.perf_counter() - t0
print(seconds, len(df), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

CHILD_RSS = r"""
import resource, subprocess, sys, time
t0 = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - t0
if r.returncode != 0:
    sys.stderr.write(r.stderr.decode()); sys.exit(r.returncode)
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def score_benchmark(split, model, work, rows):
    test = os.path.join(split, "test.csv")
    big = os.path.join(work, f"credit-{rows}.csv")
    if not os.path.exists(big):
        with open(test) as f:
            header, *lines = f.read().splitlines()
        with open(big, "w") as f:
            f.write(header + "\n")
            written = 0
            while written < rows:
                chunk = lines[: rows - written]
                f.write("\n".join(chunk) + "\n")
                written += len(chunk)
    out = os.path.join(work, "traction-scores.csv")
    r = subprocess.run([sys.executable, "-c", CHILD_RSS, os.environ["TRACTION_BIN"], "credit", "score",
                        "--model", model, "--data", big, "--out", out], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"traction score failed: {r.stderr}")
    t_sec, t_rss = r.stdout.split()
    r = subprocess.run([sys.executable, "-c", PEER_SCORER, os.path.join(split, "train.csv"), big,
                        os.path.join(work, "lgbm-scores.csv")], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"peer scorer failed: {r.stderr}")
    p_sec, _, p_rss = r.stdout.split()
    return rows, float(t_sec), int(t_rss) / 1024, float(p_sec), int(p_rss) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-score", action="store_true")
    ap.add_argument("--score-rows", type=int, default=1_000_000)
    args = ap.parse_args()
    shared = os.environ.get("SHARED_DIR", "")
    splits = os.path.join(shared, "benchmarks", "splits")
    print("## Risk scoring (ROC-AUC / PR-AUC on test.csv; fit seconds)\n")
    if not os.path.isdir(splits):
        print(f"skipped: {splits} not found\n")
        return 0
    work = os.environ.get("WORK_DIR", "/tmp/traction-risk-bench")
    os.makedirs(work, exist_ok=True)
    names = [n for n in DATASETS if not args.only or n in args.only.split(",")]
    print("| dataset | tool | ROC-AUC | PR-AUC | fit s | fit / sklearn MLP |")
    print("|---|---|---|---|---|---|")
    verdicts = []
    credit_model = None
    for name in names:
        split = os.path.join(splits, name)
        ours, model = run_traction(name, split, work)
        if name == "credit-default-taiwan":
            credit_model = model
        peers = [] if args.skip_peers else run_peers(name, split)
        mlp = next((p["fit"] for p in peers if p["tool"] == "sklearn MLPClassifier"), None)
        for row in [ours] + peers:
            ratio = f"{row['fit'] / mlp:.2f}" if mlp else "–"
            print(f"| {name} | {row['tool']} | {row['roc']:.4f} | {row['pr']:.4f} | {row['fit']:.3f} | {ratio} |",
                  flush=True)
        if peers:
            best_roc = max(p["roc"] for p in peers)
            best_pr = max(p["pr"] for p in peers)
            ok = ours["roc"] >= best_roc - 0.005 and ours["pr"] >= best_pr - 0.005
            verdicts.append(f"- {name}: ROC {ours['roc']:.4f} vs best peer {best_roc:.4f} "
                            f"({ours['roc'] - best_roc:+.4f}), PR {ours['pr']:.4f} vs {best_pr:.4f} "
                            f"({ours['pr'] - best_pr:+.4f}), fit {ours['fit']:.2f} s vs MLP {mlp:.2f} s "
                            f"(train command wall {ours['wall']:.2f} s) — {'meets' if ok else 'misses'} "
                            "the best-peer-minus-0.005 target")
    print()
    print("\n".join(verdicts))
    if not args.skip_score and credit_model:
        rows, t_sec, t_rss, p_sec, p_rss = score_benchmark(
            os.path.join(splits, "credit-default-taiwan"), credit_model, work, args.score_rows)
        print(f"\n### Scoring {rows:,} rows (credit-default test rows repeated), end to end\n")
        print("| tool | seconds | rows/s | peak RSS MB |")
        print("|---|---|---|---|")
        print(f"| traction credit score (with reason codes) | {t_sec:.2f} | {rows / t_sec:,.0f} | {t_rss:.0f} |")
        print(f"| pandas read_csv + LightGBM predict + to_csv | {p_sec:.2f} | {rows / p_sec:,.0f} | {p_rss:.0f} |")
    print("\nTimings on a shared 2-core VM with other load: read small differences as noise.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
