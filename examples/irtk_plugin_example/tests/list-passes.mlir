// RUN: irtk-opt --list-passes | filecheck %s
// RUN: irtk-opt --help | filecheck %s --check-prefix=HELP

// The entry point is all irtk-opt needs to list the pass, its summary from the class's docstring,
// and the named pipeline.
// CHECK: toy-fuse-mul-add{{ +}}Fuse each product that only feeds a sum into one `toy.mul_add`
// HELP: toy-fast-run{{ +}}= toy-fuse-mul-add,fast-run
// HELP: dialects:
// HELP-NEXT: toy
