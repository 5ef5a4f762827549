"""The people of the assessment tests: two units with their users, two appraisers (field 1 and field
2 of the small set), a PAR manager and a council member."""

from parindex.tests.factories import make_unit, make_user

UNIT_A, UNIT_B = "_Test Unit A", "_Test Unit B"
USER_A = "par-unit-a@example.com"
HEAD_A = "par-head-a@example.com"
USER_B = "par-unit-b@example.com"
APPRAISER_1 = "par-appraiser-1@example.com"  # field 1
APPRAISER_2 = "par-appraiser-2@example.com"  # field 2
MANAGER = "par-manager@example.com"
COUNCIL = "par-council@example.com"


def make_people() -> None:
	for unit in (UNIT_A, UNIT_B):
		make_unit(unit)
	make_user(USER_A, "PAR Unit User", unit=UNIT_A)
	make_user(HEAD_A, "PAR Unit User", "PAR Unit Head", unit=UNIT_A)
	make_user(USER_B, "PAR Unit User", unit=UNIT_B)
	make_user(APPRAISER_1, "PAR Appraiser")
	make_user(APPRAISER_2, "PAR Appraiser")
	make_user(MANAGER, "PAR Manager")
	make_user(COUNCIL, "PAR Council Member")
