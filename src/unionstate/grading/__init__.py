"""Grade a folder or zip of submitted notebooks for one lesson.

api       -> grade_folder(...): the whole batch, returning a GradeSummary (the grade command calls it)
cli       -> `kit.py grade` and `kit.py merge-manual`: parse the arguments, call the API, print
collect   -> find the submissions and the student id of each (folder, Moodle or Canvas zip, mapping file),
             and which file counts when a student sent several
compose   -> turn a submission into a run plan: the master's cells, the student's answers, collection points
runner    -> run each plan in its own fresh process (forked from a warmed-up helper), within time, memory
             and output limits, retrying a time-limit hit alone with doubled limits
sandbox   -> what keeps a submission's code from changing anything outside its scratch folder (Linux
             namespaces; sandbox-exec with macos-sandbox.sb on macOS)
worker    -> one plan in a new Python process, where the grader does not fork
statuses  -> the run statuses (ok, cell timeout, ..., no sandbox) with the student's and the instructor's words
score     -> decide points outside the student's process, from the recorded answer values
integrity -> hashes of the kit's data, code and masters before and after a batch
report    -> gradebook CSV, per-student feedback pages, class overview, manual-grading sheet
manual    -> merge the instructor's rubric scores into the gradebook
errors    -> GradingError: an instructor's mistake, reported as one sentence
nbgrader_course -> run nbgrader on the masters (the nbgrader comparison test and the benchmark)
after_grading -> after the reports: the class report (insight, class_report) and the LMS files (lms)

Answer records (quiz answers, claim-card verdicts, reveals) are read through exercises.records.
"""
