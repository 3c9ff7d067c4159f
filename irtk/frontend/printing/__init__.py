"""The printers behind `irtk.printing`, one per file: `labels.py` (what a node, a result or a constant is called),
`infix.py` (`pprint`), `tree.py` (`debugprint`) and `graphviz.py` (`pydotprint`, `to_dot`)."""
