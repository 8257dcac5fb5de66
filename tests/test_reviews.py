"""Review reasons: a category, a detail and where in a file, stored one a line and
read back the same; readers are told the reason without file or line."""

from resolutions import reviews
from resolutions.models import next_free_slug
from resolutions.reviews import Reason


def test_a_reason_reads_back_as_it_was_written():
    written = [
        Reason("tally mismatch", "the record 14-0-1, the members' votes 13-0-1", "votes.csv:7"),
        Reason("member twice", "the table lists France 2 times", "t.csv:3, t.csv:9"),
        Reason("editor record differs", "tally: the library gives 12-2-1, the record 13-2-0"),
        Reason("", "typed by an editor without a category"),
    ]
    stored = reviews.store(written)
    assert reviews.parse_all(stored) == written
    assert reviews.categories(stored) == {
        "tally mismatch",
        "member twice",
        "editor record differs",
        "typed by an editor without a category",
    }


def test_a_reason_spread_over_lines_or_with_trailing_spaces_is_stored_as_one_line():
    reason = Reason("date mismatch", "the library gives 1990-09-13,\n the record  ")
    assert reason.line() == "date mismatch: the library gives 1990-09-13, the record"
    assert reviews.parse(reason.line()) == reason


def test_readers_are_told_the_reason_without_file_or_line_editors_with_them():
    reason = Reason("unknown name", "the community table has 'Atlantis'", "sc_voting.xlsx:812")
    assert "sc_voting.xlsx" not in reason.public() and "812" not in reason.public()
    assert "Atlantis" in reason.public()
    assert reason.public().startswith(reviews.CATEGORIES["unknown name"])
    assert reason.editor().endswith("[sc_voting.xlsx:812]")


def test_the_next_free_slug_numbers_from_two():
    assert next_free_slug("s-pv-49-1946-06-26", set()) == "s-pv-49-1946-06-26"
    taken = {"s-pv-49-1946-06-26", "s-pv-49-1946-06-26-2"}
    assert next_free_slug("s-pv-49-1946-06-26", taken) == "s-pv-49-1946-06-26-3"
