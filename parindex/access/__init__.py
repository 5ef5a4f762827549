"""Who may read what: the confidentiality of units' scores and evidence before publication.

The index is a competition between units, so until the province publishes a ranking a unit's users
must not learn another unit's scores, index, rank or evidence by any path Frappe exposes. The rules:

* The overseers (PAR managers, the support team of appraisers, the appraisal council, system
  managers) read every unit's assessment. Anyone else reads only the assessments of the units of their
  User Permissions on PAR Unit (and the units below them); a user without such a permission reads none.
* The rows of an assessment (lines, field results, evidence) and the files attached to it follow the
  assessment, on every path: lists, counts, reads by name, searches, reports, downloads.
* A ranking publication is read by units only once it is submitted (published); drafts stay with the
  overseers.

Frappe offers the hooks for this (``has_permission``, ``permission_query_conditions``,
``standard_queries``, ``override_whitelisted_methods``, ``doc_events``); :mod:`parindex.access.rules`
holds the rules, :mod:`parindex.access.files` the evidence files, :mod:`parindex.access.endpoints` the
guards on Frappe endpoints that skip permission checks in v15, and :mod:`parindex.access.scope` the one
answer to "which units may this user see".
"""
