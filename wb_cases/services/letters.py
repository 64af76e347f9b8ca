"""Standard letters to the reporter: the acknowledgement (§ 24b stk. 1-2) and feedback.

Plain text, Danish first with the English version below it, since an anonymous
reporter may read either. Staff may add a personal paragraph; nothing here names
anyone.
"""

from __future__ import annotations

import datetime as dt

ACK_DA = """Tak for din indberetning. Vi bekræfter hermed, at vi har modtaget den.

Dine rettigheder (§ 24b, stk. 1): Du kan indberette anonymt, og du er beskyttet, når du \
indberetter i god tro. Vi udviser størst mulig diskretion om, hvem du er, inden for de \
regler om aktindsigt og partshøring, der gælder for forvaltningen. Borgerrådgiverudvalget \
orienteres om enhver anmodning om oplysninger om din identitet.

Sådan behandler vi sagen: Vi vurderer hvert forhold i din indberetning. Falder det uden for \
ordningen, afviser vi det med en begrundelse. Ellers vurderer vi, hvor groft forholdet er, og \
om det kan dokumenteres; økonomiske forhold sendes til Intern Revision, ansættelsesretlige \
forhold til den ansvarlige direktion, og andre forhold undersøger vi selv.

Du får en tilbagemelding senest {feedback_due}. Følg sagen og svar os med din kvitteringskode \
på portalen."""

UNION_DA = """Som ansat kan du også søge råd hos din lokale tillidsrepræsentant, som kan \
hjælpe og støtte dig; du bestemmer selv, om du vil det (§ 24b, stk. 2)."""

ACK_EN = """Thank you for your report. We confirm that we have received it.

Your rights (§ 24b, stk. 1): you may report anonymously, and you are protected when you \
report in good faith. We keep who you are as discreet as the rules on access to documents \
and hearing of parties allow. The Citizen Advisor Committee is told of every request for \
information about your identity.

How we handle the case: we assess each matter in your report. If it falls outside the \
scheme, we reject it with reasons. Otherwise we assess how grave it is and whether it can be \
documented; financial matters go to Internal Audit, employment-law matters to the \
responsible directorate, and we investigate other matters ourselves.

You will hear from us by {feedback_due} at the latest. Follow the case and answer us with \
your receipt code on the portal."""

UNION_EN = """As an employee you may also ask your local union representative \
(tillidsrepræsentant) for advice and support; whether you do is up to you (§ 24b, stk. 2)."""


def acknowledgement_text(*, feedback_due: dt.date, employee: bool, personal: str = "") -> str:
    """The acknowledgement letter; union information for employees only (§ 24b stk. 2)."""
    due = feedback_due.strftime("%d.%m.%Y")
    parts = [ACK_DA.format(feedback_due=due)]
    if employee:
        parts.append(UNION_DA)
    if personal.strip():
        parts.append(personal.strip())
    parts.append("— English —")
    parts.append(ACK_EN.format(feedback_due=due))
    if employee:
        parts.append(UNION_EN)
    return "\n\n".join(parts)
