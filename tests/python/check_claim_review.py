#!/usr/bin/env python3
"""Checks a ClaimReview export against the schema.org vocabulary, as a consumer of
JSON-LD would read it.

The file is expanded with a real JSON-LD processor (pyld) — the "https://schema.org"
context comes from tests/fixtures/schemaorg/context.jsonld (release 29.4), never from the
network — and every node of the expansion is checked against that release's vocabulary
(tests/fixtures/schemaorg/vocabulary.json):
- every type is a schema.org type;
- every property is a schema.org property, used on a type it is defined for (its
  domainIncludes, a supertype counting);
- every value fits the property's range: a node of a type in rangeIncludes (or a subtype),
  or a literal where the range has a data type (Text, URL, Number, Date, …);
- nothing of the file is lost in the expansion (each property of the file comes out).

Prints "ok: N ClaimReviews" and exits 0, or says what is wrong and exits 1.

Usage: check_claim_review.py FILE.jsonld [EXPECTED_COUNT]
"""
import json
import pathlib
import sys

from pyld import jsonld

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "schemaorg"
VOCAB = "http://schema.org/"
DATA_TYPES = {"Text", "URL", "Number", "Integer", "Float", "Date", "DateTime", "Time", "Boolean"}


def load_context():
    return json.loads((FIXTURES / "context.jsonld").read_text(encoding="utf-8"))


def loader(context):
    def load(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contextUrl": None, "documentUrl": url, "document": context}
        raise RuntimeError(f"the check reads no document from the network: {url}")
    return load


class Vocabulary:
    def __init__(self):
        data = json.loads((FIXTURES / "vocabulary.json").read_text(encoding="utf-8"))
        self.types = data["types"]
        self.properties = data["properties"]

    def ancestors(self, name):
        seen, todo = set(), [name]
        while todo:
            one = todo.pop()
            if one not in seen:
                seen.add(one)
                todo.extend(self.types.get(one, []))
        return seen


def term(iri, problems, what):
    if not iri.startswith(VOCAB):
        problems.append(f"{what} {iri} is not a schema.org term")
        return None
    return iri[len(VOCAB):]


def check_node(node, vocab, problems, path):
    types = [term(t, problems, "type") for t in node.get("@type", [])]
    types = [t for t in types if t is not None]
    for name in types:
        if name not in vocab.types:
            problems.append(f"{path}: type {name} is not in the vocabulary")
    lineage = set().union(*(vocab.ancestors(t) for t in types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = term(key, problems, "property")
        if name is None:
            continue
        definition = vocab.properties.get(name)
        if definition is None:
            problems.append(f"{path}: property {name} is not in the vocabulary")
            continue
        if types and not lineage.intersection(definition["domain"]):
            problems.append(f"{path}: {name} is not a property of {'/'.join(types)} "
                            f"(it is of {', '.join(definition['domain'])})")
        ranges = set(definition["range"])
        for at, value in enumerate(values):
            where = f"{path}.{name}[{at}]"
            if "@value" in value or "@id" in value and len(value) == 1:
                if not ranges.intersection(DATA_TYPES):
                    problems.append(f"{where}: a literal where {name} takes {', '.join(sorted(ranges))}")
                continue
            value_types = [t[len(VOCAB):] for t in value.get("@type", []) if t.startswith(VOCAB)]
            fits = any(vocab.ancestors(t).intersection(ranges) for t in value_types)
            if not fits:
                problems.append(f"{where}: a {'/'.join(value_types) or 'node without a type'} "
                                f"where {name} takes {', '.join(sorted(ranges))}")
            check_node(value, vocab, problems, where)


def properties_in(value):
    """Every property name of the file, nested ones too (keys not starting with @)."""
    if isinstance(value, dict):
        own = {key for key in value if not key.startswith("@")}
        return own.union(*(properties_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(properties_in(v) for v in value)) if value else set()
    return set()


def check(path, expected=None):
    document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    expanded = jsonld.expand(document, {"documentLoader": loader(load_context())})
    vocab = Vocabulary()
    problems = []
    reviews = 0
    for at, node in enumerate(expanded):
        if VOCAB + "ClaimReview" in node.get("@type", []):
            reviews += 1
        check_node(node, vocab, problems, f"@graph[{at}]")
    came_out = set()
    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key.startswith(VOCAB):
                    came_out.add(key[len(VOCAB):])
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
    walk(expanded)
    lost = properties_in(document.get("@graph", document)) - came_out
    if lost:
        problems.append(f"lost in the expansion: {', '.join(sorted(lost))}")
    if expected is not None and reviews != expected:
        problems.append(f"{reviews} ClaimReviews, expected {expected}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {reviews} ClaimReviews")
    return 0


if __name__ == "__main__":
    sys.exit(check(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
