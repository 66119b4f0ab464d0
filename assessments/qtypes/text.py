"""What the one-line text response types (short answer, numerical) share."""

from lms.sanitise import plain_text

MAX_LINE_RESPONSE = 1000


class TextResponseMixin:
    """A response {"text": str}: one line, plain text, cut to size."""

    def clean_response(self, data, raw):
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            return None
        return {"text": plain_text(text[:MAX_LINE_RESPONSE]).strip()}
