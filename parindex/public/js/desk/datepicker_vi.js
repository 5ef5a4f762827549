// Vietnamese for the desk's date picker (Frappe ships none): month and weekday names, "Hôm nay".
if ($.fn.datepicker && $.fn.datepicker.language && !$.fn.datepicker.language.vi) {
	$.fn.datepicker.language.vi = {
		days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
		daysShort: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
		daysMin: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
		months: [
			"Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6",
			"Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12",
		],
		monthsShort: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"],
		today: "Hôm nay",
		clear: "Xóa",
		dateFormat: "dd/mm/yyyy",
		timeFormat: "hh:ii",
		firstDay: 1,
	};
}
