"""Demo statements. Direct quotes are single short sentences; the rest are our paraphrases.

Unpublished on purpose: the statements with "status" set below (Medvedev
2010, Ryabkov 2019 in review; Lavrov 2019 as a draft).
Each entry: speaker slug, EDTF date, kind, text, and optionally on_behalf_of,
venue, treaties, events, status, cite [(source key, excerpt)].
"""

STATEMENTS = [
    {
        "speaker": "ronald-reagan",
        "date": "1987-12-08",
        "kind": "direct_quote",
        "text": "Trust, but verify.",
        "venue": "White House, Washington",
        "on_behalf_of": "united-states",
        "treaties": ["inf-treaty"],
        "events": ["inf-treaty-signed-1987"],
        "cite": [("state-inf", "trust, but verify")],
    },
    {
        "speaker": "george-w-bush",
        "date": "2001-12-13",
        "kind": "paraphrase",
        "text": "The ABM Treaty stands in the way of defending the United States against missile "
        "attacks by terrorists or rogue states.",
        "venue": "White House, Washington",
        "on_behalf_of": "united-states",
        "treaties": ["abm-treaty"],
        "events": ["us-gives-abm-withdrawal-notice-2001"],
        "cite": [
            (
                "ap-2001-12-13",
                "Bush said the treaty stood in the way of defending the "
                "country against missile attacks by terrorists or rogue "
                "states",
            )
        ],
    },
    {
        "speaker": "vladimir-putin",
        "date": "2001-12-13",
        "kind": "paraphrase",
        "text": "The US decision to leave the ABM Treaty is a mistake, but it does not threaten "
        "Russia's security.",
        "on_behalf_of": "russia",
        "treaties": ["abm-treaty"],
        "events": ["us-gives-abm-withdrawal-notice-2001"],
        "cite": [
            (
                "ap-2001-12-13",
                "called the decision a mistake but said it did not threaten Russia's security",
            )
        ],
    },
    {
        "speaker": "barack-obama",
        "date": "2009-04-05",
        "kind": "paraphrase",
        "text": "The United States is committed to seeking the peace and security of a world "
        "without nuclear weapons.",
        "venue": "Prague",
        "on_behalf_of": "united-states",
        "treaties": ["ctbt"],
        "events": ["obama-prague-speech-2009"],
        "cite": [
            (
                "whitehouse-2009-04-05",
                "committed the United States to seeking the peace and "
                "security of a world without nuclear weapons",
            )
        ],
    },
    {
        "speaker": "barack-obama",
        "date": "2010-04-08",
        "kind": "paraphrase",
        "text": "New START is an important milestone for nuclear security and for US–Russian "
        "relations.",
        "venue": "Prague Castle",
        "treaties": ["new-start"],
        "events": ["new-start-signed-2010"],
        "cite": [("reuters-2010-04-08", "called it an important milestone for nuclear security")],
    },
    {
        "speaker": "dmitry-medvedev",
        "date": "2010-04-08",
        "kind": "paraphrase",
        "text": "The treaty is a win for both sides; neither loses from it.",
        "venue": "Prague Castle",
        "treaties": ["new-start"],
        "events": ["new-start-signed-2010"],
        "status": "review",
        "cite": [("reuters-2010-04-08", "said the agreement was a win for both sides")],
    },
    {
        "speaker": "donald-trump",
        "date": "2018-05-08",
        "kind": "paraphrase",
        "text": "The Iran nuclear deal is a horrible, one-sided deal, and the United States is "
        "leaving it.",
        "venue": "White House, Washington",
        "on_behalf_of": "united-states",
        "events": ["us-leaves-jcpoa-2018"],
        "cite": [("whitehouse-2018-05-08", "calling the agreement a horrible, one-sided deal")],
    },
    {
        "speaker": "donald-trump",
        "date": "2018-10-20",
        "kind": "paraphrase",
        "text": "The United States will pull out of the INF Treaty because Russia has violated it "
        "for years.",
        "venue": "Elko, Nevada",
        "treaties": ["inf-treaty"],
        "events": ["trump-says-us-will-quit-inf-2018"],
        "cite": [
            (
                "reuters-2018-10-20",
                "would pull out of the INF Treaty because Russia had violated it for years",
            )
        ],
    },
    {
        "speaker": "mike-pompeo",
        "date": "2018-12-04",
        "kind": "paraphrase",
        "text": "Unless Russia returns to compliance within 60 days, the United States will "
        "suspend its INF obligations.",
        "venue": "NATO foreign ministers' meeting, Brussels",
        "on_behalf_of": "united-states",
        "treaties": ["inf-treaty"],
        "events": ["pompeo-inf-ultimatum-2018"],
        "cite": [
            (
                "reuters-2018-12-04",
                "would suspend its INF obligations in 60 days unless "
                "Russia came back into compliance",
            )
        ],
    },
    {
        "speaker": "sergei-ryabkov",
        "date": "2019-01-15",
        "kind": "paraphrase",
        "text": "The Geneva consultations on the INF Treaty made no progress.",
        "venue": "Geneva",
        "on_behalf_of": "russia",
        "treaties": ["inf-treaty"],
        "events": ["geneva-inf-talks-2019"],
        "status": "review",
        "cite": [
            ("tass-2019-01-15", "Ryabkov said afterwards that the talks had made no progress")
        ],
    },
    {
        "speaker": "mike-pompeo",
        "date": "2019-02-01",
        "kind": "official_statement",
        "text": "The United States suspends its INF Treaty obligations from 2 February and gives "
        "notice of withdrawal, effective in six months unless Russia returns to compliance.",
        "on_behalf_of": "united-states",
        "treaties": ["inf-treaty"],
        "events": ["us-suspends-inf-and-gives-notice-2019"],
        "cite": [
            (
                "state-inf-2019",
                "The withdrawal would take effect in six months unless Russia "
                "returned to full and verifiable compliance",
            )
        ],
    },
    {
        "speaker": "vladimir-putin",
        "date": "2019-02-02",
        "kind": "paraphrase",
        "text": "Russia will mirror the United States and suspend its participation in the INF "
        "Treaty.",
        "venue": "Kremlin, Moscow",
        "on_behalf_of": "russia",
        "treaties": ["inf-treaty"],
        "events": ["putin-suspends-inf-2019"],
        "cite": [
            (
                "tass-2019-02-02",
                "Russia would mirror the US move and suspend its participation in the INF Treaty",
            )
        ],
    },
    {
        "speaker": "vladimir-putin",
        "date": "2019-02-02",
        "kind": "paraphrase",
        "text": "Russia will not deploy new intermediate-range missiles in Europe or elsewhere "
        "unless US missiles of that class are deployed there first.",
        "venue": "Kremlin, Moscow",
        "on_behalf_of": "russia",
        "treaties": ["inf-treaty"],
        "events": ["putin-suspends-inf-2019"],
        "cite": [
            (
                "tass-2019-02-02",
                "would not deploy new intermediate-range weapons in Europe "
                "or elsewhere unless US weapons of that class appeared there "
                "first",
            )
        ],
    },
    {
        "speaker": "sergei-lavrov",
        "date": "2019-02-02",
        "kind": "paraphrase",
        "text": "Washington rejected Russia's proposals to save the INF Treaty.",
        "venue": "Kremlin, Moscow",
        "on_behalf_of": "russia",
        "treaties": ["inf-treaty"],
        "events": ["putin-suspends-inf-2019"],
        "status": "draft",
        "cite": [
            ("tass-2019-02-02", "Washington had rejected Russia's proposals to preserve the treaty")
        ],
    },
    {
        "speaker": "nato",
        "date": "2019-08-02",
        "kind": "direct_quote",
        "text": "Russia bears sole responsibility for the demise of the Treaty.",
        "venue": "North Atlantic Council, Brussels",
        "treaties": ["inf-treaty"],
        "events": ["us-leaves-inf-treaty-2019"],
        "cite": [
            ("nato-2019-08-02", "Russia bears sole responsibility for the demise of the Treaty")
        ],
    },
    {
        "speaker": "mike-pompeo",
        "date": "2019-08-02",
        "kind": "paraphrase",
        "text": "Russia alone is responsible for the end of the INF Treaty.",
        "on_behalf_of": "united-states",
        "treaties": ["inf-treaty"],
        "events": ["us-leaves-inf-treaty-2019"],
        "cite": [
            ("ap-2019-08-02", "Pompeo said Russia was solely responsible for the treaty's end")
        ],
    },
    {
        "speaker": "russian-mfa",
        "date": "2019-08-02",
        "kind": "official_statement",
        "text": "The INF Treaty has ceased to exist at the initiative of the United States.",
        "on_behalf_of": "russia",
        "treaties": ["inf-treaty"],
        "events": ["us-leaves-inf-treaty-2019"],
        "cite": [
            (
                "ap-2019-08-02",
                "the treaty had ceased to exist at the initiative of the United States",
            )
        ],
    },
    {
        "speaker": "mike-pompeo",
        "date": "2020-05-21",
        "kind": "paraphrase",
        "text": "The United States will leave the Open Skies Treaty because Russia has violated "
        "it.",
        "on_behalf_of": "united-states",
        "treaties": ["open-skies"],
        "events": ["us-announces-open-skies-exit-2020"],
        "cite": [("reuters-2020-11-22", "accusing Russia of violating the treaty")],
    },
    {
        "speaker": "russian-mfa",
        "date": "2021-01-15",
        "kind": "official_statement",
        "text": "Because the US exit upset the balance of the Open Skies Treaty, Russia is "
        "starting the domestic procedures to withdraw.",
        "on_behalf_of": "russia",
        "treaties": ["open-skies"],
        "events": ["russia-starts-open-skies-exit-2021"],
        "cite": [("sputnik-2021-12-18", "saying the US exit had upset the balance of the treaty")],
    },
    {
        "speaker": "antony-blinken",
        "date": "2021-02-03",
        "kind": "paraphrase",
        "text": "Extending New START makes the United States, its allies and partners, and the "
        "world safer.",
        "on_behalf_of": "united-states",
        "treaties": ["new-start"],
        "events": ["new-start-extended-2021"],
        "cite": [
            (
                "state-newstart",
                "said the extension made the United States, its allies and "
                "partners, and the world safer",
            )
        ],
    },
    {
        "speaker": "p5",
        "date": "2022-01-03",
        "kind": "direct_quote",
        "text": "A nuclear war cannot be won and must never be fought.",
        "treaties": ["npt"],
        "events": ["p5-statement-2022"],
        "cite": [("reuters-2022-01-03", "a nuclear war cannot be won and must never be fought")],
    },
    {
        "speaker": "vladimir-putin",
        "date": "2023-02-21",
        "kind": "paraphrase",
        "text": "Russia is suspending its participation in New START but is not withdrawing from "
        "the treaty.",
        "venue": "Address to the Federal Assembly, Moscow",
        "on_behalf_of": "russia",
        "treaties": ["new-start"],
        "events": ["putin-suspends-new-start-2023"],
        "cite": [
            ("tass-2023-02-21", "He stressed that Russia was not withdrawing from the treaty")
        ],
    },
    {
        "speaker": "russian-mfa",
        "date": "2023-02-21",
        "kind": "official_statement",
        "text": "Russia will keep to New START's central limits on strategic arms for as long as "
        "the treaty lasts.",
        "on_behalf_of": "russia",
        "treaties": ["new-start"],
        "events": ["putin-suspends-new-start-2023"],
        "cite": [
            (
                "tass-2023-02-21",
                "would keep to the treaty's central limits on strategic "
                "arms for as long as the treaty lasts",
            )
        ],
    },
    {
        "speaker": "antony-blinken",
        "date": "2023-02-21",
        "kind": "paraphrase",
        "text": "Russia's announcement on New START is deeply unfortunate and irresponsible.",
        "on_behalf_of": "united-states",
        "treaties": ["new-start"],
        "events": ["putin-suspends-new-start-2023"],
        "cite": [("reuters-2023-02-21", "was deeply unfortunate and irresponsible")],
    },
    {
        "speaker": "vladimir-putin",
        "date": "2023-10-05",
        "kind": "paraphrase",
        "text": "Russia could revoke its CTBT ratification to mirror the United States, which "
        "signed the treaty but never ratified it.",
        "venue": "Valdai forum, Sochi",
        "on_behalf_of": "russia",
        "treaties": ["ctbt"],
        "events": ["putin-valdai-ctbt-2023"],
        "cite": [("xinhua-2023-11-02", "Putin had said Russia could mirror the US position")],
    },
]
