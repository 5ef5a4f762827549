"""Flags before appraisal and the appraisal of lines by field, on hand-set data (no Frappe)."""

import datetime
from decimal import Decimal as D

from parindex.scoring.appraisal import FieldStatus, LineState, field_status, judge, unappraised
from parindex.scoring.flags import FlagKind, LineFacts, Thresholds, group_shares, line_flags, robust_z

T = Thresholds()
#: a unit group of ten departments on criterion 2.1 (max 2): most claim about half
GROUP = [0.5, 0.5, 0.55, 0.6, 0.45, 0.5, 0.6, 0.5, 0.55, 1.0]


def kinds(facts, group=(), thresholds=T):
	return [f.kind for f in line_flags(facts, list(group), thresholds)]


def test_each_flag_on_hand_set_lines():
	day = datetime.date
	lines = {
		# full marks, evidence required, no file (a reason only): flagged
		"1.1.1": (LineFacts("1.1.1", D(1), D(1), evidence_required=True), [FlagKind.FULL_WITHOUT_EVIDENCE]),
		# full marks with a file: not flagged
		"1.1.2": (LineFacts("1.1.2", D(1), D(1), evidence_required=True, evidence_files=1), []),
		# full marks on a line that needs no evidence: not flagged
		"1.1.3": (LineFacts("1.1.3", D(1), D(1)), []),
		# 100 % now, 25 % appraised last year: a jump of 75 points ≥ 50
		"1.2.1": (
			LineFacts("1.2.1", D(2), D(2), evidence_files=1, last_points=D("0.5"), last_max=D(2)),
			[FlagKind.JUMP_FROM_LAST_YEAR],
		),
		# 75 % now, 50 % last year: 25 points, under the threshold
		"1.2.2": (LineFacts("1.2.2", D(2), D("1.5"), last_points=D(1), last_max=D(2)), []),
		# the group's outlier: 100 % where the group claims about half
		"2.1": (LineFacts("2.1", D(2), D(2), evidence_files=1), [FlagKind.OUTLIER_IN_GROUP]),
		# done 20/12, due 31/12, but the evidence is dated 05/01: claimed on time, evidence late
		"3.1": (
			LineFacts(
				"3.1",
				D(1),
				D(1),
				evidence_files=1,
				claimed_done=day(2025, 12, 20),
				due=day(2025, 12, 31),
				evidence_dates=(day(2025, 12, 18), day(2026, 1, 5)),
			),
			[FlagKind.ON_TIME_LATE_EVIDENCE],
		),
		# done late and said so: not flagged whatever the evidence
		"3.2": (
			LineFacts(
				"3.2",
				D(1),
				D("0.5"),
				claimed_done=day(2026, 1, 10),
				due=day(2025, 12, 31),
				evidence_dates=(day(2026, 1, 10),),
			),
			[],
		),
		# last year's explanation again, nearly word for word
		"4.1": (
			LineFacts(
				"4.1",
				D(1),
				D("0.5"),
				explanation="Đơn vị đã ban hành kế hoạch nhưng chưa kịp đăng tải trên cổng thông tin.",
				last_explanation="Đơn vị đã ban hành kế hoạch nhưng chưa kịp đăng tải trên cổng thông tin",
			),
			[FlagKind.REPEATED_EXPLANATION],
		),
		# not reported (or not applicable): never flagged
		"4.2": (LineFacts("4.2", D(1), None, evidence_required=True), []),
	}
	for code, (facts, expected) in lines.items():
		group = GROUP if code == "2.1" else ()
		assert kinds(facts, group) == expected, code


def test_the_group_flag_needs_enough_claims_and_a_spread():
	facts = LineFacts("2.1", D(2), D(2), evidence_files=1)
	assert kinds(facts, GROUP[:5]) == []  # fewer than min_group
	assert kinds(facts, [1.0] * 10) == []  # everyone claims full marks: nothing stands out
	assert kinds(facts, GROUP, Thresholds(robust_z=15)) == []  # z is 12.8 here: a province may ask for more
	assert robust_z(0.5, GROUP) < 0  # below the median is never "far above"


def test_thresholds_are_settings():
	facts = LineFacts("1.2.2", D(2), D("1.5"), last_points=D(1), last_max=D(2))
	assert kinds(facts, thresholds=Thresholds(jump=D(20))) == [FlagKind.JUMP_FROM_LAST_YEAR]
	text = "Kế hoạch ban hành ngày 20/12 kèm theo quyết định số 15"
	similar = LineFacts("4.1", D(1), D(1), explanation=text, last_explanation=text + " của UBND tỉnh")
	assert kinds(similar, thresholds=Thresholds(similarity=0.95)) == []
	assert kinds(similar, thresholds=Thresholds(similarity=0.6)) == [FlagKind.REPEATED_EXPLANATION]


def test_flags_are_told_in_words():
	(flag,) = line_flags(
		LineFacts("1.2.1", D(2), D(2), evidence_files=1, last_points=D(0), last_max=D(2)), [], T
	)
	assert flag.render() == "Claims 100 % of the maximum; 0 % was appraised last year"
	vi = {"Claims {0} % of the maximum; {1} % was appraised last year": "Tự chấm {0} %; năm trước {1} %"}
	assert flag.render(vi.get) == "Tự chấm 100 %; năm trước 0 %"


def test_group_shares_leave_out_lines_not_reported():
	rows = [("2.1", D(1), D(2)), ("2.1", None, D(2)), ("2.1", D(2), D(2))]
	assert group_shares(rows) == {"2.1": [0.5, 1.0]}


def test_a_line_is_appraised_once_its_field_is_signed_off_or_an_appraiser_acted():
	reported = LineState(D("0.75"))
	pending = judge(reported, field_signed=False)
	assert (pending.appraised, pending.appraised_points, pending.final) == (False, None, D("0.75"))
	accepted = judge(reported, field_signed=True)
	assert (accepted.appraised, accepted.appraised_points, accepted.final) == (True, D("0.75"), D("0.75"))
	corrected = judge(LineState(D("0.75"), appraised_points=D("0.25")), field_signed=False)
	assert (corrected.appraised, corrected.final) == (True, D("0.25"))


def test_not_applicable_kept_or_refused():
	kept = judge(LineState(D(0), unit_na=True), field_signed=True)
	assert (kept.not_applicable, kept.final, kept.appraised_points) == (True, D(0), None)
	refused = judge(LineState(D(0), unit_na=True, na_refused=True), field_signed=False)
	assert (refused.not_applicable, refused.appraised, refused.final) == (False, True, D(0))
	valued = judge(LineState(D(0), appraised_points=D(1), unit_na=True, na_refused=True), field_signed=False)
	assert valued.final == D(1)


def test_what_is_left_to_appraise():
	lines = [LineState(D(1)), LineState(D(1), appraised_points=D(1)), LineState(D(0), unit_na=True)]
	judged = [(judge(line, field_signed=False), D(2)) for line in lines]
	assert unappraised(judged) == (1, D(2))
	assert field_status(False, lines) is FieldStatus.IN_PROGRESS
	assert field_status(False, lines[:1]) is FieldStatus.NOT_STARTED
	assert field_status(True, lines[:1]) is FieldStatus.SIGNED_OFF
