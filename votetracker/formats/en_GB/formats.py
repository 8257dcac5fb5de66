"""The site's one date format (FORMAT_MODULE_PATH in settings): "12 Apr 2017" in
pages and the admin, ISO 8601 (2017-04-12) in forms, as in the data and the CSVs."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
# Forms read and show ISO dates first (the locale's DD/MM/YYYY is still read).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
