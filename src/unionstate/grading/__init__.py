"""Grade a folder or zip of submitted notebooks for one lesson.

collect  -> find the submissions and the student id of each (folder, Moodle or Canvas zip, mapping file)
compose  -> turn a submission into a run plan: the master's cells, the student's answers, collection points
runner   -> run each plan in its own fresh process (forked from a warmed-up parent), with time and memory limits
score    -> decide points outside the student's process, from the recorded answer values
report   -> gradebook CSV, per-student feedback pages, class overview, manual-grading sheet
manual   -> merge the instructor's rubric scores into the gradebook
"""
