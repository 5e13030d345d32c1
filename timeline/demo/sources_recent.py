"""Demo sources from February 2019 on; see sources.py for what a body is (our own note)."""

RECENT_SOURCES = [
    {
        "key": "tass-2019-02-02",
        "outlet": "TASS",
        "title": "Putin says Russia suspends INF Treaty in mirror response",
        "url": "https://tass.com/politics/1043000",
        "published": "2019-02-02",
        "dateline": "Moscow",
        "body": "At a meeting with Foreign Minister Sergei Lavrov and Defence Minister Sergei "
        "Shoigu in Moscow on 2 February 2019, President Vladimir Putin said Russia would mirror "
        "the US move and suspend its participation in the INF Treaty. Putin said Russia would "
        "not deploy new intermediate-range weapons in Europe or elsewhere unless US weapons of "
        "that class appeared there first. Lavrov told the meeting that Washington had rejected "
        "Russia's proposals to preserve the treaty.",
    },
    {
        "key": "tass-2019-03-04",
        "outlet": "TASS",
        "title": "Putin signs decree suspending INF Treaty",
        "url": "https://tass.com/politics/1047017",
        "published": "2019-03-04",
        "dateline": "Moscow",
        "body": "President Vladimir Putin signed a decree on 4 March 2019 suspending Russia's "
        "compliance with the INF Treaty until the United States ends its violations of it or "
        "the treaty ends. The decree followed his announcement of 2 February.",
    },
    {
        "key": "ap-2019-08-02",
        "outlet": "Associated Press",
        "title": "US formally exits INF treaty with Russia",
        "url": "https://apnews.com/article/us-exits-inf-treaty-2019-08-02",
        "published": "2019-08-02",
        "dateline": "Washington",
        "body": "The United States formally left the INF Treaty on 2 August 2019, six months "
        "after it gave notice of withdrawal. Secretary of State Mike Pompeo said Russia was "
        "solely responsible for the treaty's end. The Russian Foreign Ministry said the treaty "
        "had ceased to exist at the initiative of the United States.",
    },
    {
        "key": "nato-2019-08-02",
        "outlet": "NATO",
        "title": "Statement by the North Atlantic Council on the INF Treaty",
        "url": "https://www.nato.int/cps/en/natohq/official_texts_168164.htm",
        "published": "2019-08-02",
        "dateline": "Brussels",
        "body": "In a statement on 2 August 2019, the North Atlantic Council said that the Allies "
        "fully support the US withdrawal from the INF Treaty. The Council said: Russia bears "
        "sole responsibility for the demise of the Treaty. It added that NATO would respond in "
        "a measured and responsible way.",
    },
    {
        "key": "ap-2019-08-19",
        "outlet": "Associated Press",
        "title": "US tests missile that the INF Treaty had banned",
        "url": "https://apnews.com/article/us-cruise-missile-test-2019-08-19",
        "published": "2019-08-19",
        "dateline": "Washington",
        "body": "The Pentagon said it tested a conventionally armed ground-launched cruise missile "
        "from San Nicolas Island, California, on 18 August 2019. The missile flew more than "
        "500 kilometres, a range the INF Treaty had banned.",
    },
    {
        "key": "reuters-2020-11-22",
        "outlet": "Reuters",
        "title": "US leaves Open Skies treaty",
        "url": "https://www.reuters.com/article/us-usa-russia-openskies-idUSKBN2820IP",
        "published": "2020-11-22",
        "dateline": "Washington",
        "body": "The United States left the Treaty on Open Skies on 22 November 2020, six months "
        "after it notified the other parties on 22 May. Secretary of State Mike Pompeo had "
        "announced the decision on 21 May 2020, accusing Russia of violating the treaty. The "
        "treaty, signed in Helsinki on 24 March 1992 and in force since 1 January 2002, lets its "
        "parties fly unarmed observation flights over each other's territory.",
    },
    {
        "key": "sputnik-2021-12-18",
        "outlet": "Sputnik",
        "title": "Russia's withdrawal from Open Skies Treaty takes effect",
        "url": "https://sputnikglobe.com/20211218/russias-exit-from-open-skies-treaty-takes-effect"
        "-1091610000.html",
        "published": "2021-12-18",
        "dateline": "Moscow",
        "body": "Russia's withdrawal from the Treaty on Open Skies took effect on 18 December "
        "2021, six months after Moscow notified the other parties on 18 June. The Russian "
        "Foreign Ministry had announced on 15 January 2021 that Russia was starting domestic "
        "procedures to leave, saying the US exit had upset the balance of the treaty.",
    },
    {
        "key": "tass-2023-02-21",
        "outlet": "TASS",
        "title": "Putin announces suspension of New START",
        "url": "https://tass.com/politics/1580001",
        "published": "2023-02-21",
        "dateline": "Moscow",
        "body": "In his address to the Federal Assembly in Moscow on 21 February 2023, President "
        "Vladimir Putin said Russia was suspending its participation in the New START Treaty. "
        "He stressed that Russia was not withdrawing from the treaty. The Russian Foreign "
        "Ministry said the same day that Russia would keep to the treaty's central limits on "
        "strategic arms for as long as the treaty lasts.",
    },
    {
        "key": "reuters-2023-02-21",
        "outlet": "Reuters",
        "title": "Blinken calls Russia's New START move irresponsible",
        "url": "https://www.reuters.com/world/us-blinken-new-start-russia-2023-02-21/",
        "published": "2023-02-21",
        "dateline": "Athens",
        "body": "US Secretary of State Antony Blinken said on 21 February 2023 that Russia's "
        "announcement on New START was deeply unfortunate and irresponsible. He said Washington "
        "remained ready to talk about strategic arms limits with Russia at any time.",
    },
    {
        "key": "xinhua-2023-11-02",
        "outlet": "Xinhua",
        "title": "Putin signs law revoking Russia's ratification of CTBT",
        "url": "https://english.news.cn/20231102/ctbt-russia/c.html",
        "published": "2023-11-02",
        "dateline": "Moscow",
        "body": "Russian President Vladimir Putin on 2 November 2023 signed a law revoking "
        "Russia's ratification of the Comprehensive Nuclear-Test-Ban Treaty, according to the "
        "Kremlin. At the Valdai forum in Sochi on 5 October 2023, Putin had said Russia could "
        "mirror the US position, since Washington signed the treaty but never ratified it. "
        "Russian officials said Moscow would remain a signatory and would not test unless the "
        "United States did.",
    },
    {
        "key": "reuters-2023-11-07",
        "outlet": "Reuters",
        "title": "Russia quits Cold War-era conventional forces treaty",
        "url": "https://www.reuters.com/world/europe/russia-cfe-treaty-2023-11-07/",
        "published": "2023-11-07",
        "dateline": "Moscow",
        "body": "Russia formally withdrew from the Treaty on Conventional Armed Forces in Europe "
        "on 7 November 2023. NATO said the same day that its allies would suspend the treaty's "
        "operation for as long as necessary. Russia had suspended its own participation on "
        "12 December 2007. The treaty was signed in Paris on 19 November 1990 and entered into "
        "force on 9 November 1992.",
    },
    {
        "key": "whitehouse-2018-05-08",
        "outlet": "The White House",
        "title": "US ends participation in the Iran nuclear deal: summary",
        "url": "https://trumpwhitehouse.archives.gov/briefings-statements/president-donald-j-"
        "trump-ending-united-states-participation-unacceptable-iran-deal/",
        "published": "2018-05-08",
        "dateline": "Washington",
        "body": "On 8 May 2018 President Donald Trump announced that the United States was leaving "
        "the Joint Comprehensive Plan of Action and would reimpose sanctions on Iran, calling "
        "the agreement a horrible, one-sided deal. The agreement had been reached in Vienna on "
        "14 July 2015 between Iran and China, France, Germany, Russia, the United Kingdom and "
        "the United States, with the European Union. It was implemented from 16 January 2016, "
        "after the IAEA verified Iran's first steps.",
    },
    {
        "key": "un-2021-01-22",
        "outlet": "United Nations",
        "title": "Treaty on the Prohibition of Nuclear Weapons enters into force",
        "url": "https://news.un.org/en/story/2021/01/1082632",
        "published": "2021-01-22",
        "dateline": "New York",
        "body": "The Treaty on the Prohibition of Nuclear Weapons entered into force on "
        "22 January 2021, 90 days after the fiftieth ratification. It had been adopted at the "
        "United Nations in New York on 7 July 2017. None of the nuclear-armed states has joined "
        "it.",
    },
    {
        "key": "reuters-2022-01-03",
        "outlet": "Reuters",
        "title": "Five nuclear powers say nuclear war must never be fought",
        "url": "https://www.reuters.com/world/china-russia-britain-us-france-say-no-one-can-win-"
        "nuclear-war-2022-01-03/",
        "published": "2022-01-03",
        "dateline": "London",
        "body": "In a joint statement on 3 January 2022, China, France, Russia, the United "
        "Kingdom and the United States affirmed that a nuclear war cannot be won and must never "
        "be fought. The five nuclear-weapon states said avoiding war between them was their "
        "foremost responsibility.",
    },
]
