#!/usr/bin/env python3
"""MLP training throughput: Traction vs Keras 3 on tensorflow-cpu, in one invocation.

Both train a 64 -> 256 -> 256 -> 1 ReLU network with binary cross-entropy on logits and Adam
(lr 1e-3) for 5 epochs of batch 512 on the same 100,000 x 64 dataset (standard-normal features,
label 1[x.w + 0.5 sin(3 x0) > 0], w standard normal, seed 42), with 2 threads each, shuffling
every epoch. The dataset is generated once into WORK_DIR. Each tool runs MLP_REPEATS times
(default 3) and the table quotes medians.

Environment: TRACTION_BENCH_BIN, WORK_DIR (from benchmarks/run.py); MLP_REPEATS optional.
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROWS, FEATURES, SEED = 100_000, 64, 42
EPOCHS, BATCH, THREADS, HIDDEN = 5, 512, 2, 256


def dataset(work):
    """Writes data.csv (header x0..x63,y) and data.npz once; returns their paths."""
    import numpy as np

    csv_path = os.path.join(work, f"mlp_{ROWS}x{FEATURES}_seed{SEED}.csv")
    npz_path = csv_path[:-4] + ".npz"
    if os.path.exists(csv_path) and os.path.exists(npz_path):
        return csv_path, npz_path
    rng = np.random.default_rng(SEED)
    x = rng.standard_normal((ROWS, FEATURES)).astype(np.float32)
    w = rng.standard_normal(FEATURES).astype(np.float32)
    y = ((x @ w + 0.5 * np.sin(3 * x[:, 0])) > 0).astype(np.float32)
    tmp = csv_path + ".tmp"
    header = ",".join([f"x{i}" for i in range(FEATURES)] + ["y"])
    np.savetxt(tmp, np.column_stack([x, y]), delimiter=",", fmt="%.7g", header=header, comments="")
    os.replace(tmp, csv_path)
    # Keras reads exactly the values Traction parses from the CSV.
    data = np.loadtxt(csv_path, delimiter=",", skiprows=1, dtype=np.float32)
    np.savez(npz_path + ".tmp.npz", x=data[:, :-1], y=data[:, -1])
    os.replace(npz_path + ".tmp.npz", npz_path)
    return csv_path, npz_path


def run_traction(csv_path):
    binary = os.environ.get("TRACTION_BENCH_BIN", ".build/release/traction-bench")
    out = subprocess.run(
        [binary, "mlp", "--data", csv_path, "--epochs", str(EPOCHS), "--batch", str(BATCH),
         "--threads", str(THREADS), "--seed", str(SEED)],
        check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


KERAS_SCRIPT = r"""
import json, sys, time, os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow as tf
tf.config.threading.set_intra_op_parallelism_threads(%(threads)d)
tf.config.threading.set_inter_op_parallelism_threads(1)
import keras
keras.utils.set_random_seed(%(seed)d)
d = np.load(sys.argv[1])
x, y = d["x"], d["y"]
model = keras.Sequential([keras.Input((x.shape[1],)),
                          keras.layers.Dense(%(hidden)d, activation="relu"),
                          keras.layers.Dense(%(hidden)d, activation="relu"),
                          keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(1e-3),
              loss=keras.losses.BinaryCrossentropy(from_logits=True))
stamps = []
class Clock(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        stamps.append(time.perf_counter())
start = time.perf_counter()
cpu_start = time.process_time()
h = model.fit(x, y, batch_size=%(batch)d, epochs=%(epochs)d, shuffle=True, verbose=0,
              callbacks=[Clock()])
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
steady = (len(x) * (len(stamps) - 1)) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else None
print(json.dumps({"samples_per_second": len(x) * %(epochs)d / seconds,
                  "steady_samples_per_second": steady,
                  "final_loss": float(h.history["loss"][-1]), "seconds": seconds,
                  "cpu_seconds": cpu_seconds,
                  "tensorflow": tf.__version__, "keras": keras.__version__}))
"""


def run_keras(npz_path):
    script = KERAS_SCRIPT % dict(threads=THREADS, seed=SEED, hidden=HIDDEN, batch=BATCH,
                                 epochs=EPOCHS)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    out = subprocess.run([sys.executable, "-c", script, npz_path], check=True,
                         capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(runs, key):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def main():
    work = os.environ.get("WORK_DIR", os.path.join("benchmarks", ".work", "mlp"))
    os.makedirs(work, exist_ok=True)
    repeats = int(os.environ.get("MLP_REPEATS", "3"))
    csv_path, npz_path = dataset(work)
    traction, keras_runs = [], []
    for _ in range(repeats):  # interleaved, so both see the same background load
        traction.append(run_traction(csv_path))
        keras_runs.append(run_keras(npz_path))
    t_sps, k_sps = median(traction, "samples_per_second"), median(keras_runs, "samples_per_second")
    t_loss, k_loss = median(traction, "final_loss"), median(keras_runs, "final_loss")
    ratio = t_sps / k_sps
    loss_gap = (t_loss - k_loss) / k_loss
    print("## MLP training throughput (64-256-256-1 ReLU, BCE, Adam 1e-3, batch 512, 5 epochs)\n")
    print(f"100,000 x 64 rows, {THREADS} threads each, median of {repeats} interleaved runs.\n")
    t_cpu, k_cpu = median(traction, "cpu_seconds"), median(keras_runs, "cpu_seconds")
    print("| tool | samples/s | wall s | CPU s | final training loss |")
    print("|---|---|---|---|---|")
    print(f"| Traction | {t_sps:,.0f} | {median(traction, 'seconds'):.2f} | {t_cpu:.2f} | "
          f"{t_loss:.4f} |")
    kv = keras_runs[0]
    print(f"| Keras {kv['keras']} (TensorFlow {kv['tensorflow']}) | {k_sps:,.0f} | "
          f"{median(keras_runs, 'seconds'):.2f} | {k_cpu:.2f} | {k_loss:.4f} |")
    print(f"| **Traction vs Keras** | **{ratio:.2f}x** (target >= 2x: "
          f"{'met' if ratio >= 2 else 'missed'}) | | {k_cpu / t_cpu:.2f}x less CPU | "
          f"loss {loss_gap:+.1%} (target <= +10%: {'met' if loss_gap <= 0.10 else 'missed'}) |")
    print()
    print(f"Notes: Keras steady-state (epochs 2-5, no tracing) median "
          f"{median(keras_runs, 'steady_samples_per_second'):,.0f} samples/s. "
          "Times exclude data loading; CPU s is user+system time of the training (all threads), "
          "which depends less on other load than wall time; final loss is the mean training loss of the last epoch. "
          "Per-run samples/s: Traction "
          + ", ".join(f"{r['samples_per_second']:,.0f}" for r in traction) + "; Keras "
          + ", ".join(f"{r['samples_per_second']:,.0f}" for r in keras_runs) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
