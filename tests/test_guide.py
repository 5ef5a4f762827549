"""The user guide in docs/guide: a chapter per role, every picture it shows on disk, every picture taken
shown somewhere, links between chapters that lead somewhere."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
CHAPTERS = ("can-bo-don-vi", "lanh-dao-don-vi", "to-giup-viec", "hoi-dong", "quan-ly", "quan-tri")
PICTURE = re.compile(r"!\[[^\]]*\]\((screenshots/[^)]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([a-z-]+\.md)\)")


def pages():
	return {path.stem: path.read_text(encoding="utf-8") for path in GUIDE.glob("*.md")}


def test_there_is_a_chapter_for_each_role_and_an_index():
	assert set(pages()) == {"README", *CHAPTERS}
	index = pages()["README"]
	for chapter in CHAPTERS:
		assert f"({chapter}.md)" in index, chapter


def test_every_picture_shown_is_on_disk_and_every_picture_taken_is_shown():
	shown = {picture for text in pages().values() for picture in PICTURE.findall(text)}
	taken = {str(path.relative_to(GUIDE)) for path in (GUIDE / "screenshots").rglob("*.png")}
	assert shown <= taken, sorted(shown - taken)
	assert taken <= shown, sorted(taken - shown)
	assert not any("failure" in name for name in taken)


def test_links_between_chapters_lead_to_a_chapter():
	for name, text in pages().items():
		for target in LINK.findall(text):
			assert (GUIDE / target).exists(), (name, target)


def test_the_guide_is_in_vietnamese():
	for name, text in pages().items():
		assert re.search(r"[À-ỹĐđ]", text), name
