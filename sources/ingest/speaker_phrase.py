"""The speaker phrase of a report: the regex pieces and checks quotes and paraphrases share."""

from __future__ import annotations

import re

from sources.ingest.lexicon import AUXILIARIES, CUE_RE

WORD = r"[\w’'.\-]+"
SPEAKER_START = re.compile(
    r"^(?:(?:[Tt]he|[Aa]n?|[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]his)\b"
    r"|(?!(?:In|At|On|For|From|With|Which|Who|When|Where|While|As|If|But|And|That)\b)[A-Z0-9\[])"
)
LEAD_TRIM = re.compile(r"^(?:and|but|so|as|while|also|then|later)\s+", re.IGNORECASE)
ADVERB_RUN = (
    r"(?:(?:also|later|then|further|again|once|has|had|have|was|is|would|repeatedly|"
    r"firmly|clearly|openly|strongly|publicly|separately|earlier|previously|recently|"
    r"reportedly|however|too)\s+)*"
)
CUE_ALT = "(?-i:" + CUE_RE.pattern[3:-3] + ")"  # cue verbs are lower case in running text


def speaker_ok(phrase: str) -> bool:
    phrase = phrase.strip()
    if not phrase or not SPEAKER_START.match(phrase):
        return False
    words = phrase.split()
    if words[0].lower() in {"that", "this", "one"} and len(words) == 1:
        return False
    # A clause, not a noun phrase: contains a finite verb or a comma.
    return not any(w.lower() in AUXILIARIES for w in words[1:])


def trim_speaker(phrase: str, offset: int) -> tuple[str, int]:
    phrase = phrase.rstrip(".,;: ")
    while True:
        m = LEAD_TRIM.match(phrase)
        if not m:
            return phrase, offset
        phrase, offset = phrase[m.end() :], offset + m.end()
