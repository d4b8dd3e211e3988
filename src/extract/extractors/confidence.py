"""How sure a record is, by the evidence it stands on: one scale for every extractor.

A record's ``confidence`` says how its values were found, not how often such records were right;
an extractor picks the step that matches its evidence, so a downstream filter
(``jq 'select(.confidence >= 0.8)'``) means the same for every kind. Change a step here, not in
an extractor, and bump the extractor versions that use it (the records change).
"""

from __future__ import annotations

#: each value in its own column or labelled line: a table row, a field card (文号：… / 发布机关：…),
#: or a sentence that names the issuer, the verb and a title with its document kind
#: (国家卫健委印发《…管理办法》)
FIELDS = 0.9
#: read from a layout whose parts are positional rather than labelled: a product card, a list item
#: under a heading that names the issuer, a round in a headline with its company
LAYOUT = 0.85
#: the trigger and its arguments in one clause (A公司完成B轮融资; 某市出台了…若干措施)
CLAUSE = 0.8
#: a partnership: two parties and an agreement word in one sentence, which news also uses for
#: talks and intentions the rules filter only in part
PARTIES = 0.75
#: a title that stands without issuer or date (a cited law, a law coming into force, a numbered
#: notice whose issuer is only its number's prefix)
BARE_TITLE = 0.75
#: a summary table's row whose per-regulator date column stands for an approval (FDA | CE | NMPA
#: columns of dates)
SUMMARY = 0.8
#: values joined across clauses or from the context: several products of one count, a listing,
#: a title known from the section it sits in
CONTEXT = 0.7
#: a title with an issuer and a verb but no document kind (…发布了新版指南)
NO_KIND = 0.65
#: a round whose company is not written in its clause (该公司 / a zero subject, resolved)
IMPLICIT = 0.6
#: a record read from a heading rather than the text under it is this much less sure
HEADING_PENALTY = 0.1
#: no record goes out below this
FLOOR = 0.3
