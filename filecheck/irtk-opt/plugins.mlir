// RUN: irtk-opt %s --load-plugin %irtk_plugin | filecheck %s
// RUN: env IRTK_PLUGINS=%irtk_plugin irtk-opt %s -p demo-tag | filecheck %s --check-prefix=ENV
// RUN: irtk-opt --load-plugin %irtk_plugin --help | filecheck %s --check-prefix=HELP
// RUN: not irtk-opt %s 2>&1 | filecheck %s --check-prefix=NOPLUGIN
// RUN: not irtk-opt %s --load-plugin no_such_plugin_module 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: not irtk-opt %s --load-plugin %s 2>&1 | filecheck %s --check-prefix=NOT-PYTHON
// RUN: not irtk-opt %s --load-plugin %S 2>&1 | filecheck %s --check-prefix=FOLDER

// Dialects and passes from outside irtk: a plugin module calls irtk.registry.register_dialect /
// register_pass when imported; --load-plugin (or $IRTK_PLUGINS) imports it before the input is read.

// CHECK:    func.func @uses_plugin_dialect() {
// CHECK-NEXT: demo.noop
// ENV:      func.func @uses_plugin_dialect() attributes {demo.label = "none", demo.count = 1 : i64}
// HELP:     {{^}}  demo-tag
// HELP-NEXT: {{^}}  demo-reject
// HELP-NEXT: {{^}}  demo-drop-return
// HELP-NEXT: {{^}}  demo-hoist
// HELP-NEXT: {{^}}  demo-crash
// HELP:     dialects:
// HELP-NEXT: {{.*}}demo
// MISSING:  irtk-opt: error: cannot load plugin 'no_such_plugin_module': ModuleNotFoundError
// A path must be a .py file; anything else is refused with the forms that are accepted.
// NOT-PYTHON: irtk-opt: error: cannot load plugin '{{.*}}plugins.mlir': it is not a Python (.py) file; --load-plugin takes a module name on the Python path (my_pkg.plugin) or the path of a .py file
// FOLDER:   irtk-opt: error: cannot load plugin '{{.*}}irtk-opt': it is a folder; --load-plugin takes a module name
// NOPLUGIN: plugins.mlir:[[# @LINE + 2]]:3: error: unknown operation 'demo.noop': dialect 'demo' is not registered
func.func @uses_plugin_dialect() {
  demo.noop
  return
}
