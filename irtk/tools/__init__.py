"""Command-line tools. `irtk-opt` (irtk_opt.py) reads IR, runs a pass pipeline and prints IR or C++.

The other modules are its parts, kept apart so each can be read and tested alone: where text came from
(source.py), how errors are printed (diagnostics.py) and located (locations.py), a parser that remembers
positions (located_parser.py), op-by-op verification (verifier.py), `// -----` splitting (split_input.py),
`expected-error` checking (expected_diagnostics.py), pipeline strings (pipeline.py), mlir-opt's command-line
conventions (command_line.py), pass descriptions for --help and --list-passes (pass_info.py), --time-passes
(timing.py), user plugins (plugins.py), and the per-file work (driver.py).
"""
