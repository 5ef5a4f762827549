"""Units through mergers, splits and renamings: whose results stand for a unit in an earlier year."""

from datetime import date
from decimal import Decimal as D

from parindex.scoring import messages as M
from parindex.scoring.lineage import (
	BEST,
	MEAN,
	MERGED,
	POPULATION,
	RENAMED,
	SPLIT,
	Predecessor,
	history_value,
	lineage_problems,
	stand_ins,
)

JULY_2025 = date(2025, 7, 1)
# three communes merged into Xã Hòa Vang on 1 July 2025; Xã Hòa Phú had been renamed from Xã Phú in 2023
LINEAGE = {
	"Xã Hòa Vang": [
		Predecessor("Xã Hòa Bắc", MERGED, JULY_2025, D(9000)),
		Predecessor("Xã Hòa Ninh", MERGED, JULY_2025, D(6000)),
		Predecessor("Xã Hòa Phú", MERGED, JULY_2025, D(5000)),
	],
	"Xã Hòa Phú": [Predecessor("Xã Phú", RENAMED, date(2023, 3, 1))],
	# a ward split in two in 2025: each half takes the whole ward's results
	"Phường Nam": [Predecessor("Phường Cũ", SPLIT, JULY_2025, D(8000))],
	"Phường Bắc": [Predecessor("Phường Cũ", SPLIT, JULY_2025, D(8000))],
}
INDEX_2024 = {"Xã Hòa Bắc": D(80), "Xã Hòa Ninh": D(70), "Xã Hòa Phú": D(90), "Phường Cũ": D("66.5")}


def test_a_merged_unit_combines_its_predecessors_by_the_rule():
	# population: (80·9 + 70·6 + 90·5) / 20 = (720 + 420 + 450) / 20 = 79.5
	assert history_value("Xã Hòa Vang", 2024, LINEAGE, INDEX_2024, POPULATION) == D("79.5")
	assert history_value("Xã Hòa Vang", 2024, LINEAGE, INDEX_2024, BEST) == D(90)
	assert history_value("Xã Hòa Vang", 2024, LINEAGE, INDEX_2024, MEAN) == D(80)


def test_a_unit_with_its_own_result_keeps_it():
	values = {**INDEX_2024, "Xã Hòa Vang": D(50)}
	assert history_value("Xã Hòa Vang", 2024, LINEAGE, values, POPULATION) == D(50)


def test_predecessors_stand_in_for_the_years_they_existed():
	# the change took effect mid-2025: the predecessors still stand in for 2025, not for 2026
	index_2025 = {"Xã Hòa Bắc": D(70), "Xã Hòa Ninh": D(70), "Xã Hòa Phú": D(70)}
	assert history_value("Xã Hòa Vang", 2025, LINEAGE, index_2025, MEAN) == D(70)
	assert stand_ins("Xã Hòa Vang", 2026, LINEAGE, lambda unit: unit in index_2025) == []
	# a change on 1 January: that year is the new unit's own
	lineage = {"Xã Mới": [Predecessor("A", MERGED, date(2026, 1, 1))]}
	assert history_value("Xã Mới", 2026, lineage, {"A": D(80)}, MEAN) is None
	assert history_value("Xã Mới", 2025, lineage, {"A": D(80)}, MEAN) == D(80)


def test_a_chain_goes_back_through_a_renaming_and_shares_the_weight():
	# 2022: Xã Hòa Phú did not exist yet; Xã Phú stands for it with Xã Hòa Phú's weight
	values = {"Xã Hòa Bắc": D(60), "Xã Phú": D(75)}
	sources = stand_ins("Xã Hòa Vang", 2022, LINEAGE, lambda unit: unit in values)
	assert sources == [("Xã Hòa Bắc", D(9000)), ("Xã Phú", D(5000))]
	# Xã Hòa Ninh has no 2022 result: the others are combined over their own weights
	assert history_value("Xã Hòa Vang", 2022, LINEAGE, values, POPULATION) == (60 * 9 + D(75) * 5) / 14


def test_split_successors_take_the_whole_predecessor():
	assert history_value("Phường Nam", 2024, LINEAGE, INDEX_2024, POPULATION) == D("66.5")
	assert history_value("Phường Bắc", 2024, LINEAGE, INDEX_2024, BEST) == D("66.5")


def test_missing_populations_fall_back_to_equal_weights():
	lineage = {"Xã Mới": [Predecessor("A", MERGED, JULY_2025, D(100)), Predecessor("B", MERGED, JULY_2025)]}
	assert history_value("Xã Mới", 2024, lineage, {"A": D(80), "B": D(60)}, POPULATION) == D(70)


def test_no_history_at_all():
	assert history_value("Xã Hòa Vang", 2024, LINEAGE, {}, POPULATION) is None
	assert history_value("Xã Lạ", 2024, LINEAGE, INDEX_2024, POPULATION) is None


def test_itself_twice_and_circles_are_refused():
	problems = lineage_problems(
		"Xã Phú",
		[
			Predecessor("Xã Phú", MERGED, JULY_2025),
			Predecessor("Xã Hòa Vang", MERGED, JULY_2025),
			Predecessor("Xã Hòa Vang", MERGED, JULY_2025),
		],
		LINEAGE,
	)
	assert [p.template for p in problems] == [M.PREDECESSOR_ITSELF, M.PREDECESSOR_CYCLE, M.PREDECESSOR_TWICE]
	assert lineage_problems("Xã Hòa Vang", LINEAGE["Xã Hòa Vang"], LINEAGE) == []


def test_a_circle_recorded_anyway_does_not_loop():
	lineage = {"A": [Predecessor("B", MERGED, JULY_2025)], "B": [Predecessor("A", MERGED, JULY_2025)]}
	assert history_value("A", 2024, lineage, {}, MEAN) is None
