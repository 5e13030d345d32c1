"""Demo outlets and sources.

Every ``body`` is a short note written by us for this demo, summarising the
fact in our own words; it is not the publisher's text. Titles and URLs point
at where such reporting appeared and are plausible, not guaranteed to resolve.
Citation excerpts elsewhere in this package are substrings of these bodies.
"""

OUTLETS = [
    # name, slug, kind, country slug, aliases, url
    (
        "Reuters",
        "reuters",
        "wire",
        "united-kingdom",
        ["Reuters", "(Reuters)"],
        "https://www.reuters.com",
    ),
    (
        "Associated Press",
        "associated-press",
        "wire",
        "united-states",
        ["AP", "(AP)", "The AP"],
        "https://apnews.com",
    ),
    ("TASS", "tass", "wire", "russia", ["TASS", "/TASS/", "ITAR-TASS"], "https://tass.com"),
    (
        "Xinhua",
        "xinhua",
        "wire",
        "china",
        ["Xinhua", "Xinhua News Agency", "(Xinhua)"],
        "https://english.news.cn",
    ),
    (
        "Sputnik",
        "sputnik",
        "broadcaster",
        "russia",
        ["Sputnik", "Sputnik International"],
        "https://sputnikglobe.com",
    ),
    (
        "US Department of State",
        "us-department-of-state",
        "government",
        "united-states",
        ["State Department", "state.gov"],
        "https://www.state.gov",
    ),
    (
        "Ministry of Foreign Affairs of Russia",
        "russian-mfa",
        "government",
        "russia",
        ["Russian MFA", "mid.ru"],
        "https://mid.ru",
    ),
    (
        "The White House",
        "white-house",
        "government",
        "united-states",
        ["White House", "whitehouse.gov"],
        "https://www.whitehouse.gov",
    ),
    ("NATO", "nato", "organisation", None, ["NATO", "nato.int"], "https://www.nato.int"),
    ("CTBTO", "ctbto", "organisation", None, ["CTBTO"], "https://www.ctbto.org"),
    (
        "United Nations",
        "united-nations",
        "organisation",
        None,
        ["UN", "UN News", "UNODA"],
        "https://www.un.org",
    ),
]

# Sources not yet published, to exercise visibility rules.
DRAFT_SOURCES = {"tass-2019-01-15"}

SOURCES = [
    {
        "key": "state-inf",
        "outlet": "US Department of State",
        "title": "INF Treaty: background note",
        "url": "https://2009-2017.state.gov/t/avc/trty/102360.htm",
        "published": "2016",
        "dateline": "Washington",
        "body": "Ronald Reagan and Mikhail Gorbachev signed the INF Treaty in Washington on "
        "8 December 1987. The treaty entered into force on 1 June 1988, when the two leaders "
        "exchanged the instruments of ratification at their summit in Moscow. It banned all US "
        "and Soviet ground-launched ballistic and cruise missiles with ranges between 500 and "
        "5,500 kilometres. At the signing Reagan repeated a Russian proverb he liked to quote: "
        "trust, but verify.",
    },
    {
        "key": "ap-1972-05-26",
        "outlet": "Associated Press",
        "title": "Nixon and Brezhnev sign arms pacts in the Kremlin",
        "url": "https://apnews.com/archive/1972-05-26-nixon-brezhnev-arms-pacts",
        "published": "1972-05-26",
        "dateline": "Moscow",
        "body": "In the Kremlin on 26 May 1972, President Richard Nixon and Leonid Brezhnev "
        "signed the Anti-Ballistic Missile Treaty and the Interim Agreement on strategic "
        "offensive arms. Both were products of the Strategic Arms Limitation Talks that opened "
        "in Helsinki on 17 November 1969. The ABM Treaty limited each side to two missile "
        "defence sites, and the Interim Agreement froze the number of strategic ballistic "
        "missile launchers for five years.",
    },
    {
        "key": "state-abm",
        "outlet": "US Department of State",
        "title": "ABM Treaty and SALT I: background note",
        "url": "https://2009-2017.state.gov/t/avc/trty/101888.htm",
        "published": "2016",
        "dateline": "Washington",
        "body": "The ABM Treaty and the SALT I Interim Agreement both entered into force on "
        "3 October 1972. A 1974 protocol cut the permitted missile defence sites from two to one "
        "for each side. The Interim Agreement expired on 3 October 1977, although both sides "
        "said they would keep observing its limits.",
    },
    {
        "key": "ap-1979-06-18",
        "outlet": "Associated Press",
        "title": "Carter and Brezhnev sign SALT II in Vienna",
        "url": "https://apnews.com/archive/1979-06-18-salt-ii-vienna",
        "published": "1979-06-18",
        "dateline": "Vienna",
        "body": "Jimmy Carter and Leonid Brezhnev signed the SALT II treaty in Vienna on "
        "18 June 1979. After the Soviet invasion of Afghanistan, Carter asked the Senate in "
        "January 1980 to delay its consideration, and the treaty never entered into force.",
    },
    {
        "key": "ap-1987-12-07",
        "outlet": "Associated Press",
        "title": "From Geneva to Reykjavik: the road to the INF summit",
        "url": "https://apnews.com/archive/1987-12-07-road-to-inf-summit",
        "published": "1987-12-07",
        "dateline": "Washington",
        "body": "Reagan and Gorbachev first met at a summit in Geneva on 19 and 20 November 1985, "
        "where they agreed that a nuclear war cannot be won and must never be fought. At their "
        "second meeting, in Reykjavik on 11 and 12 October 1986, they came close to agreeing "
        "deep cuts in nuclear arms but parted over US missile defence plans. India had tested "
        "its first nuclear device at Pokhran on 18 May 1974.",
    },
    {
        "key": "ap-1991-07-31",
        "outlet": "Associated Press",
        "title": "Bush and Gorbachev sign START in Moscow",
        "url": "https://apnews.com/archive/1991-07-31-start-signed",
        "published": "1991-07-31",
        "dateline": "Moscow",
        "body": "George Bush and Mikhail Gorbachev signed the Strategic Arms Reduction Treaty in "
        "Moscow on 31 July 1991. The treaty requires deep cuts in both sides' strategic nuclear "
        "forces and detailed verification. The CFE Treaty on conventional forces had been signed "
        "in Paris the previous November.",
    },
    {
        "key": "state-start",
        "outlet": "US Department of State",
        "title": "START I and START II: background note",
        "url": "https://2009-2017.state.gov/t/avc/trty/146007.htm",
        "published": "2016",
        "dateline": "Washington",
        "body": "After the Soviet Union broke up, the Lisbon Protocol of 23 May 1992 made Belarus, "
        "Kazakhstan, Russia and Ukraine parties to START in its place. The treaty entered into "
        "force on 5 December 1994, when the parties exchanged instruments in Budapest, and it "
        "expired on 5 December 2009. On the same day in Budapest, the United States, Russia and "
        "the United Kingdom gave Ukraine security assurances in a memorandum as it joined the "
        "NPT as a non-nuclear-weapon state. START II, signed by Presidents George Bush and Boris "
        "Yeltsin in Moscow on 3 January 1993, never entered into force.",
    },
    {
        "key": "unoda-npt",
        "outlet": "United Nations",
        "title": "Treaty on the Non-Proliferation of Nuclear Weapons: status note",
        "url": "https://disarmament.unoda.org/wmd/nuclear/npt/",
        "published": "2020",
        "dateline": "New York",
        "body": "The Treaty on the Non-Proliferation of Nuclear Weapons was opened for signature "
        "on 1 July 1968 in London, Moscow and Washington. The United Kingdom ratified it on "
        "27 November 1968 and Iran ratified on 2 February 1970; the United States and the Soviet "
        "Union deposited their ratifications on 5 March 1970, the day it entered into force. "
        "China acceded on 9 March 1992 and France on 3 August 1992. On 11 May 1995 the Review "
        "and Extension Conference in New York decided to extend the treaty indefinitely.",
    },
    {
        "key": "xinhua-2003-01-10",
        "outlet": "Xinhua",
        "title": "DPRK announces withdrawal from NPT",
        "url": "https://www.xinhuanet.com/english/2003-01/10/content_685512.htm",
        "published": "2003-01-10",
        "dateline": "Pyongyang",
        "body": "North Korea announced on 10 January 2003 that it was withdrawing from the "
        "Treaty on the Non-Proliferation of Nuclear Weapons. It had first announced its "
        "intention to withdraw on 12 March 1993 but suspended that decision in June 1993 after "
        "talks with the United States. North Korea had joined the treaty on 12 December 1985.",
    },
    {
        "key": "ctbto-treaty",
        "outlet": "CTBTO",
        "title": "The Comprehensive Nuclear-Test-Ban Treaty: status note",
        "url": "https://www.ctbto.org/our-mission/the-treaty",
        "published": "2022",
        "dateline": "Vienna",
        "body": "The Comprehensive Nuclear-Test-Ban Treaty was opened for signature in New York "
        "on 24 September 1996, and President Bill Clinton was the first leader to sign it. China, "
        "France, Russia and the United Kingdom also signed on the first day. The United Kingdom "
        "and France ratified it on 6 April 1998, and Russia deposited its ratification on "
        "30 June 2000. The US Senate voted against ratification on 13 October 1999, and the "
        "treaty has not entered into force.",
    },
    {
        "key": "reuters-1998-05-28",
        "outlet": "Reuters",
        "title": "Pakistan answers India with nuclear tests",
        "url": "https://www.reuters.com/archive/1998/05/28/pakistan-nuclear-tests",
        "published": "1998-05-28",
        "dateline": "Islamabad",
        "body": "Pakistan carried out nuclear tests in the Chagai hills on 28 May 1998, answering "
        "the Indian tests of 11 and 13 May at Pokhran. Both countries remain outside the NPT.",
    },
    {
        "key": "ap-2001-12-13",
        "outlet": "Associated Press",
        "title": "Bush gives notice of US withdrawal from ABM Treaty",
        "url": "https://apnews.com/archive/2001-12-13-bush-abm-withdrawal",
        "published": "2001-12-13",
        "dateline": "Washington",
        "body": "President George W. Bush announced on 13 December 2001 that the United States "
        "had given Russia formal notice of its withdrawal from the 1972 Anti-Ballistic Missile "
        "Treaty, to take effect in six months. Bush said the treaty stood in the way of "
        "defending the country against missile attacks by terrorists or rogue states. President "
        "Vladimir Putin called the decision a mistake but said it did not threaten Russia's "
        "security.",
    },
    {
        "key": "reuters-2002-06-13",
        "outlet": "Reuters",
        "title": "US formally leaves ABM Treaty",
        "url": "https://www.reuters.com/archive/2002/06/13/us-leaves-abm-treaty",
        "published": "2002-06-14",
        "dateline": "Washington",
        "body": "The United States formally left the ABM Treaty on 13 June 2002. The next day, "
        "Russia's Foreign Ministry said Moscow no longer considered itself bound by the START II "
        "treaty, which had never entered into force. Three weeks earlier, on 24 May 2002, Bush "
        "and Putin had signed the Moscow Treaty on strategic offensive reductions.",
    },
    {
        "key": "reuters-dprk-tests",
        "outlet": "Reuters",
        "title": "North Korea's nuclear and missile tests: a timeline",
        "url": "https://www.reuters.com/world/asia-pacific/north-korea-tests-timeline-2017",
        "published": "2017-12",
        "dateline": "Seoul",
        "body": "North Korea carried out its first nuclear test on 9 October 2006 at the "
        "Punggye-ri site. Further tests followed on 25 May 2009, 12 February 2013, 6 January "
        "2016 and 9 September 2016. The sixth and largest, on 3 September 2017, was described by "
        "Pyongyang as a hydrogen bomb. In 2017 it also tested the Hwasong-14 intercontinental "
        "ballistic missile on 4 July and the larger Hwasong-15 on 29 November.",
    },
    {
        "key": "whitehouse-2009-04-05",
        "outlet": "The White House",
        "title": "President Obama's Prague speech: summary",
        "url": "https://obamawhitehouse.archives.gov/the-press-office/remarks-president-barack-"
        "obama-prague-delivered",
        "published": "2009-04-05",
        "dateline": "Prague",
        "body": "In a speech in Prague on 5 April 2009, President Barack Obama committed the "
        "United States to seeking the peace and security of a world without nuclear weapons. He "
        "said the United States would negotiate a new strategic arms treaty with Russia and "
        "would seek ratification of the test-ban treaty.",
    },
    {
        "key": "reuters-2010-04-08",
        "outlet": "Reuters",
        "title": "Obama and Medvedev sign arms pact in Prague",
        "url": "https://www.reuters.com/article/us-nuclear-treaty-idUSTRE6370G720100408",
        "published": "2010-04-08",
        "dateline": "Prague",
        "body": "Signing the treaty at Prague Castle on 8 April 2010, President Barack Obama "
        "called it an important milestone for nuclear security and for relations between the "
        "two countries. President Dmitry Medvedev said the agreement was a win for both sides "
        "and that neither stood to lose from it.",
    },
    {
        "key": "state-newstart",
        "outlet": "US Department of State",
        "title": "New START Treaty",
        "url": "https://www.state.gov/new-start/",
        "published": "2021-02",
        "dateline": "Washington",
        "body": "Presidents Barack Obama and Dmitry Medvedev signed the New START Treaty in "
        "Prague on 8 April 2010. The US Senate approved ratification on 22 December 2010, and "
        "the treaty entered into force on 5 February 2011 when Secretary of State Hillary "
        "Clinton and Foreign Minister Sergei Lavrov exchanged the instruments of ratification "
        "in Munich. On 3 February 2021 the two countries extended the treaty by five years, to "
        "5 February 2026. Secretary of State Antony Blinken said the extension made the United "
        "States, its allies and partners, and the world safer.",
    },
    {
        "key": "reuters-2021-06-16",
        "outlet": "Reuters",
        "title": "Biden and Putin launch strategic stability dialogue",
        "url": "https://www.reuters.com/world/biden-putin-geneva-strategic-stability-2021-06-16/",
        "published": "2021-06-16",
        "dateline": "Geneva",
        "body": "Presidents Joe Biden and Vladimir Putin agreed in a phone call on 26 January 2021 "
        "to extend New START. At their summit in Geneva on 16 June 2021 they issued a joint "
        "statement on strategic stability, reaffirming that a nuclear war cannot be won and must "
        "never be fought, and launched a bilateral dialogue on arms control.",
    },
    {
        "key": "reuters-2018-10-20",
        "outlet": "Reuters",
        "title": "Trump says US will quit INF treaty",
        "url": "https://www.reuters.com/article/us-usa-russia-nuclear-idUSKCN1MU0VD",
        "published": "2018-10-20",
        "dateline": "Elko, Nevada",
        "body": "Speaking to reporters after a rally in Elko, Nevada, on 20 October 2018, "
        "President Donald Trump said the United States would pull out of the INF Treaty because "
        "Russia had violated it for years. The United States had first accused Russia of "
        "breaching the treaty in a State Department report in July 2014.",
    },
    {
        "key": "reuters-2018-12-04",
        "outlet": "Reuters",
        "title": "US gives Russia 60 days to return to INF compliance",
        "url": "https://www.reuters.com/article/us-nato-russia-idUSKBN1O31JM",
        "published": "2018-12-04",
        "dateline": "Brussels",
        "body": "At a meeting of NATO foreign ministers in Brussels on 4 December 2018, Secretary "
        "of State Mike Pompeo said the United States would suspend its INF obligations in "
        "60 days unless Russia came back into compliance. The ministers said in a statement that "
        "Russia had developed and fielded a missile system, the 9M729, that violates the "
        "treaty.",
    },
    {
        "key": "tass-2019-01-15",
        "outlet": "TASS",
        "title": "Russian-US consultations on INF Treaty in Geneva end without progress",
        "url": "https://tass.com/politics/1039511",
        "published": "2019-01-15",
        "dateline": "Geneva",
        "body": "Deputy Foreign Minister Sergei Ryabkov and US Under Secretary of State Andrea "
        "Thompson met in Geneva on 15 January 2019 to discuss the INF Treaty. Ryabkov said "
        "afterwards that the talks had made no progress. The US side said Russia had not agreed "
        "to destroy its 9M729 missiles.",
    },
    {
        "key": "state-inf-2019",
        "outlet": "US Department of State",
        "title": "US intent to withdraw from the INF Treaty",
        "url": "https://2017-2021.state.gov/u-s-intent-to-withdraw-from-the-inf-treaty-february-"
        "2-2019/",
        "published": "2019-02-01",
        "dateline": "Washington",
        "body": "Secretary of State Mike Pompeo announced on 1 February 2019 that the United "
        "States would suspend its obligations under the INF Treaty from 2 February and would "
        "give Russia formal notice of withdrawal that day. The withdrawal would take effect in "
        "six months unless Russia returned to full and verifiable compliance. Pompeo said "
        "Russia's 9M729 missile violated the treaty.",
    },
]
