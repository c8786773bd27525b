"""Make briefing/data/event_words.txt from WordNet 3.0: other words for a measure's events.

    python benchmarks/event_words.py --wordnet /usr/share/wordnet

For every single-word verb, the words that say the same in its first (most frequent) sense:
the other words of that sense, and of its troponyms (ways of doing it: "slay", "murder",
"massacre" for "kill"), each taken only when that sense is its own first sense too and it
has at most three senses (a word with many is ambiguous: "go", "pass" and "expire" share
"die"'s first sense but mean other things first or as often), and more senses as a verb than
as a noun, adjective or adverb ("troop" marches, but "troops" are soldiers; "stone" kills, but
a stone is a stone; "off"). Written in past forms, irregular ones from verb.exc
("slain", "slew"), and only past forms whose stem no noun for people shares ("murdered"
would find "murderers"). A user who writes "killed, died" then also finds
"slain", "perished".
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "briefing" / "data" / "event_words.txt"
MAX_SENSES = 3
HEADER = """\
# Other words for an event, from WordNet 3.0: a verb lemma, a tab, then the past forms of words
# that say the same in its first sense (its synonyms and troponyms whose own first sense that
# is, with at most three senses, more as a verb than as anything else, and a stem no noun for
# people in WordNet's tagged texts shares). Made by benchmarks/event_words.py from
# WordNet's data.verb, index.verb and verb.exc.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. (Full licence: https://wordnet.princeton.edu/license-and-commercial-use)
"""


def expansions(wordnet: Path) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    troponyms: dict[str, list[str]] = {}
    with open(wordnet / "data.verb", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split("|")[0].split()
            offset, count = fields[0], int(fields[3], 16)
            words[offset] = [fields[4 + 2 * i].lower() for i in range(count)]
            at = 4 + 2 * count
            pointers = int(fields[at])
            troponyms[offset] = [fields[at + 1 + 4 * k + 1] for k in range(pointers)
                                 if fields[at + 1 + 4 * k] == "~"
                                 and fields[at + 1 + 4 * k + 2] == "v"]
    first: dict[str, str] = {}
    senses: dict[str, int] = {}
    with open(wordnet / "index.verb", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, count, pointers = fields[0], int(fields[2]), int(fields[3])
            first[lemma] = fields[4 + pointers + 2]
            senses[lemma] = count
    other: collections.Counter[str] = collections.Counter()
    for pos in ("noun", "adj", "adv"):
        with open(wordnet / f"index.{pos}", encoding="latin-1") as f:
            for line in f:
                if not line.startswith("  "):
                    fields = line.split()
                    other[fields[0]] += int(fields[2])
    irregular: dict[str, list[str]] = collections.defaultdict(list)
    with open(wordnet / "verb.exc", encoding="latin-1") as f:
        for line in f:
            form, lemma = line.split()[:2]
            if form.isalpha():
                irregular[lemma].append(form)
    import snowballstemmer

    stem = snowballstemmer.stemmer("english").stemWord
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from person_nouns import person_lemmas

    # A past form whose stem a noun for people shares would count them as the event's:
    # "murdered" finds "murderers", "assassinated" "assassins", "interned" "interns". Only
    # nouns seen in WordNet's tagged texts ("perisher" is not: "perished" stays).
    people = set(person_lemmas(wordnet))
    taken = set()
    with open(wordnet / "index.noun", encoding="latin-1") as f:
        for line in f:
            fields = line.split()
            if not line.startswith("  ") and fields[0] in people and \
                    int(fields[5 + int(fields[3])]) > 0:
                taken.add(stem(fields[0]))
    out: dict[str, list[str]] = {}
    for lemma, synset in sorted(first.items()):
        if "_" in lemma or not lemma.isalpha() or not lemma.isascii():
            continue
        found = []
        for offset in [synset] + troponyms.get(synset, []):
            for word in words[offset]:
                if word == lemma or "_" in word or not word.isalpha() or \
                        first.get(word) != offset or senses.get(word, 99) > MAX_SENSES or \
                        other[word] >= senses[word]:
                    continue
                for form in past_forms(word, irregular.get(word, [])):
                    if form not in found and stem(form) not in taken:
                        found.append(form)
        if found:
            out[lemma] = found
    return out


def past_forms(lemma: str, irregular: list[str]) -> list[str]:
    """The past tense and participle a measure's event words are written in ("slain",
    "slew", "perished", "imprisoned")."""
    if irregular:
        return [f for f in irregular if not f.endswith("ing") and not f.endswith("s")]
    if lemma.endswith("e"):
        return [lemma + "d"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ied"]
    return [lemma + "ed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args()
    table = expansions(args.wordnet)
    OUT.write_text(HEADER + "".join(f"{k}\t{' '.join(v)}\n" for k, v in table.items()),
                   encoding="utf-8")
    print(f"{len(table)} verbs -> {OUT}")


if __name__ == "__main__":
    main()
