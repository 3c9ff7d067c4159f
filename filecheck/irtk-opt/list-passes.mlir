// RUN: irtk-opt --list-passes | filecheck %s
// RUN: irtk-opt -list-passes --load-plugin %irtk_plugin | filecheck %s --check-prefix=PLUGIN
// RUN: irtk-opt --help | filecheck %s --check-prefix=HELP

// --list-passes prints every pass (plugins' included) with its summary and its options: name, type, default
// and help, all read from the pass class (its dataclass fields and docstring). --help shows the same.

// CHECK:      Available passes:
// CHECK:        canonicalize           Apply every canonicalization pattern
// CHECK-NEXT:     max-iterations=int (default 10)
// CHECK-NEXT:     max-num-rewrites=int (default -1)
// CHECK-NEXT:     region-simplify=str (default normal)
// CHECK-NEXT:     test-convergence=bool (default false)
// CHECK-NEXT:     top-down=bool (default true)
// CHECK:        cse                    Eliminate common subexpressions.
// CHECK:        tile                   Tile the outermost
// CHECK-NEXT:     sizes=tuple[int, ...] (default empty)

// PLUGIN:       demo-tag
// PLUGIN-NEXT:    label=str (default none)
// PLUGIN-NEXT:    count=int (default 1)

// HELP:         passes (each also a flag: --NAME, or --NAME=OPTIONS for NAME{OPTIONS}):
// HELP-NEXT:      canonicalize           Apply every canonicalization pattern
// HELP-NEXT:        max-iterations=int (default 10)
// HELP:           tile                   Tile the outermost
// HELP-NEXT:        sizes=tuple[int, ...] (default empty)
