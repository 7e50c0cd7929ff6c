"""Grade a folder or zip of submitted notebooks for one lesson.

collect  -> find the submissions and the student id of each (folder, Moodle or Canvas zip, mapping file)
compose  -> turn a submission into a run plan: the master's cells, the student's answers, collection points
runner   -> run each plan in its own fresh process (forked from a warmed-up parent), with time and memory limits
score    -> decide points outside the student's process, from the recorded answer values
report   -> gradebook CSV, per-student feedback pages, class overview, manual-grading sheet
manual   -> merge the instructor's rubric scores into the gradebook

cli      -> the `kit.py grade` and `kit.py merge-manual` commands (parsing and printing)
worker   -> the child process a submission runs in, when the runner starts one instead of forking
errors   -> GradingError, the one exception whose message is shown to the instructor as it is
nbgrader_course -> a bridge to nbgrader (a course folder, generate_assignment, autograde) for comparisons

Answer records (quiz answers, claim-card verdicts, reveals) are read through exercises.records.
"""
