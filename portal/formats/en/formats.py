# English pages of a Vietnamese portal keep Vietnamese day-first dates; only numbers change.
from portal.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
