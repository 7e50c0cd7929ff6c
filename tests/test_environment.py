"""environment.yml (conda, Binder) lists the same packages with the same version ranges as pyproject.toml.

conda itself cannot run on the project's machines, so this is a static check.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from unionstate import paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def pyproject_requirements(extra: str | None = None) -> dict[str, SpecifierSet]:
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())
    listed = data["project"]["optional-dependencies"][extra] if extra else data["project"]["dependencies"]
    reqs = [Requirement(r) for r in listed]
    return {r.name.lower(): r.specifier for r in reqs}


def conda_requirements() -> dict[str, SpecifierSet]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # the pip: section installs the kit itself
            assert dep["pip"] == ["-e ."]
            continue
        name, spec = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", dep).groups()
        if spec and re.fullmatch(r"=[^=<>!~]+", spec):  # conda's pkg=1.2 means 1.2.*
            spec = f"=={spec[1:]}.*"
        out[name.lower()] = SpecifierSet(spec)
    return out


def test_same_packages_and_ranges():
    py, conda, hub = pyproject_requirements(), conda_requirements(), pyproject_requirements("hub")
    conda_only = set(conda) - set(py)
    assert conda_only == {"python", "pip", "nbgitpuller"}, conda_only  # nbgitpuller: from the hub extra
    assert conda["nbgitpuller"] == hub["nbgitpuller"], f"nbgitpuller: pyproject's hub extra {hub['nbgitpuller']} vs environment.yml {conda['nbgitpuller']}"
    for name, spec in py.items():
        assert name in conda, f"{name} is in pyproject.toml but not in environment.yml"
        assert conda[name] == spec, f"{name}: pyproject {spec} vs environment.yml {conda[name]}"


def test_python_floor_matches():
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())
    assert conda_requirements()["python"] == SpecifierSet(data["project"]["requires-python"])


def test_installed_versions_satisfy_the_ranges():
    for name, spec in pyproject_requirements().items():
        assert spec.contains(version(name)), f"installed {name} {version(name)} is outside {spec}"
