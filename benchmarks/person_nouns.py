"""Make briefing/data/person_nouns.txt from WordNet 3.0, and compare it with a suffix rule.

    python benchmarks/person_nouns.py --wordnet /usr/share/wordnet --write
    python benchmarks/person_nouns.py --wordnet /usr/share/wordnet --data ../shared/eval

The list holds every single-word common noun whose first (most frequent) WordNet sense is a
person (lexicographer file noun.person), not a named individual (no instance synsets):
"journalist", "child", "member", "American". A noun with a person sense further down
("case": a patient; "fan": an admirer) is left out. WordNet's files come with Debian's
`wordnet-base` (/usr/share/wordnet). With --data, counts the counted nouns of every
quantity in DUC 2004 and the pasted pages that each signal calls a person and prints the
most frequent nouns each finds alone.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "briefing" / "data" / "person_nouns.txt"
NOUN_PERSON = 18  # lexnames(5WN): noun.person
HEADER = """\
# Common nouns whose first (most frequent) sense in WordNet 3.0 is a person: a quantity
# counting one of them counts people ("149 of its members", "six journalists"). Made by
# benchmarks/person_nouns.py from WordNet's data.noun and index.noun; one lemma a line.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. (Full licence: https://wordnet.princeton.edu/license-and-commercial-use)
"""
SUFFIX_RE = re.compile(r"(?:ers|ors|ists|ians|ans|ants|ents|ees|men)$")


def person_lemmas(wordnet: Path) -> list[str]:
    """Single-word lemmas whose first noun sense is in noun.person and is no instance."""
    return first_sense_lemmas(wordnet, {NOUN_PERSON})


def first_sense_lemmas(wordnet: Path, lexfiles: set[int]) -> list[str]:
    """Single-word lemmas whose first noun sense is in one of the lexicographer files and is
    no instance."""
    synsets: dict[str, tuple[int, bool]] = {}
    with open(wordnet / "data.noun", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue  # the licence at the top of the file
            fields = line.split()
            synsets[fields[0]] = (int(fields[1]), " @i " in line)
    out = []
    with open(wordnet / "index.noun", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, pointers = fields[0], int(fields[3])
            first = fields[4 + pointers + 2]  # after the pointer symbols, two counts
            lex, instance = synsets[first]
            if lex in lexfiles and not instance and "_" not in lemma and lemma.isascii():
                out.append(lemma)
    return sorted(out)


def compare(data: Path) -> None:
    from briefing.analyze.person_nouns import names_people
    from briefing.analyze.quantities import find_quantities
    from briefing.analyze.sentences import split_sentences
    from briefing.clean import clean_lines
    sys.path.insert(0, str(HERE))
    from duc_data import read_docs

    texts = [doc.text for doc in read_docs(data / "duc2004")]
    texts += [p.read_text(encoding="utf-8", errors="replace")
              for p in sorted((data / "pasted-pages").glob("*/*.txt"))]
    found = {"WordNet": collections.Counter(), "suffix": collections.Counter()}
    nouns = 0
    for text in texts:
        for sentence in split_sentences(clean_lines(text.split("\n"))):
            for q in find_quantities(sentence.text):
                if not q.noun:
                    continue
                nouns += 1
                head = q.noun.split()[-1].lower()
                if names_people(head):
                    found["WordNet"][head] += 1
                if SUFFIX_RE.search(head):
                    found["suffix"][head] += 1
    print(f"{nouns} counted nouns of quantities in DUC 2004 and the pasted pages\n")
    print("| signal | called a person | most frequent nouns only this signal calls a person |")
    print("| --- | --- | --- |")
    for name, other in (("WordNet", "suffix"), ("suffix", "WordNet")):
        alone = [f"{w} {n}" for w, n in found[name].most_common() if w not in found[other]]
        print(f"| {name} | {sum(found[name].values())} | {', '.join(alone[:20])} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    parser.add_argument("--data", type=Path, help="evaluation data (duc2004/, pasted-pages/)")
    args = parser.parse_args()
    if args.write:
        lemmas = person_lemmas(args.wordnet)
        OUT.write_text(HEADER + "\n".join(lemmas) + "\n", encoding="utf-8")
        print(f"{len(lemmas)} lemmas -> {OUT}")
    if args.data:
        compare(args.data)


if __name__ == "__main__":
    main()
