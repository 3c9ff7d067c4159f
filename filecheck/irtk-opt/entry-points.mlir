// RUN: env PYTHONPATH=%S/Inputs/entry-point-site:%S/../.. irtk-opt --list-passes | filecheck %s --check-prefix=LIST
// RUN: env PYTHONPATH=%S/Inputs/entry-point-site:%S/../.. irtk-opt %s -p lit-demo-tag | filecheck %s
// RUN: env PYTHONPATH=%S/Inputs/entry-point-site:%S/../.. irtk-opt %s -p lit-demo-pipeline | filecheck %s
// RUN: env PYTHONPATH=%S/Inputs/entry-point-site:%S/../.. irtk-opt %s --lit-demo-tag | filecheck %s
// RUN: env PYTHONPATH=%S/Inputs/entry-point-site:%S/../.. not irtk-opt %s -p lit-demo-misnamed 2>&1 | filecheck %s --check-prefix=MISNAMED
// RUN: not irtk-opt %s --load-plugin %S/Inputs/eager_misnamed_plugin.py 2>&1 | filecheck %s --check-prefix=EAGER
// RUN: env PYTHONPATH=%S/Inputs/broken-plugin-site:%S/../.. not irtk-opt %s -p lit-demo-tag 2>&1 | filecheck %s --check-prefix=BROKEN
// RUN: env PYTHONPATH=%S/Inputs/broken-plugin-site:%S/../.. irtk-opt %s -p canonicalize | filecheck %s --check-prefix=LAZY

// Installed plugins: a package's `irtk.plugins` entry point (here a dist-info as pip leaves it) registers
// passes and named pipelines, found without --load-plugin the first time irtk-opt meets a name it does not know.

// LIST: lit-demo-tag{{ +}}Mark every function with the unit attribute `lit_demo.tagged`.
// CHECK: func.func @f() attributes {lit_demo.tagged} {

// A pass's registered name and its class's name must agree: checked when a lazy factory is first resolved,
// and at once when a class is registered.
// MISNAMED: <pass-pipeline>:1:1: error: pass 'lit-demo-misnamed' could not be loaded: pass 'lit-demo-misnamed' is registered with class irtk_lit_demo._tag_class.<locals>.Tag, whose name is 'lit-demo-other-name'; they must agree
// EAGER: irtk-opt: error: cannot load plugin '{{.*}}eager_misnamed_plugin.py': ValueError: pass 'renamed-at-registration' is registered with class {{.*}}Renamed, whose name is 'renamed-in-class'; they must agree

// A plugin that fails to load is named, with its exception; irtk's own passes never look for plugins.
// BROKEN: <pass-pipeline>:1:1: error: cannot load irtk plugin 'broken' (irtk_lit_broken:register, from irtk-lit-broken 1.0): ModuleNotFoundError: No module named 'irtk_lit_missing_dependency'
// LAZY: func.func @f()
func.func @f() {
  return
}
