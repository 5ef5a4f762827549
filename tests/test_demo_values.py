"""Every value the demo province reports is accepted by its rule."""

import random
from pathlib import Path

from parindex.demo.values import reported_value
from parindex.scoring.rules import RuleKind
from parindex.workbooks.criteria import read_criteria

WORKBOOK = Path(__file__).resolve().parent.parent / "parindex" / "sample" / "sample_criteria_set.xlsx"


def test_demo_values_are_valid_for_every_rule_of_the_sample_set():
	rows = read_criteria(WORKBOOK.read_bytes())
	rng = random.Random(1)
	scored = 0
	for row in rows:
		if row.spec is None or row.spec.kind is RuleKind.SURVEY:
			continue
		rule = row.spec.explicit(row.max_score).build()
		for strength in (0.0, 0.5, 1.0):
			for _ in range(20):
				value = reported_value(rule, row.max_score, rng, strength)
				points = rule.score(row.code, row.max_score, value)  # raises on an invalid value
				assert 0 <= points <= row.max_score
				scored += 1
	assert scored > 4000


def test_the_demo_users_units_start_in_draft_complete_wherever_they_come():
	from parindex.demo.values import plan_states

	states = ("Draft", "Submitted", "Under Appraisal", "Approved")
	for position in range(10):
		own = [i == position for i in range(10)]
		plan = plan_states(own, states, finished=False)
		assert plan[position] == ("Draft", True)
		others = [plan[i] for i in range(10) if i != position]
		assert {state for state, _ in others} == set(states)
		assert ("Draft", False) in others and ("Draft", True) in others
		assert all(complete for state, complete in others if state != "Draft")
	assert set(plan_states(own, states, finished=True)) == {("Approved", True)}
