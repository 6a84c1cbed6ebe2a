"""Parses the CLI's SHOW METRICS output with prometheus_client's parser (the
independent oracle of the Prometheus text format) and checks it.

  metrics_parse.py FILE [family:type[:label] ...] [nonzero=SAMPLE{label=value}] ...

FILE holds the CLI's output; the exposition starts at its first "# HELP"
line. Prints "ok <families>" or the first failure, exit 1.
"""
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = open(sys.argv[1]).read()
    at = text.find("# HELP")
    if at < 0:
        print("no exposition in the output")
        return 1
    families = {f.name: f for f in text_string_to_metric_families(text[at:])}
    for arg in sys.argv[2:]:
        if arg.startswith("nonzero="):
            want = arg[len("nonzero="):]
            name, _, labels = want.partition("{")
            label = dict(kv.split("=", 1) for kv in labels.rstrip("}").split(",") if kv)
            hits = [s for f in families.values() for s in f.samples
                    if s.name == name and all(s.labels.get(k) == v for k, v in label.items())]
            if not hits or sum(s.value for s in hits) <= 0:
                print(f"{want}: no sample or zero ({hits})")
                return 1
            continue
        parts = arg.split(":")
        name, mtype = parts[0], parts[1]
        f = families.get(name)
        if f is None:
            print(f"family {name} missing; have {sorted(families)}")
            return 1
        if f.type != mtype:
            print(f"family {name} is a {f.type}, not a {mtype}")
            return 1
        if len(parts) > 2 and f.samples and not all(parts[2] in s.labels for s in f.samples):
            print(f"family {name} has samples without label {parts[2]}")
            return 1
        if f.type == "histogram":
            # Cumulative buckets, +Inf equal to _count, per label set.
            by = {}
            for s in f.samples:
                key = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
                by.setdefault(key, []).append(s)
            for key, samples in by.items():
                buckets = [s for s in samples if s.name.endswith("_bucket")]
                values = [s.value for s in buckets]
                if values != sorted(values) or buckets[-1].labels["le"] != "+Inf":
                    print(f"{name}{key}: buckets not cumulative or no +Inf")
                    return 1
                count = [s.value for s in samples if s.name.endswith("_count")]
                if count != [values[-1]]:
                    print(f"{name}{key}: _count {count} != +Inf {values[-1]}")
                    return 1
    print("ok", len(families))
    return 0


if __name__ == "__main__":
    sys.exit(main())
