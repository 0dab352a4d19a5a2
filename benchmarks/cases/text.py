#!/usr/bin/env python3
"""Text classification: Traction vs fastText and TF-IDF linear models, in one invocation.

On ../shared/benchmarks/splits/{banking77, airline-sentiment, chnsenticorp-hotel, waimai-10k,
online-shopping-10-cats}: Traction with default settings (`tickets` for intents/categories,
`sentiment` for polarity; only --text and --label given), fastText supervised with library
defaults and with the tuned configuration from PEERS.md, TF-IDF + LogisticRegression (saga,
C=10) and TF-IDF + LinearSVC (C=1), preprocessed as in PEERS.md. Train on train.csv, score
test.csv.

Timing: Traction's fit is `fit_seconds` from its metrics.json (vectorizer + validation model +
refit on all rows; CSV parsing excluded); its predict rows/s is test rows / the `evaluate`
command's predict_seconds (tokenizing, hashing and scoring the raw test texts; CSV parsing
excluded, as for the peers). Peers: fit =
learning preprocessing + training from the loaded DataFrame; predict = preprocessing + scoring
of the raw test texts. Predict times are the median of PREDICT_REPEATS (default 5) repetitions
for every tool, as in PEERS.md (Traction: that many `evaluate` runs of the same model; the test
sets take 0.05-0.5 s, so one run is dominated by noise on a shared machine). fastText is Hogwild
(not bit-reproducible) and trains once here (PEERS.md averages 3 runs). The machine is shared:
timings are noisy.

Environment: TRACTION_BIN, SHARED_DIR, WORK_DIR (from benchmarks/run.py);
TEXT_DATASETS (comma list) and TEXT_PEERS (subset of ft,lr,svc) to shorten a run;
PREDICT_REPEATS (default 5).
"""
import json
import os
import re
import subprocess
import sys
import statistics
import time

REPEATS = max(1, int(os.environ.get("PREDICT_REPEATS", "5")))


def median_seconds(run):
    """Median wall time of REPEATS calls of run(); returns (median seconds, last result)."""
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result

DATASETS = {
    # name: (text column, label column, Chinese?, traction command, tuned fastText params)
    "banking77": ("text", "category", False, "tickets",
                  dict(epoch=100, lr=1.0, wordNgrams=2, minn=3, maxn=6)),
    "airline-sentiment": ("text", "airline_sentiment", False, "sentiment",
                          dict(epoch=25, lr=0.5, wordNgrams=2)),
    "chnsenticorp-hotel": ("review", "label", True, "sentiment",
                           dict(epoch=25, lr=0.5, wordNgrams=3)),
    "waimai-10k": ("review", "label", True, "sentiment", dict(wordNgrams=2)),
    "online-shopping-10-cats": ("review", "cat", True, "tickets",
                                dict(epoch=10, lr=0.25, wordNgrams=2)),
}


def scores(y_true, y_pred):
    from sklearn.metrics import accuracy_score, f1_score
    return (accuracy_score(y_true, y_pred), f1_score(y_true, y_pred, average="macro"),
            f1_score(y_true, y_pred, average="weighted"))


def run_traction(name, cfg, train_csv, test_csv, work):
    text, label, _, command, _ = cfg
    binary = os.environ.get("TRACTION_BIN", ".build/release/traction")
    model = os.path.join(work, f"{name}.traction")
    tr = os.path.join(work, f"{name}-train")
    ev = os.path.join(work, f"{name}-eval")
    subprocess.run([binary, command, "train", "--data", train_csv, "--text", text, "--label",
                    label, "--model", model, "--report", tr, "--quiet"],
                   check=True, capture_output=True, text=True)
    predict_seconds = []
    for _ in range(REPEATS):
        subprocess.run([binary, command, "evaluate", "--model", model, "--data", test_csv,
                        "--report", ev], check=True, capture_output=True, text=True)
        with open(os.path.join(ev, "metrics.json")) as f:
            m = json.load(f)
        predict_seconds.append(m["predict_seconds"])
    with open(os.path.join(tr, "metrics.json")) as f:
        fit = json.load(f)
    seconds = statistics.median(predict_seconds)
    return dict(accuracy=m["accuracy"], macro_f1=m["macro_f1"], weighted_f1=m["weighted_f1"],
                fit=fit["fit_seconds"], rps=m["rows"] / max(seconds, 1e-9))


def ft_prep(texts, chinese):
    if chinese:
        return [" ".join(ch for ch in str(t) if not ch.isspace()) for t in texts]
    return [" ".join(re.findall(r"\w+|[^\w\s]", str(t).lower())) for t in texts]


def run_fasttext(cfg, train, test, work, params):
    import fasttext
    text, label, chinese = cfg[0], cfg[1], cfg[2]
    start = time.perf_counter()
    lines = [f"__label__{str(l).replace(' ', '_')} {t}"
             for l, t in zip(train[label], ft_prep(train[text], chinese))]
    path = os.path.join(work, "ft_train.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    model = fasttext.train_supervised(input=path, thread=2, seed=42, verbose=0, **params)
    fit = time.perf_counter() - start
    def predict():
        labels, _ = model.predict(ft_prep(test[text], chinese))
        return [l[0][len("__label__"):] for l in labels]
    seconds, pred = median_seconds(predict)
    truth = [str(l).replace(" ", "_") for l in test[label]]
    a, m, w = scores(truth, pred)
    return dict(accuracy=a, macro_f1=m, weighted_f1=w, fit=fit, rps=len(pred) / seconds)


def tfidf(chinese):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    if chinese:
        return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
    return FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                 sublinear_tf=True)),
    ])


def run_sklearn(cfg, train, test, kind):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC
    text, label, chinese = cfg[0], cfg[1], cfg[2]
    clf = (LogisticRegression(solver="saga", C=10, max_iter=1000, random_state=42)
           if kind == "lr" else LinearSVC(C=1.0, random_state=42))
    pipe = make_pipeline(tfidf(chinese), clf)
    x_train = train[text].fillna("").astype(str)
    start = time.perf_counter()
    pipe.fit(x_train, train[label].astype(str))
    fit = time.perf_counter() - start
    x_test = test[text].fillna("").astype(str)
    seconds, pred = median_seconds(lambda: pipe.predict(x_test))
    a, m, w = scores(test[label].astype(str), pred)
    return dict(accuracy=a, macro_f1=m, weighted_f1=w, fit=fit, rps=len(pred) / seconds)


def main():
    import pandas as pd
    shared = os.environ.get("SHARED_DIR", "../shared")
    work = os.environ.get("WORK_DIR", "/tmp/traction-text-bench")
    os.makedirs(work, exist_ok=True)
    splits = os.path.join(shared, "benchmarks", "splits")
    if not os.path.isdir(splits):
        print("## Text classification\n\nskipped: ../shared/benchmarks/splits not found\n")
        return 0
    wanted = [d for d in os.environ.get("TEXT_DATASETS", ",".join(DATASETS)).split(",") if d]
    peers = set(os.environ.get("TEXT_PEERS", "ft,lr,svc").split(","))
    print("## Text classification (test set)\n")
    print("| dataset | tool | config | accuracy | macro-F1 | weighted-F1 | fit s | predict rows/s |")
    print("|---|---|---|---|---|---|---|---|")
    notes = []
    for name in wanted:
        cfg = DATASETS[name]
        train_csv = os.path.join(splits, name, "train.csv")
        test_csv = os.path.join(splits, name, "test.csv")
        train = pd.read_csv(train_csv, dtype=str, keep_default_na=False)
        test = pd.read_csv(test_csv, dtype=str, keep_default_na=False)
        rows = [("Traction", "defaults", run_traction(name, cfg, train_csv, test_csv, work))]
        if "ft" in peers:
            rows.append(("fastText", "ft-default", run_fasttext(cfg, train, test, work, {})))
            tuned = ",".join(f"{k}={v}" for k, v in cfg[4].items())
            rows.append(("fastText", f"ft-tuned {tuned}", run_fasttext(cfg, train, test, work, cfg[4])))
        if "lr" in peers:
            rows.append(("TF-IDF + LogisticRegression", "saga C=10", run_sklearn(cfg, train, test, "lr")))
        if "svc" in peers:
            rows.append(("TF-IDF + LinearSVC", "C=1", run_sklearn(cfg, train, test, "svc")))
        for tool, config, r in rows:
            print(f"| {name} | {tool} | {config} | {r['accuracy']:.4f} | {r['macro_f1']:.4f} | "
                  f"{r['weighted_f1']:.4f} | {r['fit']:.2f} | {r['rps']:,.0f} |", flush=True)
        ours = rows[0][2]
        others = rows[1:]
        if others:
            best_acc = max(r["accuracy"] for _, _, r in others)
            best_f1 = max(r["macro_f1"] for _, _, r in others)
            line = (f"{name}: accuracy {ours['accuracy'] - best_acc:+.4f} and macro-F1 "
                    f"{ours['macro_f1'] - best_f1:+.4f} vs the best peer")
            tuned = [r for t, c, r in others if c.startswith("ft-tuned")]
            if tuned:
                line += (f"; fit time {ours['fit'] / tuned[0]['fit']:.2f}x tuned fastText's, "
                         f"predict rows/s {ours['rps'] / tuned[0]['rps']:.2f}x")
            notes.append(line)
    if notes:
        print("\n" + "\n".join(f"- {n}" for n in notes))
    print("\nTimings on a shared 2-core machine are noisy; fastText trained once (Hogwild); "
          f"predict times are medians of {REPEATS} runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
