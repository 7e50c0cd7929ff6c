"""Calculations on the kit's data that several lessons (and the capstone's claim cards) share.

One module per topic: union (treaty and timeline), opinion, trade, debt, energy, election (the 2020
presidential election's result sets), and claims (the capstone's evidence per article claim).
Each function takes the loaded DataFrame(s) or loads them itself, and says in its
docstring which rows it uses and why.
"""
