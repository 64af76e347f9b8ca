import pytest

from policies import (
    ROUTE_EVENT,
    CaseStatus,
    Lifecycle,
    MatterEvent,
    MatterStatus,
    PolicyViolation,
    Route,
    TransitionNotAllowedError,
    case_status,
    closes_on_decision,
    may_transition,
    transition,
)
from policies import paragraphs as P
from policies.workflow import MATTER_TRANSITIONS

MS, ME, CS = MatterStatus, MatterEvent, CaseStatus

#: What an acknowledged, open case with one other matter still untriaged shows after each
#: (matter status, matter event) pair; None where the matter refuses the event.
CASE_AFTER: dict[tuple[MatterStatus, MatterEvent], CaseStatus | None] = {
    (MS.UNTRIAGED, ME.REJECT): CS.IN_TRIAGE,
    (MS.UNTRIAGED, ME.DECLINE_24D): CS.AWAITING_ADMINISTRATION_REPORT,
    (MS.UNTRIAGED, ME.OPEN_INVESTIGATION): CS.IN_INVESTIGATION,
    (MS.UNTRIAGED, ME.FORWARD): CS.AWAITING_INSTANCE,
    (MS.UNTRIAGED, ME.CLOSE_WITHOUT_INVESTIGATION): CS.IN_TRIAGE,
    (MS.IN_INVESTIGATION, ME.FORWARD): CS.AWAITING_INSTANCE,
    (MS.IN_INVESTIGATION, ME.RECORD_OUTCOME): CS.IN_TRIAGE,
    (MS.AWAITING_INSTANCE, ME.RECORD_OUTCOME): CS.IN_TRIAGE,
    (MS.AWAITING_ADMINISTRATION_REPORT, ME.RECORD_OUTCOME): CS.IN_TRIAGE,
    (MS.OUTCOME_RECORDED, ME.CLOSE): CS.IN_TRIAGE,
    (MS.CLOSED, ME.REOPEN): CS.ACKNOWLEDGED,
}


def test_every_status_and_act_pair_gives_the_case_status_in_the_table() -> None:
    for status in MatterStatus:
        for event in MatterEvent:
            expected = CASE_AFTER.get((status, event))
            if expected is None:
                with pytest.raises(TransitionNotAllowedError):
                    transition(status, event)
                continue
            after = transition(status, event)
            got = case_status(acknowledged=True, closed=False, matters=[after, MS.UNTRIAGED])
            assert got is expected, (status, event)


def test_a_case_is_received_until_acknowledged_and_closed_once_closed() -> None:
    for matters in ([], [MS.IN_INVESTIGATION], [MS.CLOSED]):
        assert case_status(acknowledged=False, closed=False, matters=matters) is CS.RECEIVED
        assert case_status(acknowledged=True, closed=True, matters=matters) is CS.CLOSED
        assert case_status(acknowledged=False, closed=True, matters=matters) is CS.CLOSED


def test_the_busiest_matter_decides_the_case_status() -> None:
    def status(*matters: MatterStatus) -> CaseStatus:
        return case_status(acknowledged=True, closed=False, matters=matters)

    assert status() is CS.ACKNOWLEDGED
    assert status(MS.UNTRIAGED, MS.UNTRIAGED) is CS.ACKNOWLEDGED
    assert status(MS.CLOSED, MS.CLOSED) is CS.IN_TRIAGE
    assert status(MS.AWAITING_INSTANCE, MS.IN_INVESTIGATION) is CS.IN_INVESTIGATION
    assert status(MS.AWAITING_ADMINISTRATION_REPORT, MS.AWAITING_INSTANCE) is CS.AWAITING_INSTANCE
    assert status(MS.OUTCOME_RECORDED, MS.AWAITING_ADMINISTRATION_REPORT) is (
        CS.AWAITING_ADMINISTRATION_REPORT
    )


def test_a_route_closes_on_its_decision_when_its_event_closes_the_matter_or_it_is_24d() -> None:
    for route, event in ROUTE_EVENT.items():
        closes = transition(MS.UNTRIAGED, event) is MS.CLOSED or route is Route.DECLINED_24D
        assert closes_on_decision(route) is closes, route


def test_a_refused_event_changes_nothing() -> None:
    matter = Lifecycle(MatterStatus.UNTRIAGED)
    matter.handle(MatterEvent.FORWARD)
    before = (matter.status, list(matter.history))
    with pytest.raises(TransitionNotAllowedError) as err:
        matter.handle(MatterEvent.CLOSE)  # § 24g: await the instance's outcome first
    assert (matter.status, matter.history) == before
    assert isinstance(err.value, PolicyViolation)
    assert err.value.paragraph == P.PAR_24F_STK_1_NR_4
    assert (err.value.current, err.value.event) == ("awaiting_instance", "close")


def test_may_transition_agrees_with_transition_for_every_pair() -> None:
    for s in MatterStatus:
        for e in MatterEvent:
            allowed = may_transition(s, e)
            assert allowed == ((s, e) in MATTER_TRANSITIONS)
            if allowed:
                assert transition(s, e) == MATTER_TRANSITIONS[(s, e)]
            else:
                with pytest.raises(TransitionNotAllowedError):
                    transition(s, e)


def test_every_route_has_an_event_allowed_on_an_untriaged_matter() -> None:
    assert set(ROUTE_EVENT) == set(Route)
    for event in ROUTE_EVENT.values():
        assert may_transition(MatterStatus.UNTRIAGED, event)


def test_par_24d_stk_3_declined_matter_stays_open_until_the_account_arrives() -> None:
    m = Lifecycle(MatterStatus.UNTRIAGED)
    m.handle(ROUTE_EVENT[Route.DECLINED_24D])
    assert m.status is MatterStatus.AWAITING_ADMINISTRATION_REPORT
    assert not may_transition(m.status, MatterEvent.CLOSE)
    m.handle(MatterEvent.RECORD_OUTCOME)
    m.handle(MatterEvent.CLOSE)
    assert m.status is MatterStatus.CLOSED


def test_every_status_is_reachable_and_closed_only_reopens() -> None:
    reached = {new for new in MATTER_TRANSITIONS.values()} | {MatterStatus.UNTRIAGED}
    assert reached == set(MatterStatus)
    assert {e for (s, e) in MATTER_TRANSITIONS if s is MatterStatus.CLOSED} == {MatterEvent.REOPEN}
    shown = {
        case_status(acknowledged=a, closed=c, matters=[m])
        for a in (True, False)
        for c in (True, False)
        for m in MatterStatus
    } | {case_status(acknowledged=True, closed=False, matters=[])}
    assert shown == set(CaseStatus)
