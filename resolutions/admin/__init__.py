"""The editors' admin: the record's model admins (records.py), entry from a news
article (article.py), the checks an entered record must pass (checks.py) and the
entry forms (forms.py). Importing the package registers the model admins."""

from . import records, reports  # noqa: F401
