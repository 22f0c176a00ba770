"""Benchmark the lead import: a generated CSV through the admin's import path."""

import csv
import io
import random
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cam import api as cam_api
from cam import resources
from cam.services import campaigns as campaign_services
from cam.services import imports as import_services

FIRST_NAMES = (
    "Amelia", "Ben", "Chloe", "Daniel", "Elif", "Farah", "George", "Hana", "Isaac",
    "Jana", "Kofi", "Lena", "Mateo", "Nina", "Omar", "Priya", "Quentin", "Rosa",
    "Sven", "Tara", "Umar", "Vera", "Wei", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Adams", "Becker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes",
    "Ivanova", "Jensen", "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel",
    "Quinn", "Rossi", "Schmidt", "Tanaka", "Usman", "Visser", "Walsh", "Young",
)  # fmt: skip
COMPANY_WORDS = (
    "Bright", "Smile", "Harbour", "Dental", "Studio", "Family", "Care", "City",
    "Garden", "Oak", "River", "Summit", "Clinic", "Practice", "Group", "Partners",
)  # fmt: skip
ROLES = (
    "Practice owner", "Practice manager", "Clinical director", "Head of growth",
    "Operations manager", "Marketing lead", "",
)  # fmt: skip
PAIN_POINTS = (
    "No-shows", "Slow bookings in winter", "Few new patient enquiries",
    "Too much time on the phone", "Low review count", "",
)  # fmt: skip


def generate_csv(rows: int, seed: int) -> bytes:
    """Return a realistic lead CSV of ``rows`` rows with unique emails (seeded)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(import_services.IMPORT_COLUMNS)
    for index in range(rows):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company = " ".join(rng.sample(COMPANY_WORDS, 2))
        domain = company.lower().replace(" ", "") + ".example"
        writer.writerow(
            (
                f"{first} {last}",
                f" {first}.{last}.{index}@{domain.title()}",  # case/space variants
                company,
                rng.choice(ROLES),
                "bench",
                f"{rng.randint(0, 10000) / 10000:.4f}",
                rng.choice(("yes", "no", "")),
                rng.choice(("true", "false", "1", "0")),
                rng.choice(PAIN_POINTS),
                f"{rng.random():.3f}",
            )
        )
    return out.getvalue().encode("utf-8")


class Command(BaseCommand):
    help = (
        "Generate a realistic lead CSV, import it into a scratch campaign through the "
        "admin's import path (the same resource and import_data call), print the "
        "median seconds and rows/s, and delete the scratch campaign. It writes to the "
        "configured database: point DATABASE_URL at a scratch database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        rows, repeat = options["rows"], options["repeat"]
        if rows < 1 or repeat < 1:
            raise CommandError("--rows and --repeat must be at least 1")
        data = generate_csv(rows, options["seed"])
        self.stdout.write(f"Generated {rows} rows ({len(data) / 1e6:.2f} MB of CSV).")
        timings: list[float] = []
        for attempt in range(1, repeat + 1):
            campaign = cam_api.campaign_create(
                name=f"bench_lead_import scratch {attempt}",
                niche="Dental clinics",
                offer="Patient acquisition retainer",
                target_clients=1,
            )
            try:
                started = time.perf_counter()
                dataset = resources.read_dataset(data, "csv")
                resource, result = resources.import_dataset(
                    campaign_id=campaign.id, dataset=dataset, file_name="bench.csv"
                )
                elapsed = time.perf_counter() - started
                problems = resources.result_problems(result)
                if problems:
                    raise CommandError(f"The import failed: {problems[:5]}")
                if len(resource.created) != rows:
                    raise CommandError(
                        f"Imported {len(resource.created)} leads, expected {rows}."
                    )
            finally:
                campaign_services.campaign_discard_scratch(campaign_id=campaign.id)
            timings.append(elapsed)
            self.stdout.write(
                f"run {attempt}: {elapsed:.3f} s, {rows / elapsed:,.0f} rows/s"
            )
        median = statistics.median(timings)
        self.stdout.write(
            f"median of {repeat}: {median:.3f} s for {rows} rows, "
            f"{rows / median:,.0f} rows/s (scratch campaigns deleted)"
        )
