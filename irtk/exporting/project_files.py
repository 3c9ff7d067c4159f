"""The build files of an exported project: pyproject.toml (scikit-build-core + pybind11), CMakeLists.txt, the
extension's module source, and the linker's export list.

The extension `_kernel` is one shared object compiled from the kernel's C++ and irtk's own native runtime
(native/src: the Kernel class that checks arguments, calls `irtk_entry` and wraps results), copied into the
project, so an exported function runs exactly the code `irtk.function` runs. The kernel is compiled with the flags
irtk compiles kernels with (irtk/runtime/toolchain.py: -O3, no contraction into fused multiply-adds, no fast-math,
OpenMP for parallel loops), except the CPU: `IRTK_MARCH` is chosen at export and may be changed at build time.
"""

from __future__ import annotations

PYPROJECT = """\
[build-system]
requires = ["scikit-build-core>=0.10", "pybind11>=2.12"]
build-backend = "scikit_build_core.build"

[project]
name = "@NAME@"
version = "@VERSION@"
description = "@DESCRIPTION@"
requires-python = ">=3.10"
dependencies = ["numpy"]

[tool.scikit-build]
wheel.packages = ["@NAME@"]
cmake.build-type = "Release"
"""

CMAKELISTS = """\
# The extension @NAME@._kernel: the function's kernel (src/function.cpp, C++ irtk emitted) compiled together with
# irtk's native runtime (src/runtime, copied from irtk's native/src), which checks arguments, calls the kernel and
# wraps its results as numpy arrays. Written by irtk.export; built by `pip install .` (scikit-build-core).
cmake_minimum_required(VERSION 3.15...3.30)
project(@NAME@ LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

# The CPU the kernel is compiled for: "portable" (the compiler's default target) or a -march value ("native":
# this machine's CPU; "x86-64-v3", ...). Change it when building: pip install . -Ccmake.define.IRTK_MARCH=native
set(IRTK_MARCH "@MARCH@" CACHE STRING "portable, or the -march value the kernel is compiled with")
# Parallel loops run on OpenMP threads; without OpenMP the kernel runs them on the calling thread (same results).
option(IRTK_OPENMP "compile the kernel's parallel loops with OpenMP" ON)

find_package(Python REQUIRED COMPONENTS Interpreter Development.Module)
find_package(pybind11 CONFIG REQUIRED)

# NO_EXTRAS: no link-time optimization, which could carry other floating-point flags into the kernel's code.
pybind11_add_module(_kernel MODULE NO_EXTRAS
  src/module.cpp
  src/function.cpp
  src/runtime/kernel.cpp
  src/runtime/signature.cpp)
target_include_directories(_kernel PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src/runtime)
target_link_libraries(_kernel PRIVATE ${CMAKE_DL_LIBS})

# irtk's kernel flags (irtk/runtime/toolchain.py): never -ffast-math, no contraction into fused multiply-adds,
# so the kernel computes the bits irtk.function computes.
set(kernel_options "-O3;-ffp-contract=off;-fno-fast-math")
if(NOT IRTK_MARCH STREQUAL "portable")
  list(APPEND kernel_options "-march=${IRTK_MARCH}")
endif()
set_source_files_properties(src/function.cpp PROPERTIES COMPILE_OPTIONS "${kernel_options}")

if(IRTK_OPENMP)
  find_package(OpenMP COMPONENTS CXX)
  if(OpenMP_CXX_FOUND)
    target_link_libraries(_kernel PRIVATE OpenMP::OpenMP_CXX)
  else()
    message(WARNING "OpenMP not found: the kernel's parallel loops run on the calling thread")
  endif()
endif()

# Only the module's init function is exported: the kernel's irtk_entry and irtk_signature stay inside this
# extension, so two exported modules in one process never resolve each other's kernel.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  target_link_options(_kernel PRIVATE "LINKER:--version-script=${CMAKE_CURRENT_SOURCE_DIR}/src/exports.map")
endif()

install(TARGETS _kernel LIBRARY DESTINATION @NAME@)
"""

EXPORTS_MAP = """\
{
  global: PyInit__kernel;
  local: *;
};
"""

MODULE_CPP = """\
// module.cpp - the extension @NAME@._kernel: the one kernel compiled into it (function.cpp), callable with numpy
// arrays through irtk's Kernel class (runtime/kernel.cpp), and the settings every call runs with.
// Written by irtk.export.
#include <pybind11/pybind11.h>

#include <memory>

#include "irtk_abi.h"
#include "kernel.hpp"
#include "kernel_binding.hpp"

namespace py = pybind11;

// Defined in function.cpp, as in every kernel irtk compiles (irtk_abi.h).
extern "C" const char* irtk_signature(void);
extern "C" int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results,
                          irtk_error* error);

PYBIND11_MODULE(_kernel, m) {
  m.doc() = "The compiled kernel of @NAME@ and irtk's native runtime that calls it.";
  irtk::bind_kernel_class(m);
  irtk::bind_call_settings(m);
  m.def(
      "make_kernel",
      [](const py::object& arg_names) {
        return std::make_unique<irtk::Kernel>(&irtk_signature, &irtk_entry, "@NAME@", arg_names);
      },
      py::arg("arg_names") = py::none(),
      "The kernel, callable with arrays; arg_names (one str per argument, or None) name arguments in errors.");
}
"""

INIT_PY = '''\
"""@NAME@: the irtk function @FUNCTION@, exported by irtk.export as a compiled extension that needs only numpy.

    import @NAME@
    @NAME@.function(...)                       # called as the irtk.function it was exported from
    @NAME@.shared_variables[0].get_value()     # its shared variables (also by name: @NAME@.W), with set_value
    @NAME@.set_threads(4)                      # the most threads each call may use (default: one per core)
"""

import os as _os
from pathlib import Path as _Path

# Idle OpenMP threads sleep, unless the user chose: spinning ones take the cores BLAS's threads need (irtk's own
# default, irtk/runtime/kernel.py). Set before the extension loads the OpenMP runtime, which reads it once.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from ._runtime import ExportedFunction, IndexOutOfBounds, SharedValue  # noqa: E402
from ._runtime import load as _load  # noqa: E402

function, shared_variables, _extension = _load(__name__, _Path(__file__).resolve().parent)
shared_variables = tuple(shared_variables)
set_threads = _extension.set_threads
threads = _extension.threads
set_temporaries_limit = _extension.set_temporaries_limit
kept_temporaries = _extension.kept_temporaries
@SHARED_NAMES@
__all__ = [
    "function", "shared_variables", "set_threads", "threads", "set_temporaries_limit", "kept_temporaries",
    "ExportedFunction", "SharedValue", "IndexOutOfBounds",@SHARED_ALL@
]
'''

#: Names an exported module defines itself: a shared variable with one of these names is reachable only through
#: `shared_variables`.
RESERVED = frozenset(
    {"function", "shared_variables", "set_threads", "threads", "set_temporaries_limit", "kept_temporaries",
     "ExportedFunction", "SharedValue", "IndexOutOfBounds"}
)


def fill(template: str, **values: str) -> str:
    """`template` with each `@KEY@` replaced by values[key]."""
    for key, value in values.items():
        template = template.replace(f"@{key.upper()}@", value)
    return template
