"""Direct quotes, their speakers (aliases, coreference) and indirect speech."""

from __future__ import annotations

from sources.ingest.extract import analyse
from tests.sources.test_ingest_support import knowledge, run_pure


def quotes_of(text: str):
    result = analyse("t.txt", text.encode(), knowledge())
    return [(s.speaker_name, s.text, s.cue_verb) for s in result.quotes], result


def test_straight_quotes_with_ministry_coreference():
    _, (c,) = run_pure("ministry_statement_xinhua_style.txt")
    assert [(q["speaker"], q["text"], q["cue_verb"]) for q in c["quotes"]] == [
        (
            "Ministry of Foreign Affairs of Russia",
            "Any future arrangement must cover every system that worries both sides",
            "said",
        ),
        (
            "Ministry of Foreign Affairs of Russia",
            "We remain open to a serious conversation",
            "added",
        ),
    ]
    assert all(q["direct"] for q in c["quotes"])


def test_offsets_point_at_the_quote_in_the_stored_body():
    (result,), (c,) = run_pure("ministry_statement_xinhua_style.txt")
    body = result.article.body
    q = c["quotes"][0]
    assert body[q["start"] : q["end"]] == (
        '"Any future arrangement must cover every system that worries both sides,"'
    )


def test_curly_quotes_split_and_multi_paragraph():
    _, (c,) = run_pure("minister_interview_tass_style.txt")
    assert [(q["speaker"], q["text"], q["cue_verb"]) for q in c["quotes"]] == [
        (
            "Sergei Lavrov",
            "We are not slamming any doors. If our American colleagues bring real "
            "proposals, we will study them carefully",
            "said",
        ),
        ("Sergei Lavrov", "But nobody should expect us to disarm alone", "added"),
        (
            "Sergei Lavrov",
            "The Treaty on Open Skies was taken apart by the same logic. Now the "
            "same thing is happening to the New START (Strategic Arms Reduction) Treaty",
            "continued",
        ),
        ("Sergei Lavrov", "I hope common sense wins in the end", "said"),
    ]


def test_deck_quote_and_scare_quotes_are_not_statements():
    (result,), (c,) = run_pure("minister_interview_tass_style.txt")
    texts = [q["text"] for q in c["quotes"]]
    assert "the door is not closed" not in texts  # the deck repeats the body
    assert not any("one-sided" in t for t in texts)


def test_partial_quote_after_according_to_him():
    _, (c,) = run_pure("repost_no_outlet.txt")
    assert [(q["speaker"], q["text"]) for q in c["quotes"]] == [
        ("Sergei Ryabkov", "Nobody gains from stacking more launchers along a border"),
        ("Sergei Ryabkov", "we would study it line by line."),
    ]
    assert c["quotes"][1]["confidence"] < c["quotes"][0]["confidence"]


def test_unknown_speaker_is_reported_as_printed():
    quotes, _ = quotes_of(
        'Talks end\nOSLO (Reuters) - "We will meet again next spring," Jonas Berg told reporters.\n'
    )
    assert quotes == [("Jonas Berg", "We will meet again next spring", "told")]


def test_speaker_before_the_quote():
    quotes, _ = quotes_of(
        'Talks end\nOSLO (Reuters) - Sergei Lavrov said: "Nothing has been '
        'decided about the next round yet."\n'
    )
    assert quotes == [
        ("Sergei Lavrov", "Nothing has been decided about the next round yet.", "said")
    ]


def test_pronoun_and_title_coreference_skip_names_inside_quotes():
    text = (
        "Minister warns\nMOSCOW (Reuters) - Vladimir Putin received Lavrov on Monday.\n"
        '"I discussed this with Antony Blinken last year and nothing changed," he said.\n'
        '"We are patient people, but patience has limits," the foreign minister added.\n'
        '"Our answer will be measured and calm," the president said.\n'
    )
    quotes, _ = quotes_of(text)
    # "he" is the last person named outside a quote (not Blinken, who is inside one);
    # the titles go to whoever holds them.
    assert [q[0] for q in quotes] == ["Sergei Lavrov", "Sergei Lavrov", "Vladimir Putin"]


def test_title_prefers_the_person_with_that_title():
    text = (
        "Minister warns\nMOSCOW (Reuters) - Russian Foreign Minister Sergey Lavrov met "
        "Russian President Vladimir Putin on Monday.\n"
        '"We will answer any deployment in kind and without delay," the top diplomat said.\n'
    )
    quotes, _ = quotes_of(text)
    assert quotes == [
        ("Sergei Lavrov", "We will answer any deployment in kind and without delay", "said")
    ]


def test_quote_without_own_attribution_inherits_the_paragraph_speaker():
    text = (
        'Minister warns\nMOSCOW (Reuters) - "The first part is settled," Lavrov said. '
        '"The second part will take much longer to agree."\n'
    )
    quotes, result = quotes_of(text)
    assert [q[:2] for q in quotes] == [
        ("Sergei Lavrov", "The first part is settled"),
        ("Sergei Lavrov", "The second part will take much longer to agree."),
    ]
    assert result.quotes[1].confidence < result.quotes[0].confidence


def test_statement_and_it_resolve_to_the_issuing_organisation():
    text = (
        "Ministry warns\nMOSCOW (Reuters) - Washington refused to talk, the Russian Foreign "
        "Ministry said on Monday.\n"
        '"Nobody should doubt our resolve in this matter," the statement said.\n'
        '"We will respond to every step that threatens us," it added.\n'
    )
    quotes, _ = quotes_of(text)
    assert [q[0] for q in quotes] == ["Ministry of Foreign Affairs of Russia"] * 2


def test_indirect_speech_is_a_paraphrase_with_lower_confidence():
    (result,), (c,) = run_pure("ministry_statement_xinhua_style.txt")
    assert [(p["speaker"], p["text"], p["cue_verb"]) for p in c["paraphrases"]] == [
        (
            "Ministry of Foreign Affairs of Russia",
            "Russia is ready to talk about limits on ground-launched missiles",
            "said",
        ),
        (
            "Ministry of Foreign Affairs of Russia",
            "the New START treaty, which will expire in 2026, should be discussed without "
            "preconditions.",
            "said",
        ),
        (
            "Ministry of Foreign Affairs of Russia",
            "The Intermediate-Range Nuclear Forces (INF) Treaty collapsed on Aug. 2, 2019",
            "recalled",
        ),
    ]
    assert max(p["confidence"] for p in c["paraphrases"]) < min(
        q["confidence"] for q in c["quotes"]
    )
    assert not any(p["direct"] for p in c["paraphrases"])


def test_unbalanced_quote_recovers_its_attribution_and_warns():
    (result,), (c,) = run_pure("unbalanced_quotes.txt")
    assert [(q["speaker"], q["text"]) for q in c["quotes"]] == [
        ("Envoy", "The test ban has held for decades and it must hold now"),
        ("Envoy", "We will keep working on it"),
    ]
    assert c["quotes"][0]["confidence"] < c["quotes"][1]["confidence"]
    assert c["warnings"][0] == {
        "code": "unbalanced_quotes",
        "message": "1 quotation mark(s) without a partner; the quote was closed at the end of "
        "its paragraph and its confidence lowered.",
    }


def test_stray_closing_mark_is_counted_not_fatal():
    quotes, result = quotes_of(
        "Talks end\nOSLO (Reuters) - The talks ended” without a deal, officials said.\n"
    )
    assert quotes == []
    assert [w["code"] for w in result.warnings][0] == "unbalanced_quotes"


def test_title_words_are_not_part_of_a_name():
    quotes, result = quotes_of(
        "Missiles\nMOSCOW (Reuters) - Russia will not deploy first, Deputy Foreign Minister "
        'Sergei Ryabkov said on Tuesday.\n"We will not be the first to deploy," Ryabkov told '
        'reporters. "But if they do, we will respond."\n'
    )
    assert quotes == [
        ("Sergei Ryabkov", "We will not be the first to deploy", "told"),
        ("Sergei Ryabkov", "But if they do, we will respond.", "told"),
    ]
    assert result.statements[0].kind == "paraphrase"
    assert result.statements[0].speaker_name == "Sergei Ryabkov"


def test_colon_attribution_before_the_quote():
    quotes, _ = quotes_of(
        "Kremlin\nMOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said: "
        '"There is no arms race, and we do not want one."\n'
    )
    assert quotes == [("Dmitry Peskov", "There is no arms race, and we do not want one.", "said")]


# Single quote marks (British style) ----------------------------------------------------------


def british(*paragraphs: str) -> str:
    return "\n\n".join(["Envoy speaks", *paragraphs]) + "\n"


def test_curly_single_quotes_with_apostrophes_inside():
    found, result = quotes_of(
        british(
            "LONDON, June 3 (Reuters) - Russia’s foreign minister spoke on Friday.",
            "‘We don’t intend to rewrite the states’ obligations, and nobody should expect it,’ "
            "Sergei Lavrov told reporters. He added: ‘The door stays open.’",
        )
    )
    assert found == [
        (
            "Sergei Lavrov",
            "We don’t intend to rewrite the states’ obligations, and nobody should expect it",
            "told",
        ),
        ("Sergei Lavrov", "The door stays open.", "added"),
    ]
    body = result.article.body
    first = result.quotes[0]
    assert body[first.start] == "‘" and body[first.end - 1] == "’"


def test_straight_single_quotes_and_a_head_attribution():
    found, _ = quotes_of(
        british(
            "GENEVA (Reuters) - The envoy's remarks came late.",
            "Sergei Lavrov said: 'Our partners' proposals are not serious and we will say so.'",
        )
    )
    assert found == [
        ("Sergei Lavrov", "Our partners' proposals are not serious and we will say so.", "said")
    ]


def test_single_quotes_run_over_paragraphs_like_double_ones():
    found, _ = quotes_of(
        british(
            "GENEVA (Reuters) - Sergei Lavrov spoke at length.",
            "‘We have waited for an answer for a very long time.",
            "‘Nobody in Washington has given one,’ Lavrov said.",
        )
    )
    assert found == [
        (
            "Sergei Lavrov",
            "We have waited for an answer for a very long time. Nobody in Washington has given one",
            "said",
        )
    ]


def test_apostrophes_alone_make_no_quotes():
    found, result = quotes_of(
        british(
            "GENEVA (Reuters) - Russia’s envoy said the allies’ plans from the ’90s and "
            "’em all were old news; the U.S.’ answer isn’t due until 'tis late.",
        )
    )
    assert found == []
    assert not any(w["code"] == "unbalanced_quotes" for w in result.warnings)
    assert [(p.speaker_name, p.kind) for p in result.statements] == [("Envoy", "paraphrase")]


def test_single_quoted_terms_are_not_statements():
    found, result = quotes_of(
        british(
            "GENEVA (Reuters) - The envoy warned against so-called ‘red lines’ in the talks, "
            "officials said.",
        )
    )
    assert found == []
    assert result.statements == []


def test_single_marks_inside_a_double_quote_stay_in_it():
    found, _ = quotes_of(
        british(
            "GENEVA (Reuters) - Sergei Lavrov spoke on Friday.",
            "“They told us ‘never again’ and we believed them for a while,” Lavrov said.",
        )
    )
    assert found == [
        ("Sergei Lavrov", "They told us ‘never again’ and we believed them for a while", "said")
    ]


def test_a_double_quote_inside_a_single_quote_is_part_of_it():
    found, _ = quotes_of(
        british(
            "GENEVA (Reuters) - Sergei Lavrov spoke on Friday.",
            "‘Some called the plan “a fresh start for everyone”, but it was not,’ Lavrov said.",
        )
    )
    assert found == [
        (
            "Sergei Lavrov",
            "Some called the plan “a fresh start for everyone”, but it was not",
            "said",
        )
    ]
