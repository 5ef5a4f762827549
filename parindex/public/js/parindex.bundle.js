// ParIndex's desk code shared by forms and reports (app_include_js): files, reports, typed entry.
import "./desk/files";
import "./desk/reports";
import "./desk/assessment";
import "./desk/datepicker_vi";
import "./desk/simulation";
