"""The benchmark behind `make bench`: our validator against stock frictionless and the polars parse
floor, then the site build, on the real package and synthetic ones of growing size.

measure.py runs and times every job, each a whole fresh process (interpreter start and imports
count; jobs.py is what such a process runs); targets.py checks the targets; results.py holds and
saves the figures; report.py renders them (terminal tables, README section). The targets are
checked here, never in timed tests.
"""
