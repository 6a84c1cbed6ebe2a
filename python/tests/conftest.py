"""The shared real cluster fixture (tests/integration/cluster_fixture.sh).

The cluster directory is $FN_IT_DIR (ctest passes the one its fixture
started), else <repo>/build/it-cluster. Without its bootstrap file, or when
the cluster does not answer, the cluster tests are skipped. The C++ CLI
(the oracle for "the same query") is $FN_CLI, else <repo>/build/tools/cli/fluss-native.
"""
import os
import subprocess

import pyarrow as pa
import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def it_dir():
    return os.environ.get("FN_IT_DIR") or os.path.join(REPO, "build", "it-cluster")


def bootstrap_or_none():
    path = os.path.join(it_dir(), "bootstrap")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip() or None


@pytest.fixture(scope="session")
def bootstrap():
    b = bootstrap_or_none()
    if b is None:
        pytest.skip("no Fluss cluster fixture at %s (run through ctest -L integration)" % it_dir())
    return b


@pytest.fixture(scope="session")
def client(bootstrap):
    import fluss_native

    try:
        return fluss_native.connect(bootstrap, **{"client.connect-timeout": "5s"})
    except fluss_native.FlussError as e:
        pytest.skip("the cluster at %s does not answer: %s" % (bootstrap, e))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("FN_CLI") or os.path.join(REPO, "build", "tools", "cli", "fluss-native")
    if not os.path.exists(path):
        pytest.skip("no fluss-native CLI at %s (build it: ninja -C build fluss-native)" % path)
    return path


@pytest.fixture
def cli_ipc(cli, bootstrap, tmp_path):
    """Runs a SELECT through the C++ CLI and returns its Arrow IPC output as a pyarrow.Table."""
    counter = [0]

    def run(sql, tier="auto"):
        counter[0] += 1
        out = tmp_path / ("cli-%d.arrows" % counter[0])
        proc = subprocess.run([cli, "--bootstrap", bootstrap, "--tier", tier, "--output-ipc", str(out), "-e", sql],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300)
        assert proc.returncode == 0, "CLI failed on %r: %s" % (sql, proc.stderr)
        with pa.ipc.open_stream(str(out)) as reader:
            return reader.read_all()

    return run
