"""The agreement figures the app computes (tests/agreement.rs writes them beside a brat
project of the same generated study) against Python's reference implementations:
krippendorff (α), scikit-learn (Cohen's κ), NLTK (AnnotationTask.pi(), Fleiss' κ) and
bratiaa (pairwise exact span F1). Every figure must agree to 1e-9."""

import json
import math
import sys
import warnings
from itertools import combinations
from pathlib import Path

import krippendorff
from bratiaa import compute_f1_agreement
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

TOLERANCE = 1e-9
root = Path(sys.argv[1])
expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
checked = 0


def same(what, ours, reference):
    global checked
    if not math.isclose(ours, reference, rel_tol=0, abs_tol=TOLERANCE):
        sys.exit(f"{what}: the app says {ours!r}, the reference {reference!r}")
    checked += 1


levels = ["nominal", "ordinal", "interval", "ratio"]
coded = [[math.nan if v is None else v for v in unit] for unit in expected["coded"]]
by_coder = [list(coder) for coder in zip(*coded)]
for level, ours in zip(levels, expected["levels"]):
    same(f"α {level}", ours, krippendorff.alpha(reliability_data=by_coder, level_of_measurement=level))

for label, token in expected["tokens"].items():
    decisions = token["decisions"]
    for (a, b), ours in zip(combinations(range(len(decisions)), 2), token["cohen"]):
        same(f"{label}: Cohen's κ of coders {a} and {b}", ours, cohen_kappa_score(decisions[a], decisions[b]))
    task = AnnotationTask(data=[(str(c), str(i), str(v)) for c, row in enumerate(decisions) for i, v in enumerate(row)])
    same(f"{label}: Fleiss' κ (NLTK's pi)", token["fleiss"], task.pi())
    same(f"{label}: α nominal", token["alpha"], krippendorff.alpha(reliability_data=decisions, level_of_measurement="nominal"))
    # The report's figures of the label: the same α and κ, and the mean of the pairs' κ.
    same(f"{label}: the report's α", token["report_alpha"], token["alpha"])
    same(f"{label}: the report's Fleiss' κ", token["report_fleiss"], token["fleiss"])
    pairs = [cohen_kappa_score(decisions[a], decisions[b]) for a, b in combinations(range(len(decisions)), 2)]
    same(f"{label}: the report's mean Cohen's κ", token["report_cohen_mean"], sum(pairs) / len(pairs))

# Pooled over the labels: each (word, label) a unit.
pooled = [sum((token["decisions"][c] for token in expected["tokens"].values()), []) for c in range(3)]
same("all labels: α nominal", expected["overall"]["alpha"], krippendorff.alpha(reliability_data=pooled, level_of_measurement="nominal"))
task = AnnotationTask(data=[(str(c), str(i), str(v)) for c, row in enumerate(pooled) for i, v in enumerate(row)])
same("all labels: Fleiss' κ", expected["overall"]["fleiss"], task.pi())
for (a, b), ours in zip(combinations(range(3), 2), expected["overall"]["cohen"]):
    same(f"all labels: Cohen's κ of coders {a} and {b}", ours, cohen_kappa_score(pooled[a], pooled[b]))

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    f1 = compute_f1_agreement(str(root))
spans = expected["spans"]
mean, sd = f1.mean_sd_total()
same("span F1 mean", spans["total"][0], float(mean))
same("span F1 SD", spans["total"][1], float(sd))
means, sds = f1.mean_sd_per_label()
for label, (m, s), ours in zip(f1.labels, zip(means, sds), spans["labels"]):
    same(f"span F1 of {label}", ours[0], float(m))
    same(f"span F1 SD of {label}", ours[1], float(s))
means, sds = f1.mean_sd_per_document()
for document, m, s, ours in zip(f1.documents, means, sds, spans["documents"]):
    same(f"span F1 of {document}", ours[0], float(m))
    same(f"span F1 SD of {document}", ours[1], float(s))

print(f"ok: {checked} figures equal krippendorff, scikit-learn, NLTK and bratiaa to {TOLERANCE}")
