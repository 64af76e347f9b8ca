import pytest

from policies import (
    ROUTE_EVENT,
    CaseEvent,
    CaseStatus,
    Lifecycle,
    MatterEvent,
    MatterStatus,
    PolicyViolation,
    Route,
    TransitionNotAllowedError,
    may_transition,
    transition,
)
from policies import paragraphs as P
from policies.workflow import CASE_TRANSITIONS, MATTER_TRANSITIONS


def test_a_case_runs_from_receipt_to_closing() -> None:
    case = Lifecycle(CaseStatus.RECEIVED)
    for event in (
        CaseEvent.ACKNOWLEDGE,
        CaseEvent.START_TRIAGE,
        CaseEvent.FORWARD,
        CaseEvent.RECEIVE_OUTCOME,
        CaseEvent.CLOSE,
    ):
        case.handle(event)
    assert case.status is CaseStatus.CLOSED and len(case.history) == 5


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
    for table, statuses, events in (
        (CASE_TRANSITIONS, CaseStatus, CaseEvent),
        (MATTER_TRANSITIONS, MatterStatus, MatterEvent),
    ):
        for s in statuses:
            for e in events:
                allowed = may_transition(s, e)  # type: ignore[call-overload]
                assert allowed == ((s, e) in table)
                if allowed:
                    assert transition(s, e) == table[(s, e)]  # type: ignore[call-overload]
                else:
                    with pytest.raises(TransitionNotAllowedError):
                        transition(s, e)  # type: ignore[call-overload]


def test_case_events_do_not_apply_to_matters() -> None:
    assert not may_transition(MatterStatus.UNTRIAGED, CaseEvent.FORWARD)  # type: ignore[call-overload]
    with pytest.raises(TransitionNotAllowedError):
        transition(MatterStatus.UNTRIAGED, CaseEvent.FORWARD)  # type: ignore[call-overload]


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
    assert {n for n in CASE_TRANSITIONS.values()} | {CaseStatus.RECEIVED} == set(CaseStatus)
