"""What a browser would post from a page's form: every input, select and textarea with its
value. For tests and test workers that submit the admin's forms as an admin would."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.data[self._textarea][-1].startswith("\n"):
                self.data[self._textarea][-1] = self.data[self._textarea][-1][1:]
            self._textarea = None


def form_data(html: str) -> dict:
    """The page's fields as the test client posts them: one value, or a list for several."""
    parser = FormFields()
    parser.feed(html)
    return {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}
