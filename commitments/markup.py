"""HTML written in Python for the parts of the status page that repeat (rows, options, badges).

`escape` is what django.utils.html.escape does (the standard library's html.escape of the
text) without its checks for lazy and safe strings, which cost more than the escaping itself
when hundreds of values are written on every first render. Every value written into such
HTML goes through it; the caller marks the finished fragment safe."""

import html


def escape(value) -> str:
    return html.escape(str(value))
