"""The demo dataset: real arms-control facts, written in our own words.

Plain Python data keyed by natural keys (slugs, URLs) in ``actors``,
``treaties``, ``events`` (+ ``events_recent``), ``statements`` and ``sources``
(+ ``sources_recent``); ``loader`` upserts
it (``python manage.py load_demo``).

Records deliberately left unpublished, so visibility can be tested:
- actors: Maria Zakharova (draft);
- treaties: START II (review);
- treaty actions: Iran's NPT ratification of 1970-02-02 (review);
- events: "Russia says it is no longer bound by START II" (2002) and "US accuses
  Russia of violating the INF Treaty" (2014-07) are drafts; "US–Russian INF
  talks in Geneva" (2019) and "North Korea tests the Hwasong-15" (2017) are in
  review;
- statements: Medvedev 2010-04-08 and Ryabkov 2019-01-15 (review), Lavrov
  2019-02-02 (draft);
- sources: TASS 2019-01-15 on the Geneva INF talks (draft).
"""
