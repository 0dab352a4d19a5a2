#!/usr/bin/env python3
"""Scores a (partitioned) CSV on Apache Spark by piping each partition through
`traction <preset> score --model M --data - --out -` (RDD.pipe), the model shipped to the
workers with SparkContext.addFile.

    spark-submit scripts/spark/score.py --master 'local[2]' --traction /usr/local/bin/traction \
        --model credit.traction --data parts/ --out scores.csv

--data is a file, a folder of part files or a glob. Every part file may start with the header
line (Spark's CSV writer with header=true writes one per part) or only the first one does: lines
equal to the header are dropped, and the header is put back in front of every partition, because
each `traction score` process needs it. Each process's output starts with its own header line,
which is stripped; the result is written once with one header, in input order (part files sorted
by name, lines in file order): the partitions are saved in parallel (saveAsTextFile into
OUT.parts/) and concatenated into a temporary file renamed to --out when complete.
Rows must not contain line breaks inside quoted fields (Spark splits partitions by line).

`traction` must be installed at the same path on every worker (or pass --traction).
Prints one JSON line: rows, partitions, seconds (Spark job, excluding Spark start-up), rows/s.
"""
import argparse
import itertools
import json
import os
import shlex
import shutil
import sys
import time

from pyspark import SparkConf, SparkContext, SparkFiles


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    ap.add_argument("--traction", default="traction")
    ap.add_argument("--preset", default="credit", choices=["churn", "fraud", "credit"])
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-partitions", type=int, default=None)
    args = ap.parse_args()

    conf = SparkConf().setAppName("traction-score")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        model_name = os.path.basename(args.model)
        sc.addFile(os.path.abspath(args.model))
        # On executors SparkFiles lands files in the working directory; in local mode it is the
        # driver's SparkFiles folder, which SparkFiles.get names.
        local = sc.master.startswith("local")
        model_path = SparkFiles.get(model_name) if local else model_name
        command = " ".join(shlex.quote(a) for a in [
            args.traction, args.preset, "score", "--model", model_path, "--data", "-", "--out", "-"])

        t0 = time.perf_counter()
        data = args.data
        if os.path.isdir(data):  # Hadoop lists a folder in no set order: name the parts in order
            names = sorted(n for n in os.listdir(data) if not n.startswith((".", "_")))
            if not names:
                raise SystemExit(f"error: {data}: no part files")
            data = ",".join(os.path.abspath(os.path.join(data, n)) for n in names)
        lines = sc.textFile(data, minPartitions=args.min_partitions)
        header = lines.first()

        def with_header(rows):
            return itertools.chain([header], (r for r in rows if r != header))

        def without_header(rows):
            return itertools.islice(rows, 1, None)

        scored = lines.mapPartitions(with_header).pipe(command, checkCode=True).mapPartitions(without_header)
        # Output header: score an empty file (header only) once on the driver side of the job.
        out_header = sc.parallelize([header], 1).pipe(command, checkCode=True).first()

        parts = args.out + ".parts"
        if os.path.exists(parts):
            shutil.rmtree(parts)
        scored.saveAsTextFile(parts)  # every partition in parallel; part-00000, part-00001, ...
        tmp = args.out + ".tmp"
        rows = 0
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(out_header + "\n")
            for name in sorted(n for n in os.listdir(parts) if n.startswith("part-")):
                with open(os.path.join(parts, name), encoding="utf-8") as part:
                    for line in part:
                        f.write(line)
                        rows += 1
        os.replace(tmp, args.out)
        shutil.rmtree(parts)
        seconds = time.perf_counter() - t0
        print(json.dumps({"rows": rows, "partitions": lines.getNumPartitions(),
                          "seconds": round(seconds, 3), "rows_per_second": round(rows / seconds)}))
    finally:
        sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
