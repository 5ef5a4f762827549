"""Benchmark of the evidence reader on 50 documents it has not seen: 34 with text (17 PDF, 17 DOCX) and
16 scans (image-only PDFs rendered from text, tilted and speckled), each with its own number and date.

Run: ``bench --site SITE execute parindex.benchmarks.evidence_reader.run`` (nothing is written).
Targets (issue 11): number and date both read right in ≥ 95 % of the text documents and ≥ 80 % of the
scans; the time per document is stated.
"""

import datetime
import random
import statistics
import time

from parindex.demo import documents
from parindex.par_assessment.evidence_reader import ocr_available, read_document

SIGNS = ("QĐ-UBND", "KH-UBND", "BC-SNV", "TB-VP", "NQ-HĐND", "CV-STP", "QĐ-SNV")
KINDS = (("text PDF", 17), ("DOCX", 17), ("scan", 16))


def _document(rng: random.Random, kind: str, seed: int):
	number = f"{rng.randint(1, 3999)}/{rng.choice(SIGNS)}"
	if rng.random() < 0.3:
		number = f"{rng.randint(1, 99)}/{rng.randint(2020, 2026)}/{rng.choice(SIGNS)}"
	issued = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
	if kind == "text PDF":
		return "van-ban.pdf", documents.text_pdf(number, issued), number, issued
	if kind == "DOCX":
		return "van-ban.docx", documents.docx(number, issued), number, issued
	return "scan.pdf", documents.scanned_pdf(number, issued, seed=seed), number, issued


def run():
	rng = random.Random(2026)
	print(f"OCR with Vietnamese data installed: {ocr_available()}")
	results = {}
	seed = 0
	for kind, count in KINDS:
		right, times = 0, []
		for _n in range(count):
			seed += 1
			filename, content, number, issued = _document(rng, kind, seed)
			start = time.perf_counter()
			found = read_document(filename, content)
			times.append(time.perf_counter() - start)
			ok = found["read_number"] == number and found["read_date"] == issued
			right += ok
			if not ok:
				print(f"  {kind}: {number} {issued} → {found['read_number']} {found['read_date']}")
		results[kind] = (right, count, times)
		print(
			f"{kind}: {right} of {count} read right; per document median {statistics.median(times) * 1000:.0f} ms,"
			f" slowest {max(times) * 1000:.0f} ms"
		)
	text_right = results["text PDF"][0] + results["DOCX"][0]
	text_count = results["text PDF"][1] + results["DOCX"][1]
	scans_right, scans, _times = results["scan"]
	print(f"text documents: {text_right / text_count:.0%} right (target ≥ 95 %)")
	print(f"scans: {scans_right / scans:.0%} right (target ≥ 80 %)")
