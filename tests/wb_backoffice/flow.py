"""A small actor for walking a case through the services, as a caseworker would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import policies
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.models import Case, Matter, Staff
from wb_cases.services import acknowledgement, closing, triage
from wb_cases.services import staff as staff_service
from wb_cases.services.intake import Identity

SETTINGS = policies.DeadlineSettings()


@dataclass
class Flow:
    instance: Any
    db: Any
    day: dt.date = dt.date(2026, 3, 2)
    case_id: str = ""
    receipt: str = ""
    keys: Any = None
    staff: Staff | None = None
    matters: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.staff, self.keys = staff_service.check_password(
            self.db, ADMIN, ADMIN_PASSWORD, self.instance.backoffice.pepper
        )

    @property
    def sid(self) -> str:
        assert self.staff is not None
        return self.staff.id

    def later(self, days: int) -> dt.date:
        self.day += dt.timedelta(days=days)
        return self.day

    def file(self, anonymous: bool = True, **answers: str) -> Flow:
        identity = None if anonymous else Identity("Navn Navnesen", "navn@example.org")
        filed = file_report(
            self.instance,
            self.db,
            anonymous=anonymous,
            identity=identity,
            answers=answers or {"what": "forhold"},
            today=self.day,
        )
        self.case_id, self.receipt = filed.case_id, filed.receipt_code
        return self

    def do(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        with transaction(self.db):
            return fn(self.db, *args, **kwargs)

    def acknowledge(self, employee: bool) -> Flow:
        self.do(
            acknowledgement.acknowledge_case,
            self.instance.backend.file_store,
            self.keys,
            self.case_id,
            staff_id=self.sid,
            employee=employee,
            today=self.later(2),
            settings=SETTINGS,
        )
        return self

    def split(self, *titles: str) -> Flow:
        self.matters = self.do(
            triage.split_report,
            self.keys,
            self.case_id,
            list(titles),
            staff_id=self.sid,
            today=self.day,
        )
        return self

    def triage(
        self,
        facts: policies.MatterFacts,
        n: int = 0,
        options: policies.UnitOptions = policies.UnitOptions(),
        **kw: Any,
    ) -> policies.Decision:
        return self.do(
            triage.record_triage,
            self.keys,
            self.matters[n],
            triage.TriageInput(facts, **kw),
            staff_id=self.sid,
            today=self.later(1),
            options=options,
            settings=SETTINGS,
        )

    def matter(self, n: int = 0) -> Matter:
        self.db.expire_all()
        return self.db.get(Matter, self.matters[n])

    @property
    def case(self) -> Case:
        self.db.expire_all()
        return self.db.get(Case, self.case_id)

    def open_kinds(self) -> list[str]:
        return sorted(d.kind for d in self.case.deadlines if d.done is None)

    def close_all(self, feedback: str = "Sagen er afsluttet.") -> None:
        self.do(
            acknowledgement.send_feedback,
            self.instance.backend.file_store,
            self.keys,
            self.case_id,
            feedback,
            staff_id=self.sid,
            today=self.later(1),
        )
        for matter_id in self.matters:
            if self.db.get(Matter, matter_id).status == "outcome_recorded":
                self.do(closing.close_matter, matter_id, staff_id=self.sid, today=self.day)
        self.do(closing.close_case, self.case_id, staff_id=self.sid, today=self.day)
