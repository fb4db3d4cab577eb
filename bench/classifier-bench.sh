#!/usr/bin/env bash
# Classification throughput (JMH): KeywordClassifier vs a naive indexOf loop vs one plain pass over the chars.
# Usage: bench/classifier-bench.sh [extra JMH args, e.g. -f 1 -wi 2 -i 3, or -prof gc]
# Results: target/jmh-classifier.json and the summary printed at the end. See BENCHMARKS.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# Run from a private copy of the compiled classes: other builds in the same tree (mvn clean, a recompile) must not
# pull classes from under the forked benchmark JVMs.
SNAPSHOT="$(mktemp -d "${TMPDIR:-/tmp}/classifier-bench.XXXXXX")"
trap 'rm -rf "$SNAPSHOT"' EXIT
cp -r target/classes "$SNAPSHOT/classes"
cp -r target/test-classes "$SNAPSHOT/test-classes"
CP="$SNAPSHOT/test-classes:$SNAPSHOT/classes:$(cat target/bench-classpath.txt)"

echo "== input and taxonomy"
java -Dfile.encoding=UTF-8 -cp "$CP" org.inboundrouter.bench.ClassifierBenchInfo | tee "$SNAPSHOT/info.txt"
# The taxonomy variants that apply to today's file (extended only while it has < 1,000 terms),
# unless the caller chose with -p taxonomy=...
VARIANTS=(-p "taxonomy=$(sed -n 's/^variants=//p' "$SNAPSHOT/info.txt")")
if [[ " $* " == *"taxonomy="* ]]; then
    VARIANTS=()
fi

echo "== JMH"
java -Dfile.encoding=UTF-8 -cp "$CP" org.openjdk.jmh.Main 'org\.inboundrouter\.bench\.ClassifierThroughput\.' \
    -rf json -rff target/jmh-classifier.json "${VARIANTS[@]}" "$@"

echo "== summary (messages/s per core, single thread)"
python3 - target/jmh-classifier.json "$#" "$(sed -n 's/^variants=//p' "$SNAPSHOT/info.txt")" <<'PY'
import json, sys

results = json.load(open(sys.argv[1]))
rows = {}
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    taxonomy = r.get("params", {}).get("taxonomy", "-")
    m = r["primaryMetric"]
    rows[(name, taxonomy)] = (m["score"], m["scoreError"], m["scoreUnit"])

def fmt(v):
    try:
        v = float(v)
    except (TypeError, ValueError):
        return "n/a"
    return "n/a" if v != v else f"{v:,.0f}"

print(f"{'benchmark':<18} {'taxonomy':<20} {'messages/s':>14} {'± error (99.9%)':>16}")
for (name, taxonomy), (score, error, unit) in sorted(rows.items()):
    print(f"{name:<18} {taxonomy:<20} {fmt(score):>14} {fmt(error):>16}")

variants = [v for v in sys.argv[3].split(",") if v]
expected = {(b, v) for b in ("keywordClassifier", "naiveContains") for v in variants} | {("plainPass", "-")}
missing = expected - set(rows)
plain = rows.get(("plainPass", "-"))
for taxonomy in sorted({t for (_, t) in rows if t != "-"}):
    kc = rows.get(("keywordClassifier", taxonomy))
    naive = rows.get(("naiveContains", taxonomy))
    if not kc:
        continue
    parts = [f"taxonomy {taxonomy}: keywordClassifier/naiveContains = "
             + (f"{kc[0] / naive[0]:.1f}x" if naive else "n/a"),
             "keywordClassifier/plainPass = " + (f"{kc[0] / plain[0]:.2%} ({plain[0] / kc[0]:,.0f}x slower than the floor)"
                                                 if plain else "n/a")]
    print("; ".join(parts))
if missing:
    print("MISSING (failed or filtered out, see the JMH output above): "
          + ", ".join(f"{n}[{t}]" for n, t in sorted(missing)))
    if sys.argv[2] == "0":  # a full run without JMH options must have them all
        sys.exit(1)
PY
