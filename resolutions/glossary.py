"""The words the site uses, for the glossary and methodology pages: each term
with its meaning here and an example vote of the bundled data (resolutions/
data/votes.json; tests/test_pages.py checks that each example exists there and
that its page says what the term says).

The rules themselves live in rules.py; the texts below quote its numbers
(seats, votes needed) through `facts()` rather than repeating them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import rules
from .models import EARLIER_HOLDERS


@dataclass(frozen=True)
class Term:
    anchor: str
    name: str
    meaning: str
    example: str = ""  # slug of a bundled vote
    example_note: str = ""  # what to look at in the example
    # Where no bundled vote shows the term: a filtered list of the record.
    list_query: str = ""


def facts() -> dict[str, int | str]:
    """The Charter's numbers as rules.py applies them."""
    before = rules.ENLARGEMENT - dt.timedelta(days=1)
    return {
        "enlarged": f"{rules.ENLARGEMENT.day} {rules.ENLARGEMENT:%B %Y}",
        "seats_before": rules.seats(before),
        "seats_after": rules.seats(rules.ENLARGEMENT),
        "needed_before": rules.required_votes(before),
        "needed_after": rules.required_votes(rules.ENLARGEMENT),
        "china_seat": EARLIER_HOLDERS["CHN"].sentence("China"),
    }


POSITIONS = [
    Term(
        "for",
        "For",
        "An affirmative vote for the draft.",
        "s-res-2118-2013",
        "Resolution 2118 (2013) on Syria's chemical weapons: all 15 members voted for.",
    ),
    Term(
        "against",
        "Against",
        "A negative vote that is not a veto: an elected member's no, or a permanent "
        "member's no on a draft that did not have the affirmative votes it needed or "
        'on a procedural matter. The official tally\'s "against" also counts vetoes.',
        "s-res-678-1990",
        "Resolution 678 (1990): Cuba and Yemen voted against; it was adopted 12–2–1.",
    ),
    Term(
        "veto",
        "Veto",
        "A permanent member's negative vote on a substantive draft that otherwise had "
        "the affirmative votes it needed: the draft is not adopted. Several permanent "
        "members can veto one draft; the site counts drafts vetoed and vetoes cast "
        "apart, and says which a figure is.",
        "s-2011-612",
        "Draft S/2011/612 on Syria: 9 votes for, vetoed by China and the Russian Federation.",
    ),
    Term(
        "abstain",
        "Abstain",
        "A member present that neither supports nor opposes. By long practice a "
        "permanent member's abstention does not block adoption.",
        "s-res-2504-2020",
        "Resolution 2504 (2020) was adopted with four permanent members abstaining.",
    ),
    Term(
        "non_voting",
        "Did not vote",
        "A seat that took no part in the vote: absent, or present and not voting "
        "(an obligatory abstention of a party to a dispute under Article 27(3) is "
        "recorded so). Counted apart from abstentions; a permanent member's absence "
        "does not block adoption.",
        "s-res-84-1950",
        "Resolution 84 (1950) on Korea: the USSR was absent.",
    ),
]

TERMS = [
    Term(
        "not-vetoed",
        "A permanent member's no on a draft without enough votes",
        'When a draft fails to reach the affirmative votes it needs, it "failed to '
        'obtain the required number of votes": it was not vetoed, even where a '
        "permanent member voted against. The site records those votes as against, "
        "not as vetoes.",
        "s-2018-322",
        "Draft S/2018/322: 5 for; France, the United Kingdom and the United States "
        "voted against, and it failed without a veto.",
    ),
    Term(
        "procedural",
        "Procedural vote",
        "A vote on a procedural matter (the agenda, convening the General Assembly): "
        "adopted with the affirmative votes needed, and no veto applies.",
        "s-res-2623-2022",
        "Resolution 2623 (2022): adopted although the Russian Federation, a permanent "
        "member, voted against.",
    ),
    Term(
        "substantive",
        "Substantive vote",
        "Every vote that is not procedural: it needs the affirmative votes and the "
        "concurring votes of the permanent members (no permanent member voting against).",
        "s-2017-315",
        "Draft S/2017/315 on Khan Shaykhun: 10 votes for, vetoed by the Russian Federation.",
    ),
    Term(
        "eleven-members",
        "The eleven-member Council",
        "Until the Charter's amendment took effect the Council had eleven members and "
        "a decision needed seven affirmative votes.",
        "s-res-186-1964",
        "Resolution 186 (1964) on Cyprus: adopted 11–0–0 by the eleven members.",
    ),
    Term(
        "in-writing",
        "Vote held in writing",
        "In 2020 some votes were held by letter instead of at a meeting; the site "
        "gives the letter's symbol as the meeting.",
        "s-2020-797",
        "Draft S/2020/797, voted in writing (letter S/2020/803): it failed, 2–2–11.",
    ),
    Term(
        "tally-only",
        "Individual votes not recorded",
        "A record of which only the official tally (and perhaps who vetoed) is known, "
        "as for most votes before 1994 in the imported record. Its seats without a "
        'known position read "Not on record" and it is left out of every member\'s '
        "shares. The bundled votes all have their members' positions.",
    ),
    Term(
        "without-a-vote",
        "Adopted without a vote",
        "A text adopted by consensus or acclamation: no recorded vote at all, so no "
        "tally (not 15–0–0) and no member positions. The bundled votes all went to a vote.",
    ),
    Term(
        "needs-review",
        "Needs review",
        "A record with a known gap or inconsistency (sources that disagree, a tally "
        "that the members' votes do not add up to, a position the rules rule out). "
        "It is kept with what is certain and marked, with its reasons on its page: "
        "missing data is better than incorrect data.",
        list_query="review_status=needs_review",
    ),
]


def example_slugs() -> list[str]:
    return [term.example for term in (*POSITIONS, *TERMS) if term.example]
