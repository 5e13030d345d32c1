"""Words and name parts for synthetic records, written for this generator.

Names are built from syllables so a few thousand actors all differ; sentences are
built from short phrases so full-text search has a real vocabulary to index.
"""

# Word lists read best packed; the formatter would put one word a line.
# fmt: off
ONSETS = [
    "Ve", "Os", "Ka", "Lu", "Mar", "Tel", "Ard", "Bri", "Cor", "Dal", "El", "Fen", "Gor", "Hal",
    "Ist", "Jor", "Kel", "Lir", "Mon", "Nor", "Or", "Pel", "Quin", "Ros", "Sal", "Tor", "Ul",
    "Var", "Wes", "Yar", "Zan", "Bel", "Cas", "Dor", "Ev", "Gal",
]
MIDDLES = [
    "", "a", "e", "i", "o", "an", "el", "or", "in", "ar", "us", "ir", "en", "al",
]
ENDINGS = [
    "ia", "land", "stan", "ora", "avia", "esh", "ova", "uria", "ania", "ica", "ara", "onia",
    "ador", "ene", "ium", "ith",
]
GIVEN = [
    "Anna", "Boris", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kemal", "Lena", "Marek", "Nadia", "Omar", "Petra", "Quentin", "Rosa", "Samir", "Tamar", "Ugo",
    "Vera", "Wen", "Yusuf", "Zofia", "Aiko", "Bruno", "Chiara", "Diego", "Esther",
]
FAMILY = [
    "Adler", "Brandt", "Castillo", "Dorn", "Eklund", "Ferrante", "Galan", "Horvat", "Ivanov",
    "Jensen", "Kovacs", "Lindqvist", "Moreau", "Novak", "Oduya", "Petrov", "Quist", "Rahman",
    "Sato", "Tanaka", "Ulrich", "Varga", "Weber", "Yilmaz", "Zeller", "Abe", "Berg", "Costa",
    "Duval", "Esposito", "Falk", "Greco", "Haas", "Iqbal", "Kaya", "Lund", "Mendes", "Nilsen",
]
STATE_FORMS = [
    "Republic of {}", "Kingdom of {}", "{}", "Federation of {}", "{}", "{}",
]
ORG_FORMS = [
    "{} Council", "{} Economic Community", "Organisation for {} Cooperation",
    "{} Defence Alliance", "{} Development Bank", "Union of {} States", "{} Energy Agency",
]
GROUP_FORMS = [
    "{} Liberation Front", "{} People's Movement", "{} Workers' Union", "{} Green Party",
    "{} Reform Bloc", "{} Veterans' League",
]
CITY_PARTS = [
    "Port ", "New ", "San ", "Fort ", "", "", "", "",
]
POSITION_TITLES = {
    "state": [
        "President", "Prime Minister", "Minister of Foreign Affairs", "Minister of Defence",
        "Ambassador to the United Nations", "Spokesperson of the Foreign Ministry",
    ],
    "organisation": [
        "Secretary-General", "Chair", "Special Envoy", "Spokesperson",
    ],
    "group": [
        "Leader", "Spokesperson", "Chief Negotiator",
    ],
}
TOPICS = [
    "border security", "nuclear arms control", "trade tariffs", "gas pipeline transit",
    "fishing rights", "refugee returns", "missile deployments", "climate finance", "grain exports",
    "maritime boundaries", "cyber security", "water sharing", "debt relief", "prisoner exchange",
    "sanctions relief", "airspace violations", "election monitoring", "peacekeeping forces",
    "space cooperation", "cultural exchange", "visa requirements", "customs union",
    "hydropower dams", "chemical weapons",
]
TAGS = [
    "arms control", "nuclear", "trade", "energy", "climate", "maritime", "migration",
    "human rights", "sanctions", "elections", "cyber", "health", "food security", "peace process",
    "military exercise", "diplomacy", "finance", "water", "space", "terrorism", "borders", "aid",
    "refugees", "technology", "transport", "fisheries", "mining", "labour", "education",
    "environment", "intelligence", "ceasefire", "summit", "treaty compliance", "protest",
    "investment", "agriculture", "tourism", "shipping", "aviation",
]
# (name, PLOVER code, CAMEO code, title pattern, summary verb phrase, parent type)
EVENT_TYPES = [
    ("Diplomatic cooperation", "COOPERATE", "05", None, None, None),
    ("Sign formal agreement", "AGREE", "057",
     "{a} and {b} sign agreement on {t}", "signed an agreement with {b} on {t}",
     "Diplomatic cooperation"),
    ("Consultation", "CONSULT", "04",
     "{a} holds talks with {b} on {t}", "held talks with {b} on {t}",
     "Diplomatic cooperation"),
    ("Summit meeting", "CONSULT", "043",
     "{a} and {b} leaders meet for summit on {t}", "hosted a summit with {b} that discussed {t}",
     "Diplomatic cooperation"),
    ("Material cooperation", "COOPERATE", "06",
     "{a} and {b} launch joint programme on {t}", "launched a joint programme with {b} on {t}",
     "Diplomatic cooperation"),
    ("Provide aid", "AID", "07",
     "{a} sends aid to {b} after talks on {t}", "sent aid to {b} linked to {t}",
     "Diplomatic cooperation"),
    ("Disapprove", "ACCUSE", "11", None, None, None),
    ("Accuse", "ACCUSE", "112",
     "{a} accuses {b} of breaching commitments on {t}",
     "accused {b} of breaching its commitments on {t}",
     "Disapprove"),
    ("Reject", "REJECT", "12",
     "{a} rejects proposal from {b} on {t}", "rejected a proposal from {b} on {t}",
     "Disapprove"),
    ("Protest", "PROTEST", "14",
     "Protests in {a} over {t} policy of {b}", "saw protests against the {t} policy of {b}",
     "Disapprove"),
    ("Coerce", "COERCE", "17", None, None, None),
    ("Impose sanctions", "SANCTION", "163",
     "{a} imposes sanctions on {b} over {t}", "imposed sanctions on {b} over {t}",
     "Coerce"),
    ("Threaten", "THREATEN", "13",
     "{a} warns {b} over {t}", "warned {b} of consequences over {t}",
     "Coerce"),
    ("Mobilise forces", "MOBILIZE", "15",
     "{a} moves troops near {b} amid dispute on {t}",
     "moved troops towards its border with {b} during a dispute on {t}",
     "Coerce"),
    ("Military exercise", "MOBILIZE", "154",
     "{a} and {b} begin military exercise on {t}",
     "began a military exercise with {b} focused on {t}",
     "Coerce"),
    ("Yield", "CONCEDE", "08",
     "{a} eases its stance towards {b} on {t}", "eased its stance towards {b} on {t}",
     None),
]
# Treaty action sentences: {a} the actor, {t} the treaty.
ACTION_SENTENCES = {
    "signature": "{a} signed the {t} at a ceremony attended by both delegations",
    "ratification": "The parliament of {a} voted to ratify the {t}",
    "accession": "{a} deposited its instrument of accession to the {t}",
    "entry_into_force": "The {t} entered into force after the last instrument was exchanged",
    "suspension": "{a} announced that it was suspending its obligations under the {t}",
    "withdrawal_notice": "{a} formally notified the other parties of its withdrawal from the {t}",
    "withdrawal_effective": "The withdrawal of {a} from the {t} took effect",
    "extension": "The parties agreed to extend the {t} beyond its original term",
}
TREATY_FORMS = [
    "Treaty of {p} on {t}", "{p} Agreement on {t}", "Convention on {t} ({p})",
    "{p} Protocol on {t}", "Memorandum of {p} on {t}",
]
CUE_VERBS = [
    "said", "warned", "stated", "stressed", "told reporters", "insisted", "added",
]
QUOTE_OPENINGS = [
    "We will not accept", "Our government is ready to discuss", "There can be no progress on",
    "We call on our partners to respect", "This decision undermines", "We welcome the talks on",
    "Nobody should doubt our commitment to", "The door remains open for",
    "We are deeply concerned about",
]
QUOTE_ENDINGS = [
    "without guarantees for our citizens", "as long as the other side keeps its word",
    "and we expect a clear answer within weeks", "because the region needs stability",
    "despite the pressure from abroad", "in full respect of international law",
    "and we will raise it at the next meeting", "for the sake of future generations",
]
FILLER = [
    "Officials gave no further details about the timetable.",
    "The talks were held behind closed doors in the capital.",
    "Analysts said the move could reshape relations in the region.",
    "Markets reacted calmly to the announcement on the same day.",
    "Opposition politicians criticised the lack of consultation.",
    "A joint communique is expected to follow later this week.",
    "Diplomats from several neighbouring states attended as observers.",
    "The ministry declined to comment on earlier press reports.",
    "Both sides described the atmosphere as constructive.",
    "The issue has strained relations for more than a decade.",
]
VENUES = [
    "a press conference", "parliament", "the United Nations General Assembly", "a radio interview",
    "a televised address", "a news briefing", "a party congress", "",
]
OUTLET_FORMS = [
    ("{} News Agency", "wire"), ("The {} Herald", "newspaper"), ("{} Daily", "newspaper"),
    ("{} Broadcasting", "broadcaster"), ("Ministry of Foreign Affairs of {}", "government"),
    ("{} Press Service", "wire"),
]
LANGUAGES = ["en"] * 18 + ["ru", "fr", "de", "es"]
# fmt: on
