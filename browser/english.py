"""English shown to a Vietnamese user: what a page shows (text and placeholders, including open menus and
dialogs) that is written in Latin letters with no Vietnamese letter, less what is not English."""

from __future__ import annotations

import re

#: visible text with an English word: Latin letters only, no Vietnamese letter; in the page and in
#: placeholders (hidden, transparent, off-screen, screen-reader-only and <option> text is left out, and
#: so is code: a command or a file path in the guide)
ENGLISH_TEXT = r"""
const found = new Set();
const english = t => /[A-Za-z]{3,}/.test(t) && !/[À-ỹĐđ]/.test(t);
const shown = el => {
	if (!el || el.closest("option, select, script, style, code, pre, .sr-only, .visually-hidden, .hidden")) return false;
	const box = el.getBoundingClientRect(), style = getComputedStyle(el);
	return box.width > 2 && box.height > 2 && box.right > 0 && box.bottom > 0
		&& style.visibility !== "hidden" && style.opacity !== "0";
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
	const text = walker.currentNode.textContent.replace(/\s+/g, " ").trim();
	if (english(text) && shown(walker.currentNode.parentElement)) found.add(text);
}
document.querySelectorAll("input[placeholder], textarea[placeholder]").forEach(el => {
	if (english(el.placeholder) && shown(el)) found.add(el.placeholder.trim());
});
document.querySelectorAll("select").forEach(el => {
	if (!shown(el)) return;
	const option = el.options[el.selectedIndex];
	if (option && english(option.text)) found.add(option.text.trim());
});
return [...found];
"""
#: not English: document names and codes, file names and paths, e-mail addresses, the Administrator's
#: name, file types, initials, numbers, Vietnamese words without diacritics, and "null", which
#: Frappe's timeline writes for a value that was empty before a change
ALLOWED = re.compile(
	r"(?:[A-Z]{2,}-[\w.-]+…?|[\w.+-]+@[\w.-]+|[\w.@+-]+…|/?[\w/.-]+\.(?:txt|pdf|xlsx|docx|png)"
	r"|null|Administrator|Frappe|Excel|PDF|xlsx|Website|Email|ID|CCHC|STT|Esc|Ctrl[^A-Za-z]*|[A-Z][a-z]?|[\d\W]+)"
)
#: Vietnamese words that have no diacritic (a cut-off title such as "Thanh t ..." is not English)
PLAIN_VIETNAMESE = frozenset(
	"theo thanh tin minh chi sinh trong ban can danh hoa tra phan lan long nam kim quang trung anh hai"
	" thu xin tan phu lai hung binh hanh chinh cong tinh nhan dan khoa giao cho thi van".split()
)


def is_english(text: str) -> bool:
	if ALLOWED.fullmatch(text):
		return False
	return any(word.lower() not in PLAIN_VIETNAMESE for word in re.findall(r"[A-Za-z]{3,}", text))


def english_shown(desk) -> list[str]:
	"""The English texts the page shows now."""
	return [text for text in desk.js(ENGLISH_TEXT) if is_english(text)]


class EnglishLog:
	"""English found on the way, with where it was seen; ``check()`` fails if there is any."""

	def __init__(self, desk):
		self.desk, self.found = desk, {}

	def scan(self, where: str) -> None:
		for text in english_shown(self.desk):
			self.found.setdefault(text, where)

	def check(self) -> None:
		assert not self.found, "English shown: " + "; ".join(f"{t!r} ({w})" for t, w in self.found.items())
