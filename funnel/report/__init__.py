"""A plan as a file to send: the report's content (``content``: every value with its unit and
label in one language), and its three forms — a self-contained HTML page (``html``), a PDF of
that same page printed by Chromium (``pdf``) and an XLSX workbook (``xlsx``).
``funnel.report_export`` is the face the app and the command line call."""
