"""Why a submission is refused; messages name fields and limits, never what was typed,
because submissions carry survivors' personal data and error texts end up in logs."""


class SubmissionError(Exception):
    """A submission intake cannot read (HTTP 400 at the edge); the text is safe to log
    and to show the enumerator."""


class SubmissionTooLarge(SubmissionError):
    """Over the size intake reads (HTTP 413, as the Form Submission API names it)."""
