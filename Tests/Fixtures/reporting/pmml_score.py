#!/usr/bin/env python3
"""Score a CSV file with a PMML model using pypmml (an independent PMML engine on the JVM).

Usage: pmml_score.py MODEL.pmml DATA.csv [--fields NAME,NAME,...]

Prints CSV to stdout: a header with the output field names (all of the model's output fields
by default, in model order), then one line per input row, in order. Numbers are written with
17 significant digits so that parity tests can compare to 1e-5 or better.

Empty cells are passed as missing (None); cells of numeric fields that do not parse as numbers
are passed as missing too, matching `invalidValueTreatment="asMissing"` in Traction's exports.
Needs `pip install pypmml` and a Java runtime (scripts/pmml-venv.sh sets both up).
"""
import argparse
import csv
import sys


def main(argv):
    parser = argparse.ArgumentParser(description="Score a CSV with a PMML model (pypmml).")
    parser.add_argument("model")
    parser.add_argument("data")
    parser.add_argument("--fields", help="comma-separated output fields to print")
    options = parser.parse_args(argv[1:])
    model_path, data_path = options.model, options.data
    wanted = options.fields.split(",") if options.fields else None
    from pypmml import Model  # imported late so --help works without pypmml

    model = Model.fromFile(model_path)
    numeric = set()
    for field in model.inputFields:
        if str(field.dataType).lower() in ("double", "float", "integer"):
            numeric.add(field.name)
    names = wanted or list(model.outputNames)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(names)
    with open(data_path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            record = {}
            for name in model.inputNames:
                value = row.get(name)
                if value is None or value == "":
                    record[name] = None
                elif name in numeric:
                    try:
                        number = float(value)
                        record[name] = None if number != number else number
                    except ValueError:
                        record[name] = None
                else:
                    record[name] = value
            result = model.predict(record)
            line = []
            for name in names:
                value = result.get(name)
                if isinstance(value, float):
                    line.append(repr(value) if value != value else "%.17g" % value)
                else:
                    line.append("" if value is None else str(value))
            out.writerow(line)
    model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
