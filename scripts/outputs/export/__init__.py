"""One module per LMS format (QTI 1.2, QTI 2.1, Moodle XML, SCORM 1.2, Common Cartridge), plus the
format-neutral items they are written from. The tables of which formats a course gets are in
``scripts/outputs/formats.py``; this file imports nothing, so no format module imports it back.
"""
