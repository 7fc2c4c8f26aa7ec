"""`discogs-etl parse` through click's CliRunner, plus one real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, TEST_DATA, read_table

from etl.cli import main

DATE = "20200101"
RELEASES = TEST_DATA / "release_2019_style.xml"
MASTERS = TEST_DATA / "masters.xml"


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "discogs_20200101_releases.xml.gz"
    path.write_bytes(b"<html><body>Not Found</body></html>\n")
    return path


def test_parse_help_lists_the_options() -> None:
    result = run("parse", "--help")
    assert result.exit_code == 0
    for option in ("--data-dir", "--dump-date", "--workers", "-q"):
        assert option in result.stdout


def test_parse_prints_one_summary_line_per_file(tmp_path: Path) -> None:
    result = run(
        "parse",
        "--data-dir",
        str(tmp_path),
        "--dump-date",
        DATE,
        "--workers",
        "1",
        str(RELEASES),
        str(MASTERS),
    )
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    assert len(out) == 2, result.stdout
    assert "release" in out[0] and "master" in out[1]
    assert "Traceback" not in result.output
    assert len(read_table(tmp_path, DATE, "releases")) == 2
    assert len(read_table(tmp_path, DATE, "masters")) == 2


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    result = run(
        "parse",
        "-q",
        "--data-dir",
        str(tmp_path),
        "--dump-date",
        DATE,
        "--workers",
        "2",
        str(RELEASES),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(read_table(tmp_path, DATE, "releases")) == 2


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    target = tmp_path / "from_env"
    result = run(
        "parse",
        "-q",
        "--dump-date",
        DATE,
        "--workers",
        "1",
        str(RELEASES),
        env={"DISCOGS_DATA_DIR": str(target)},
    )
    assert result.exit_code == 0, result.output
    assert len(read_table(target, DATE, "releases")) == 2


def test_option_beats_the_environment(tmp_path: Path) -> None:
    result = run(
        "parse",
        "-q",
        "--data-dir",
        str(tmp_path / "opt"),
        "--dump-date",
        DATE,
        "--workers",
        "1",
        str(RELEASES),
        env={"DISCOGS_DATA_DIR": str(tmp_path / "env")},
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "opt" / "parquet" / DATE / "releases").is_dir()
    assert not (tmp_path / "env").exists()


def test_data_dir_defaults_to_dot_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCOGS_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    result = run(
        "parse",
        "-q",
        "--dump-date",
        DATE,
        "--workers",
        "1",
        str(RELEASES),
        env={"DISCOGS_DATA_DIR": None},
    )
    assert result.exit_code == 0, result.output
    assert len(read_table(tmp_path / "data", DATE, "releases")) == 2


def test_bad_file_is_one_error_line(tmp_path: Path) -> None:
    path = bad_file(tmp_path)
    result = run("parse", "--data-dir", str(tmp_path / "data"), "--workers", "1", str(path))
    assert result.exit_code == 1
    err = lines(result.stderr)
    assert len(err) == 1, result.stderr
    assert err[0].startswith("Error:")
    assert path.name in err[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not list((tmp_path / "data").rglob("*.parquet"))


def test_missing_dump_date_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "releases.xml"
    path.write_bytes(RELEASES.read_bytes())
    result = run("parse", "--data-dir", str(tmp_path / "data"), "--workers", "1", str(path))
    assert result.exit_code == 1
    err = lines(result.stderr)
    assert len(err) == 1 and err[0].startswith("Error:"), result.stderr
    assert path.name in err[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["2020-01-01", "202001", "abcdefgh", "202001011"])
def test_dump_date_must_be_eight_digits(tmp_path: Path, value: str) -> None:
    result = run(
        "parse", "--data-dir", str(tmp_path), "--dump-date", value, "--workers", "1", str(RELEASES)
    )
    assert result.exit_code in (1, 2)
    assert "dump-date" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "parquet").exists()


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_workers_must_be_a_positive_number(tmp_path: Path, value: str) -> None:
    result = run(
        "parse", "--data-dir", str(tmp_path), "--dump-date", DATE, "--workers", value, str(RELEASES)
    )
    assert result.exit_code in (1, 2)
    assert "workers" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = run(
        "parse", "--data-dir", str(tmp_path), "--dump-date", DATE, str(tmp_path / "nope.xml.gz")
    )
    assert result.exit_code in (1, 2)
    assert "nope.xml.gz" in result.output
    assert "Traceback" not in result.output


def test_one_bad_file_among_several(tmp_path: Path) -> None:
    bad = bad_file(tmp_path)
    result = run(
        "parse",
        "--data-dir",
        str(tmp_path / "data"),
        "--dump-date",
        DATE,
        "--workers",
        "1",
        str(MASTERS),
        str(bad),
    )
    assert result.exit_code == 1
    # how many lines is not specified for several files; the bad one must be named
    assert any("Error:" in line and bad.name in line for line in lines(result.stderr))
    assert "Traceback" not in result.output
    assert len(read_table(tmp_path / "data", DATE, "masters")) == 2


def test_python_dash_m_etl_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DISCOGS_DATA_DIR", None)
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "parse",
            "--dump-date",
            DATE,
            "--workers",
            "2",
            str(RELEASES),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert len(lines(ok.stdout)) == 1
    assert len(read_table(tmp_path / "data", DATE, "releases")) == 2

    bad = bad_file(tmp_path)
    failed = subprocess.run(
        [sys.executable, "-m", "etl", "parse", "--workers", "1", str(bad)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 1
    err = lines(failed.stderr)
    assert len(err) == 1 and err[0].startswith("Error:"), failed.stderr
    assert bad.name in err[0]
    assert "Traceback" not in failed.stderr
