"""What waits for whom in the daily digest (parindex.waiting): one person, one digest, all items."""

import datetime

from parindex.process import Stage
from parindex.waiting import Kind, Open, Reminders, items_for

DAY = datetime.date(2025, 12, 10)
SET = "CS-2025"
UNIT_USERS = {"Sở Tư pháp": {"canbo@tp", "lanhdao@tp"}, "Xã An Bình": {"canbo@ab"}}
APPRAISERS = {(SET, "1"): {"td1@so"}, (SET, "2"): {"td1@so", "td2@so"}, (SET, "3"): {"td2@so"}}
DECIDERS = {"Appraised": {"hoidong@so"}}


EVERY_TWO_DAYS = Reminders(days_before=3, days_after=2)


def waiting(*assessments, reminders=EVERY_TWO_DAYS):
	return items_for(DAY, assessments, UNIT_USERS, APPRAISERS, DECIDERS, reminders)


def days(n: int) -> datetime.date:
	return DAY + datetime.timedelta(days=n)


def test_an_appraiser_gets_one_item_per_assessment_listing_all_their_unsigned_fields():
	found = waiting(
		Open("PA-1", "Sở Tư pháp", SET, "Under Appraisal", Stage.APPRAISAL, unsigned=("1", "2", "3")),
		Open("PA-2", "Xã An Bình", SET, "Submitted", Stage.SUBMITTED, unsigned=("3",)),
	)
	assert [(i.kind, i.assessment, i.fields) for i in found["td1@so"]] == [
		(Kind.SIGN_OFF, "PA-1", ("1", "2"))
	]
	assert [(i.assessment, i.fields) for i in found["td2@so"]] == [("PA-1", ("2", "3")), ("PA-2", ("3",))]
	assert "canbo@tp" not in found


def test_units_are_reminded_before_on_and_every_few_days_after_the_deadline():
	def reminded(deadline):
		found = waiting(
			Open("PA-1", "Sở Tư pháp", SET, "Draft", Stage.SELF_ASSESSMENT, self_deadline=deadline)
		)
		return sorted((user, item.overdue) for user, items in found.items() for item in items)

	both = ["canbo@tp", "lanhdao@tp"]
	assert reminded(days(3)) == [(u, False) for u in both]
	assert reminded(days(2)) == []
	assert reminded(DAY) == [(u, False) for u in both]
	assert reminded(days(-1)) == []
	assert reminded(days(-2)) == [(u, True) for u in both]
	assert reminded(days(-4)) == [(u, True) for u in both]
	# without reminders after the deadline, none
	found = waiting(
		Open("PA-1", "Sở Tư pháp", SET, "Draft", Stage.SELF_ASSESSMENT, self_deadline=days(-2)),
		reminders=Reminders(3, 0),
	)
	assert found == {}


def test_an_overdue_explanation_reaches_the_unit_and_the_appraisers_of_the_fields_asked():
	late = Open(
		"PA-1",
		"Sở Tư pháp",
		SET,
		"Explanation Requested",
		Stage.EXPLANATION,
		explanation_due=days(-1),
		asked=("3",),
	)
	found = waiting(late)
	assert {(i.kind, i.overdue) for i in found["canbo@tp"]} == {(Kind.EXPLANATION, True)}
	assert [(i.kind, i.fields) for i in found["td2@so"]] == [(Kind.EXPLANATION_LATE, ("3",))]
	assert "td1@so" not in found
	# due tomorrow: the unit is told, nobody else
	soon = Open(
		"PA-1",
		"Sở Tư pháp",
		SET,
		"Explanation Requested",
		Stage.EXPLANATION,
		explanation_due=days(1),
		asked=("3",),
	)
	assert set(waiting(soon)) == {"canbo@tp", "lanhdao@tp"}
	# due in a week: nothing yet
	later = Open(
		"PA-1",
		"Sở Tư pháp",
		SET,
		"Explanation Requested",
		Stage.EXPLANATION,
		explanation_due=days(7),
		asked=("3",),
	)
	assert waiting(later) == {}


def test_the_council_hears_of_appraised_assessments_and_nobody_of_approved_ones():
	found = waiting(
		Open("PA-1", "Sở Tư pháp", SET, "Appraised", Stage.APPRAISED),
		Open("PA-2", "Xã An Bình", SET, "Appraised", Stage.APPRAISED),
		Open("PA-3", "Xã An Bình", SET, "Approved", Stage.APPROVED),
	)
	assert list(found) == ["hoidong@so"]
	assert [(i.kind, i.assessment) for i in found["hoidong@so"]] == [
		(Kind.DECISION, "PA-1"),
		(Kind.DECISION, "PA-2"),
	]


def test_appraisers_may_be_left_out_of_reminders():
	found = waiting(
		Open("PA-1", "Sở Tư pháp", SET, "Under Appraisal", Stage.APPRAISAL, unsigned=("1",)),
		reminders=Reminders(appraisers=False),
	)
	assert found == {}


def test_overdue_items_come_first():
	found = waiting(
		Open(
			"PA-1",
			"Sở Tư pháp",
			SET,
			"Under Appraisal",
			Stage.APPRAISAL,
			appraisal_deadline=days(5),
			unsigned=("2",),
		),
		Open(
			"PA-2",
			"Xã An Bình",
			SET,
			"Under Appraisal",
			Stage.APPRAISAL,
			appraisal_deadline=days(-5),
			unsigned=("2",),
		),
	)
	assert [(i.assessment, i.overdue) for i in found["td2@so"]] == [("PA-2", True), ("PA-1", False)]
