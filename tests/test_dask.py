"""Compiled functions on a Dask cluster of worker processes (examples/dask_sgd.py): data-parallel inference
equals one process, and data-parallel gradient descent gives one process's weights within 1e-12 relative."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest
from conftest import MODES
from dask.distributed import Client, LocalCluster

import irtk


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_sgd.py"


@pytest.fixture(scope="module")
def example():
    """The example imported as `dask_sgd` from examples/, which the worker processes see too: they start with
    this process's sys.path, and pickle refers to the example's functions and classes by module name."""
    sys.path.insert(0, str(EXAMPLE.parent))
    try:
        yield importlib.import_module("dask_sgd")
    finally:
        sys.path.remove(str(EXAMPLE.parent))
        sys.modules.pop("dask_sgd", None)


@pytest.fixture(scope="module")
def client(example, tmp_path_factory):
    """A cluster of two worker processes, compiling into a cache of their own."""
    saved = os.environ.get("IRTK_CACHE_DIR")
    os.environ["IRTK_CACHE_DIR"] = str(tmp_path_factory.mktemp("worker-cache"))  # workers start with this environment
    try:
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                          dashboard_address="127.0.0.1:0") as cluster, Client(cluster) as client:
            yield client
    finally:
        if saved is None:
            os.environ.pop("IRTK_CACHE_DIR", None)
        else:
            os.environ["IRTK_CACHE_DIR"] = saved


@pytest.mark.parametrize("mode", MODES)
def test_data_parallel_inference_and_sgd_match_one_process(example, client, mode, monkeypatch) -> None:
    monkeypatch.setattr(irtk.config, "mode", mode)  # the workers follow: the mode travels with each function
    equal, difference = example.run(client)
    assert equal
    assert difference <= 1e-12
    assert len(client.scheduler_info()["workers"]) == 2
