# Copyright (c) 2026, ParIndex developers
# License: AGPL-3.0. See license.txt

from parindex.access.rows import ParentBoundRow


class PARRankingSatisfaction(ParentBoundRow):
	pass
