"""Demo treaties and each party's actions on them.

Conventions:
- Actions taken by the Soviet Union are recorded against ``russia`` with a note,
  as the UN treaty databases do (the Russian Federation continues the USSR's
  treaty rights and obligations).
- For multilateral treaties we record only the parties this demo needs; where
  a ratification date is not certain, the treaty's entry into force *for* that
  state is recorded instead (an actor-specific ``entry_into_force``).
- ``expires`` is the commonly cited expiry date (START I: 5 December 2009),
  the day the treaty ceases to be in force.
- Multilateral treaties whose parties are recorded with an actor-specific entry
  into force (START I, Open Skies, CFE) need no treaty-wide entry-into-force
  row. A treaty's signature and entry-into-force dates are derived from these
  actions (Treaty.derived_from_actions), never typed in.
"""

USSR_NOTE = "Signed by the Soviet Union; the Russian Federation continues its obligations."

TREATIES = [
    {
        "slug": "inf-treaty",
        "name": "Treaty between the United States of America and the Union of Soviet Socialist "
        "Republics on the Elimination of Their Intermediate-Range and Shorter-Range Missiles",
        "short_name": "INF Treaty",
        "aliases": [
            "INF Treaty",
            "Intermediate-Range Nuclear Forces Treaty",
            "INF",
            "Intermediate Nuclear Forces Treaty",
            "INF treaty",
        ],
        "kind": "bilateral",
        "summary": "Banned US and Soviet ground-launched missiles with ranges of 500 to 5,500 km. "
        "Ended on 2 August 2019 when the US withdrawal took effect.",
    },
    {
        "slug": "new-start",
        "name": "Treaty on Measures for the Further Reduction and Limitation of Strategic "
        "Offensive Arms",
        "short_name": "New START",
        "aliases": [
            "New START",
            "Strategic Arms Reduction Treaty",
            "START III",
            "Prague Treaty",
            "Treaty on Measures for the Further Reduction and Limitation of Strategic "
            "Offensive Arms",
            "New START Treaty",
            "SNV-III",
        ],
        "kind": "bilateral",
        "expires": "2021-02-05",
        "summary": "Limits US and Russian deployed strategic warheads and launchers. Extended in "
        "2021 for five years; Russia suspended its participation in 2023.",
    },
    {
        "slug": "abm-treaty",
        "name": "Treaty on the Limitation of Anti-Ballistic Missile Systems",
        "short_name": "ABM Treaty",
        "aliases": ["ABM Treaty", "Anti-Ballistic Missile Treaty", "ABM"],
        "kind": "bilateral",
        "summary": "Limited US and Soviet missile defences. The United States withdrew in 2002.",
    },
    {
        "slug": "salt-i",
        "name": "Interim Agreement on Certain Measures with Respect to the Limitation of "
        "Strategic Offensive Arms",
        "short_name": "SALT I",
        "aliases": [
            "SALT I",
            "SALT I Interim Agreement",
            "Interim Agreement",
            "Strategic Arms Limitation Talks agreement",
            "SALT",
        ],
        "kind": "bilateral",
        "expires": "1977-10-03",
        "summary": "Froze the number of strategic ballistic missile launchers for five years.",
    },
    {
        "slug": "salt-ii",
        "name": "Treaty on the Limitation of Strategic Offensive Arms (SALT II)",
        "short_name": "SALT II",
        "aliases": ["SALT II", "SALT II Treaty", "SALT-2"],
        "kind": "bilateral",
        "summary": "Signed in Vienna; never ratified by the United States.",
    },
    {
        "slug": "start-i",
        "name": "Treaty on the Reduction and Limitation of Strategic Offensive Arms (START I)",
        "short_name": "START I",
        "aliases": ["START I", "START", "START-1", "Strategic Arms Reduction Treaty"],
        "kind": "multilateral",
        "expires": "2009-12-05",
        "summary": "Signed by the US and USSR; the 1992 Lisbon Protocol made Belarus, "
        "Kazakhstan, Russia and Ukraine parties. Expired in December 2009.",
    },
    {
        "slug": "start-ii",
        "name": "Treaty on Further Reduction and Limitation of Strategic Offensive Arms (START II)",
        "short_name": "START II",
        "aliases": ["START II", "START-2"],
        "kind": "bilateral",
        "summary": "Signed by Bush and Yeltsin; never entered into force.",
    },
    {
        "slug": "npt",
        "name": "Treaty on the Non-Proliferation of Nuclear Weapons",
        "short_name": "NPT",
        "aliases": [
            "NPT",
            "Non-Proliferation Treaty",
            "Nuclear Non-Proliferation Treaty",
            "Treaty on the Non-Proliferation of Nuclear Weapons",
        ],
        "kind": "multilateral",
        "summary": "Cornerstone of the non-proliferation regime; extended indefinitely in 1995.",
    },
    {
        "slug": "ctbt",
        "name": "Comprehensive Nuclear-Test-Ban Treaty",
        "short_name": "CTBT",
        "aliases": [
            "CTBT",
            "Comprehensive Nuclear-Test-Ban Treaty",
            "Comprehensive Test Ban Treaty",
            "nuclear test ban treaty",
        ],
        "kind": "multilateral",
        "summary": "Bans all nuclear explosions; not in force.",
    },
    {
        "slug": "open-skies",
        "name": "Treaty on Open Skies",
        "short_name": "Open Skies",
        "aliases": ["Open Skies Treaty", "Treaty on Open Skies", "Open Skies", "OST"],
        "kind": "multilateral",
        "summary": "Allows unarmed observation flights over the parties' territory.",
    },
    {
        "slug": "cfe-treaty",
        "name": "Treaty on Conventional Armed Forces in Europe",
        "short_name": "CFE Treaty",
        "aliases": ["CFE Treaty", "CFE", "Treaty on Conventional Armed Forces in Europe"],
        "kind": "multilateral",
        "summary": "Set limits on conventional military equipment in Europe.",
    },
]

# Treaties not published yet, to exercise visibility rules.
REVIEW_TREATIES = {"start-ii"}

_BIG5_CFE = ["united-states", "russia", "united-kingdom", "france", "germany"]

# (treaty, actor or None, action, EDTF date, extras). extras may hold
# "extended_until", "note", "event" (event slug), "status", "cite" [(source, excerpt)].
TREATY_ACTIONS = [
    # INF
    (
        "inf-treaty",
        "united-states",
        "signature",
        "1987-12-08",
        {
            "event": "inf-treaty-signed-1987",
            "cite": [("state-inf", "signed the INF Treaty in Washington on 8 December 1987")],
        },
    ),
    (
        "inf-treaty",
        "russia",
        "signature",
        "1987-12-08",
        {"note": USSR_NOTE, "event": "inf-treaty-signed-1987"},
    ),
    (
        "inf-treaty",
        None,
        "entry_into_force",
        "1988-06-01",
        {
            "event": "inf-treaty-enters-into-force-1988",
            "cite": [("state-inf", "entered into force on 1 June 1988")],
        },
    ),
    (
        "inf-treaty",
        "united-states",
        "suspension",
        "2019-02-02",
        {
            "event": "us-suspends-inf-and-gives-notice-2019",
            "cite": [
                (
                    "state-inf-2019",
                    "would suspend its obligations under the INF Treaty from 2 February",
                )
            ],
        },
    ),
    (
        "inf-treaty",
        "united-states",
        "withdrawal_notice",
        "2019-02-02",
        {
            "event": "us-suspends-inf-and-gives-notice-2019",
            "cite": [("state-inf-2019", "would give Russia formal notice of withdrawal that day")],
        },
    ),
    (
        "inf-treaty",
        "russia",
        "suspension",
        "2019-03-04",
        {
            "note": "Presidential decree; announced on 2 February 2019.",
            "event": "putin-decree-suspends-inf-2019",
            "cite": [
                (
                    "tass-2019-03-04",
                    "signed a decree on 4 March 2019 suspending Russia's "
                    "compliance with the INF Treaty",
                )
            ],
        },
    ),
    (
        "inf-treaty",
        "united-states",
        "withdrawal_effective",
        "2019-08-02",
        {
            "event": "us-leaves-inf-treaty-2019",
            "cite": [("ap-2019-08-02", "formally left the INF Treaty on 2 August 2019")],
        },
    ),
    # New START
    (
        "new-start",
        "united-states",
        "signature",
        "2010-04-08",
        {
            "event": "new-start-signed-2010",
            "cite": [("state-newstart", "signed the New START Treaty in Prague on 8 April 2010")],
        },
    ),
    (
        "new-start",
        "russia",
        "signature",
        "2010-04-08",
        {
            "event": "new-start-signed-2010",
            "cite": [("state-newstart", "signed the New START Treaty in Prague on 8 April 2010")],
        },
    ),
    (
        "new-start",
        None,
        "entry_into_force",
        "2011-02-05",
        {
            "event": "new-start-enters-into-force-2011",
            "cite": [("state-newstart", "entered into force on 5 February 2011")],
        },
    ),
    (
        "new-start",
        None,
        "extension",
        "2021-02-03",
        {
            "extended_until": "2026-02-05",
            "event": "new-start-extended-2021",
            "cite": [("state-newstart", "extended the treaty by five years, to 5 February 2026")],
        },
    ),
    (
        "new-start",
        "russia",
        "suspension",
        "2023-02-21",
        {
            "note": "Announced by President Putin; the suspension law followed later that month.",
            "event": "putin-suspends-new-start-2023",
            "cite": [
                (
                    "tass-2023-02-21",
                    "Russia was suspending its participation in the New START Treaty",
                )
            ],
        },
    ),
    # ABM
    (
        "abm-treaty",
        "united-states",
        "signature",
        "1972-05-26",
        {
            "event": "abm-and-salt-i-signed-1972",
            "cite": [("ap-1972-05-26", "signed the Anti-Ballistic Missile Treaty")],
        },
    ),
    (
        "abm-treaty",
        "russia",
        "signature",
        "1972-05-26",
        {"note": USSR_NOTE, "event": "abm-and-salt-i-signed-1972"},
    ),
    (
        "abm-treaty",
        None,
        "entry_into_force",
        "1972-10-03",
        {
            "event": "abm-and-salt-i-enter-into-force-1972",
            "cite": [("state-abm", "both entered into force on 3 October 1972")],
        },
    ),
    (
        "abm-treaty",
        "united-states",
        "withdrawal_notice",
        "2001-12-13",
        {
            "event": "us-gives-abm-withdrawal-notice-2001",
            "cite": [("ap-2001-12-13", "had given Russia formal notice of its withdrawal")],
        },
    ),
    (
        "abm-treaty",
        "united-states",
        "withdrawal_effective",
        "2002-06-13",
        {
            "event": "us-leaves-abm-treaty-2002",
            "cite": [("reuters-2002-06-13", "formally left the ABM Treaty on 13 June 2002")],
        },
    ),
    # SALT I
    (
        "salt-i",
        "united-states",
        "signature",
        "1972-05-26",
        {
            "event": "abm-and-salt-i-signed-1972",
            "cite": [("ap-1972-05-26", "the Interim Agreement on strategic offensive arms")],
        },
    ),
    (
        "salt-i",
        "russia",
        "signature",
        "1972-05-26",
        {"note": USSR_NOTE, "event": "abm-and-salt-i-signed-1972"},
    ),
    (
        "salt-i",
        None,
        "entry_into_force",
        "1972-10-03",
        {
            "event": "abm-and-salt-i-enter-into-force-1972",
            "cite": [("state-abm", "both entered into force on 3 October 1972")],
        },
    ),
    # SALT II
    (
        "salt-ii",
        "united-states",
        "signature",
        "1979-06-18",
        {
            "event": "salt-ii-signed-1979",
            "cite": [("ap-1979-06-18", "signed the SALT II treaty in Vienna on 18 June 1979")],
        },
    ),
    (
        "salt-ii",
        "russia",
        "signature",
        "1979-06-18",
        {"note": USSR_NOTE, "event": "salt-ii-signed-1979"},
    ),
    # START I
    (
        "start-i",
        "united-states",
        "signature",
        "1991-07-31",
        {
            "event": "start-i-signed-1991",
            "cite": [
                (
                    "ap-1991-07-31",
                    "signed the Strategic Arms Reduction Treaty in Moscow on 31 July 1991",
                )
            ],
        },
    ),
    (
        "start-i",
        "russia",
        "signature",
        "1991-07-31",
        {"note": USSR_NOTE, "event": "start-i-signed-1991"},
    ),
    *[
        (
            "start-i",
            state,
            "signature",
            "1992-05-23",
            {
                "note": "Lisbon Protocol.",
                "event": "lisbon-protocol-signed-1992",
                "cite": [("state-start", "the Lisbon Protocol of 23 May 1992")],
            },
        )
        for state in ("belarus", "kazakhstan", "ukraine")
    ],
    *[
        (
            "start-i",
            state,
            "entry_into_force",
            "1994-12-05",
            {
                "event": "start-i-enters-into-force-1994",
                "cite": [("state-start", "entered into force on 5 December 1994")],
            },
        )
        for state in ("united-states", "russia", "belarus", "kazakhstan", "ukraine")
    ],
    # START II (never in force)
    *[
        (
            "start-ii",
            state,
            "signature",
            "1993-01-03",
            {
                "event": "start-ii-signed-1993",
                "cite": [
                    (
                        "state-start",
                        "signed by Presidents George Bush and Boris Yeltsin in "
                        "Moscow on 3 January 1993",
                    )
                ],
            },
        )
        for state in ("united-states", "russia")
    ],
    # NPT
    *[
        (
            "npt",
            state,
            "signature",
            "1968-07-01",
            {
                "event": "npt-opened-for-signature-1968",
                "note": USSR_NOTE if state == "russia" else "",
                "cite": [("unoda-npt", "opened for signature on 1 July 1968")],
            },
        )
        for state in ("united-states", "russia", "united-kingdom", "iran")
    ],
    (
        "npt",
        "united-kingdom",
        "ratification",
        "1968-11-27",
        {"cite": [("unoda-npt", "The United Kingdom ratified it on 27 November 1968")]},
    ),
    (
        "npt",
        "iran",
        "ratification",
        "1970-02-02",
        {"status": "review", "cite": [("unoda-npt", "Iran ratified on 2 February 1970")]},
    ),
    (
        "npt",
        "united-states",
        "ratification",
        "1970-03-05",
        {"cite": [("unoda-npt", "deposited their ratifications on 5 March 1970")]},
    ),
    (
        "npt",
        "russia",
        "ratification",
        "1970-03-05",
        {
            "note": "Ratified by the Soviet Union.",
            "cite": [("unoda-npt", "deposited their ratifications on 5 March 1970")],
        },
    ),
    (
        "npt",
        None,
        "entry_into_force",
        "1970-03-05",
        {
            "event": "npt-enters-into-force-1970",
            "cite": [("unoda-npt", "the day it entered into force")],
        },
    ),
    (
        "npt",
        "north-korea",
        "accession",
        "1985-12-12",
        {
            "event": "north-korea-joins-npt-1985",
            "cite": [("xinhua-2003-01-10", "had joined the treaty on 12 December 1985")],
        },
    ),
    (
        "npt",
        "china",
        "accession",
        "1992-03-09",
        {"cite": [("unoda-npt", "China acceded on 9 March 1992")]},
    ),
    (
        "npt",
        "france",
        "accession",
        "1992-08-03",
        {"cite": [("unoda-npt", "France on 3 August 1992")]},
    ),
    (
        "npt",
        "ukraine",
        "accession",
        "1994-12-05",
        {
            "event": "budapest-memorandum-1994",
            "cite": [("state-start", "as it joined the NPT as a non-nuclear-weapon state")],
        },
    ),
    (
        "npt",
        None,
        "extension",
        "1995-05-11",
        {
            "note": "Extended indefinitely.",
            "event": "npt-extended-indefinitely-1995",
            "cite": [("unoda-npt", "decided to extend the treaty indefinitely")],
        },
    ),
    # CTBT
    *[
        (
            "ctbt",
            state,
            "signature",
            "1996-09-24",
            {
                "event": "ctbt-opened-for-signature-1996",
                "cite": [
                    (
                        "ctbto-treaty",
                        "also signed on the first day"
                        if state != "united-states"
                        else "President Bill Clinton was the first leader to sign it",
                    )
                ],
            },
        )
        for state in ("united-states", "russia", "china", "united-kingdom", "france")
    ],
    *[
        (
            "ctbt",
            state,
            "ratification",
            "1998-04-06",
            {
                "cite": [
                    ("ctbto-treaty", "The United Kingdom and France ratified it on 6 April 1998")
                ]
            },
        )
        for state in ("united-kingdom", "france")
    ],
    (
        "ctbt",
        "russia",
        "ratification",
        "2000-06-30",
        {"cite": [("ctbto-treaty", "Russia deposited its ratification on 30 June 2000")]},
    ),
    (
        "ctbt",
        "russia",
        "deratification",
        "2023-11-02",
        {
            "event": "russia-revokes-ctbt-ratification-2023",
            "cite": [("xinhua-2023-11-02", "signed a law revoking Russia's ratification")],
        },
    ),
    # Open Skies
    *[
        (
            "open-skies",
            state,
            "signature",
            "1992-03-24",
            {
                "event": "open-skies-signed-1992",
                "cite": [("reuters-2020-11-22", "signed in Helsinki on 24 March 1992")],
            },
        )
        for state in _BIG5_CFE
    ],
    *[
        (
            "open-skies",
            state,
            "entry_into_force",
            "2002-01-01",
            {"cite": [("reuters-2020-11-22", "in force since 1 January 2002")]},
        )
        for state in _BIG5_CFE
    ],
    (
        "open-skies",
        "united-states",
        "withdrawal_notice",
        "2020-05-22",
        {
            "event": "us-announces-open-skies-exit-2020",
            "cite": [("reuters-2020-11-22", "notified the other parties on 22 May")],
        },
    ),
    (
        "open-skies",
        "united-states",
        "withdrawal_effective",
        "2020-11-22",
        {
            "event": "us-leaves-open-skies-2020",
            "cite": [("reuters-2020-11-22", "left the Treaty on Open Skies on 22 November 2020")],
        },
    ),
    (
        "open-skies",
        "russia",
        "withdrawal_notice",
        "2021-06-18",
        {"cite": [("sputnik-2021-12-18", "notified the other parties on 18 June")]},
    ),
    (
        "open-skies",
        "russia",
        "withdrawal_effective",
        "2021-12-18",
        {
            "event": "russia-leaves-open-skies-2021",
            "cite": [("sputnik-2021-12-18", "took effect on 18 December 2021")],
        },
    ),
    # CFE
    *[
        (
            "cfe-treaty",
            state,
            "signature",
            "1990-11-19",
            {
                "event": "cfe-treaty-signed-1990",
                "note": USSR_NOTE if state == "russia" else "",
                "cite": [("reuters-2023-11-07", "signed in Paris on 19 November 1990")],
            },
        )
        for state in _BIG5_CFE
    ],
    *[
        (
            "cfe-treaty",
            state,
            "entry_into_force",
            "1992-11-09",
            {"cite": [("reuters-2023-11-07", "entered into force on 9 November 1992")]},
        )
        for state in _BIG5_CFE
    ],
    (
        "cfe-treaty",
        "russia",
        "suspension",
        "2007-12-12",
        {
            "event": "russia-suspends-cfe-2007",
            "cite": [("reuters-2023-11-07", "suspended its own participation on 12 December 2007")],
        },
    ),
    (
        "cfe-treaty",
        "russia",
        "withdrawal_effective",
        "2023-11-07",
        {
            "event": "russia-leaves-cfe-2023",
            "cite": [
                (
                    "reuters-2023-11-07",
                    "formally withdrew from the Treaty on Conventional Armed "
                    "Forces in Europe on 7 November 2023",
                )
            ],
        },
    ),
]
