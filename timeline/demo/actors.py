"""Demo actors (states, organisations, groups, people) and the positions people held.

Soviet-era treaty actions are recorded against ``russia`` (see treaties.py):
the Russian Federation continues the Soviet Union's treaty rights and
obligations, which is also how the UN treaty databases list them. The
``soviet-union`` actor is used for events before 1992 (participants, places).
"""

STATES = [
    # slug, name, short name, aliases, wikidata
    (
        "united-states",
        "United States",
        "US",
        ["United States of America", "USA", "U.S.", "America", "Washington"],
        "Q30",
    ),
    ("russia", "Russia", "Russia", ["Russian Federation", "Moscow", "RF"], "Q159"),
    (
        "soviet-union",
        "Soviet Union",
        "USSR",
        ["Union of Soviet Socialist Republics", "USSR", "U.S.S.R."],
        "Q15180",
    ),
    ("china", "China", "China", ["People's Republic of China", "PRC", "Beijing"], "Q148"),
    (
        "united-kingdom",
        "United Kingdom",
        "UK",
        [
            "United Kingdom of Great Britain and Northern Ireland",
            "Britain",
            "Great Britain",
            "U.K.",
        ],
        "Q145",
    ),
    ("france", "France", "France", ["French Republic", "Paris"], "Q142"),
    ("germany", "Germany", "Germany", ["Federal Republic of Germany", "Berlin"], "Q183"),
    ("iran", "Iran", "Iran", ["Islamic Republic of Iran", "Tehran"], "Q794"),
    (
        "north-korea",
        "North Korea",
        "DPRK",
        ["Democratic People's Republic of Korea", "DPRK", "Pyongyang"],
        "Q423",
    ),
    ("india", "India", "India", ["Republic of India"], "Q668"),
    ("pakistan", "Pakistan", "Pakistan", ["Islamic Republic of Pakistan"], "Q843"),
    ("ukraine", "Ukraine", "Ukraine", ["Kyiv", "Kiev"], "Q212"),
    ("belarus", "Belarus", "Belarus", ["Republic of Belarus", "Byelorussia"], "Q184"),
    ("kazakhstan", "Kazakhstan", "Kazakhstan", ["Republic of Kazakhstan"], "Q232"),
    ("austria", "Austria", "Austria", [], "Q40"),
    ("switzerland", "Switzerland", "Switzerland", [], "Q39"),
    ("finland", "Finland", "Finland", [], "Q33"),
    ("iceland", "Iceland", "Iceland", [], "Q189"),
    ("czech-republic", "Czech Republic", "Czechia", ["Czechia"], "Q213"),
    ("hungary", "Hungary", "Hungary", [], "Q28"),
    ("portugal", "Portugal", "Portugal", [], "Q45"),
    ("belgium", "Belgium", "Belgium", [], "Q31"),
]

ORGANISATIONS = [
    # slug, name, short name, aliases, wikidata, parent slug
    (
        "nato",
        "North Atlantic Treaty Organization",
        "NATO",
        ["NATO", "North Atlantic Alliance", "OTAN", "North Atlantic Council"],
        "Q7184",
        None,
    ),
    ("united-nations", "United Nations", "UN", ["UN", "U.N."], "Q1065", None),
    (
        "iaea",
        "International Atomic Energy Agency",
        "IAEA",
        ["IAEA", "UN nuclear watchdog"],
        "",
        None,
    ),
    (
        "ctbto",
        "Comprehensive Nuclear-Test-Ban Treaty Organization",
        "CTBTO",
        ["CTBTO", "CTBTO Preparatory Commission"],
        "",
        None,
    ),
    ("european-union", "European Union", "EU", ["EU"], "Q458", None),
    (
        "russian-mfa",
        "Ministry of Foreign Affairs of Russia",
        "Russian MFA",
        [
            "Russian Foreign Ministry",
            "Foreign Ministry",
            "MFA",
            "Russian MFA",
            "Ministry of Foreign Affairs of the Russian Federation",
            "MID",
        ],
        "",
        "russia",
    ),
    (
        "us-state-department",
        "US Department of State",
        "State Department",
        ["State Department", "U.S. Department of State", "Department of State", "DoS"],
        "",
        "united-states",
    ),
]

GROUPS = [
    (
        "p5",
        "Five nuclear-weapon states (P5)",
        "P5",
        ["P5", "N5", "five nuclear-weapon states", "permanent five"],
        "",
        None,
    ),
]

PEOPLE = [
    # slug, name, aliases, wikidata, description
    (
        "sergei-lavrov",
        "Sergei Lavrov",
        ["Lavrov", "Sergey Lavrov", "Sergei Viktorovich Lavrov"],
        "",
        "Russian diplomat; foreign minister since 2004.",
    ),
    (
        "mike-pompeo",
        "Mike Pompeo",
        ["Pompeo", "Michael Pompeo", "Michael R. Pompeo"],
        "",
        "US Secretary of State 2018–2021.",
    ),
    (
        "donald-trump",
        "Donald Trump",
        ["Trump", "Donald J. Trump"],
        "Q22686",
        "45th and 47th President of the United States.",
    ),
    (
        "vladimir-putin",
        "Vladimir Putin",
        ["Putin", "Vladimir Vladimirovich Putin", "V. Putin"],
        "Q7747",
        "President of Russia 2000–2008 and since 2012.",
    ),
    (
        "joe-biden",
        "Joe Biden",
        ["Biden", "Joseph R. Biden", "Joseph Biden"],
        "Q6279",
        "46th President of the United States.",
    ),
    (
        "barack-obama",
        "Barack Obama",
        ["Obama", "Barack H. Obama"],
        "Q76",
        "44th President of the United States.",
    ),
    (
        "dmitry-medvedev",
        "Dmitry Medvedev",
        ["Medvedev", "Dmitri Medvedev", "Dmitriy Medvedev"],
        "Q23530",
        "President of Russia 2008–2012.",
    ),
    (
        "mikhail-gorbachev",
        "Mikhail Gorbachev",
        ["Gorbachev", "Mikhail Gorbachyov"],
        "Q30487",
        "Last leader of the Soviet Union.",
    ),
    (
        "ronald-reagan",
        "Ronald Reagan",
        ["Reagan", "Ronald W. Reagan"],
        "Q9960",
        "40th President of the United States.",
    ),
    (
        "antony-blinken",
        "Antony Blinken",
        ["Blinken", "Tony Blinken", "Antony J. Blinken"],
        "",
        "US Secretary of State 2021–2025.",
    ),
    (
        "sergei-ryabkov",
        "Sergei Ryabkov",
        ["Ryabkov", "Sergey Ryabkov"],
        "",
        "Russian Deputy Foreign Minister responsible for arms control.",
    ),
    (
        "maria-zakharova",
        "Maria Zakharova",
        ["Zakharova", "Mariya Zakharova"],
        "",
        "Spokeswoman of the Russian Foreign Ministry.",
    ),
    (
        "george-w-bush",
        "George W. Bush",
        ["Bush", "George Bush", "G. W. Bush"],
        "Q207",
        "43rd President of the United States.",
    ),
    (
        "george-h-w-bush",
        "George H. W. Bush",
        ["Bush", "George Bush", "George H.W. Bush"],
        "Q23505",
        "41st President of the United States.",
    ),
    (
        "bill-clinton",
        "Bill Clinton",
        ["Clinton", "William J. Clinton"],
        "Q1124",
        "42nd President of the United States.",
    ),
    (
        "hillary-clinton",
        "Hillary Clinton",
        ["Clinton", "Hillary Rodham Clinton"],
        "Q6294",
        "US Secretary of State 2009–2013.",
    ),
    (
        "richard-nixon",
        "Richard Nixon",
        ["Nixon", "Richard M. Nixon"],
        "Q9588",
        "37th President of the United States.",
    ),
    (
        "jimmy-carter",
        "Jimmy Carter",
        ["Carter", "James Earl Carter"],
        "Q23685",
        "39th President of the United States.",
    ),
    (
        "leonid-brezhnev",
        "Leonid Brezhnev",
        ["Brezhnev"],
        "",
        "Leader of the Soviet Communist Party 1964–1982.",
    ),
    (
        "boris-yeltsin",
        "Boris Yeltsin",
        ["Yeltsin", "Boris Eltsin"],
        "Q34453",
        "First President of Russia.",
    ),
    ("xi-jinping", "Xi Jinping", ["Xi"], "Q15031", "President of China since 2013."),
]

# Records left unpublished on purpose, to exercise visibility rules.
DRAFT_ACTORS = {"maria-zakharova"}

POSITIONS = [
    # person, organisation, title, EDTF period
    ("sergei-lavrov", "russian-mfa", "Minister of Foreign Affairs", "2004-03-09/.."),
    ("sergei-ryabkov", "russian-mfa", "Deputy Minister of Foreign Affairs", "2008/.."),
    (
        "maria-zakharova",
        "russian-mfa",
        "Director of the Information and Press Department",
        "2015-08/..",
    ),
    ("mike-pompeo", "us-state-department", "Secretary of State", "2018-04-26/2021-01-20"),
    ("antony-blinken", "us-state-department", "Secretary of State", "2021-01-26/2025-01-20"),
    ("hillary-clinton", "us-state-department", "Secretary of State", "2009-01-21/2013-02-01"),
    ("richard-nixon", "united-states", "President", "1969-01-20/1974-08-09"),
    ("jimmy-carter", "united-states", "President", "1977-01-20/1981-01-20"),
    ("ronald-reagan", "united-states", "President", "1981-01-20/1989-01-20"),
    ("george-h-w-bush", "united-states", "President", "1989-01-20/1993-01-20"),
    ("bill-clinton", "united-states", "President", "1993-01-20/2001-01-20"),
    ("george-w-bush", "united-states", "President", "2001-01-20/2009-01-20"),
    ("barack-obama", "united-states", "President", "2009-01-20/2017-01-20"),
    ("donald-trump", "united-states", "President", "2017-01-20/2021-01-20"),
    ("joe-biden", "united-states", "President", "2021-01-20/2025-01-20"),
    ("donald-trump", "united-states", "President", "2025-01-20/.."),
    (
        "leonid-brezhnev",
        "soviet-union",
        "Leader of the Communist Party of the Soviet Union",
        "1964-10-14/1982-11-10",
    ),
    (
        "mikhail-gorbachev",
        "soviet-union",
        "General Secretary of the Communist Party",
        "1985-03-11/1991-08-24",
    ),
    ("mikhail-gorbachev", "soviet-union", "President", "1990-03-15/1991-12-25"),
    ("boris-yeltsin", "russia", "President", "1991-07-10/1999-12-31"),
    ("vladimir-putin", "russia", "President", "2000-05-07/2008-05-07"),
    ("vladimir-putin", "russia", "Prime Minister", "2008-05-08/2012-05-07"),
    ("vladimir-putin", "russia", "President", "2012-05-07/.."),
    ("dmitry-medvedev", "russia", "President", "2008-05-07/2012-05-07"),
    ("xi-jinping", "china", "President", "2013-03-14/.."),
]
