"""The crash drill of SPEC §7, with real processes killed by os._exit(70)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BRIEF = ROOT / "examples" / "brightsmile_dental.json"
STEPS = [
    "normalize_brief",
    "generate_strategy",
    "generate_draft",
    "qc_evaluate",
    "create_package",
]

pytestmark = pytest.mark.slow

COUNT_SCRIPT = """
import json
from pathlib import Path
from django.conf import settings
from delivery import api as delivery_api
from orchestration import api as orchestration_api
from production import api as production_api
from qc import api as qc_api
from strategy import api as strategy_api
runs = orchestration_api.run_list()
run = runs[0]
drafts = production_api.draft_list(brief_id=run.brief_id)
packages = [p for d in drafts for p in delivery_api.package_list(draft_id=d.id)]
files = sorted(str(p.relative_to(settings.MEDIA_ROOT))
               for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
print(json.dumps({
    "runs": len(runs), "status": run.status.value,
    "attempts": [s.attempts for s in run.steps],
    "strategies": len(strategy_api.strategy_list(brief_id=run.brief_id)),
    "drafts": len(drafts),
    "qc_results": sum(len(qc_api.result_list(draft_id=d.id)) for d in drafts),
    "packages": len(packages),
    "package_id": run.outputs.get("package_id"),
    "files": files,
}))
"""


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("crash") / "template.sqlite3"
    env = _env(path, tmp_path_factory.mktemp("media"))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return path


def _env(db: Path, media: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AICMO_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "aicmo_site.settings.local",
            "DATABASE_URL": f"sqlite:///{db}",
            "DJANGO_MEDIA_ROOT": str(media),
            "AICMO_LEASE_SECONDS": "1",
            "AICMO_EXECUTOR": "inline",
            "AICMO_ALLOW_FAULT_INJECTION": "true",
        }
    )
    return env


def _manage(env, *args, check=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_after_any_step_recovers_to_exactly_one_of_each(
    step, template_db, tmp_path
):
    db = tmp_path / "db.sqlite3"
    shutil.copy(template_db, db)
    env = _env(db, tmp_path / "media")

    crashed = _manage(env, "run_workflow", str(BRIEF), "--crash-after", step)
    assert crashed.returncode == 70, crashed.stderr
    recovered = _manage(env, "recover_runs", "--wait")
    assert recovered.returncode == 0, recovered.stderr
    shell = _manage(env, "shell", "--no-imports", "-c", COUNT_SCRIPT, check=True)
    counts = json.loads(shell.stdout.strip().splitlines()[-1])

    assert counts["runs"] == 1
    assert counts["status"] == "completed"
    assert counts["attempts"] == [1, 1, 1, 1, 1]
    assert (
        counts["strategies"],
        counts["drafts"],
        counts["qc_results"],
        counts["packages"],
    ) == (1, 1, 1, 1)
    package_id = counts["package_id"]
    assert counts["files"] == sorted(
        f"packages/{package_id}/{name}"
        for name in (
            "report.md",
            "report.html",
            "report.pdf",
            "data.json",
            "package.zip",
        )
    )
    if step == "create_package":
        assert "No run needed recovery." in recovered.stdout
    else:
        assert "Recovered run_" in recovered.stdout
        assert "now completed" in recovered.stdout
