"""Make briefing/data/occurrence_nouns.txt from WordNet 3.0.

    python benchmarks/occurrence_nouns.py --wordnet /usr/share/wordnet

The list holds every single-word common noun whose first (most frequent) WordNet sense is an
event, an act or a state (lexicographer files noun.event, noun.act, noun.state): "case",
"death", "infection", "arrest". A count of such a noun counts occurrences, which carry what
happened in the noun itself ("Japan reported four cases"), unlike a count of things or
people ("300 buildings", "4,000 troops"), which says nothing of what befell them. WordNet's
files come with Debian's `wordnet-base` (/usr/share/wordnet).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from person_nouns import first_sense_lemmas  # noqa: E402

OUT = ROOT / "briefing" / "data" / "occurrence_nouns.txt"
NOUN_ACT, NOUN_EVENT, NOUN_STATE = 4, 11, 26  # lexnames(5WN)
HEADER = """\
# Common nouns whose first (most frequent) sense in WordNet 3.0 is an event, an act or a
# state: a quantity counting one of them counts occurrences ("four cases", "95 deaths",
# "90 arrests"). Made by benchmarks/occurrence_nouns.py from WordNet's data.noun and
# index.noun; one lemma a line.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. (Full licence: https://wordnet.princeton.edu/license-and-commercial-use)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args()
    lemmas = first_sense_lemmas(args.wordnet, {NOUN_ACT, NOUN_EVENT, NOUN_STATE})
    OUT.write_text(HEADER + "\n".join(lemmas) + "\n", encoding="utf-8")
    print(f"{len(lemmas)} lemmas -> {OUT}")


if __name__ == "__main__":
    main()
