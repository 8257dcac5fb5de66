"""`{% capture as name %}...{% endcapture %}`: renders its content once into a
context variable, so base.html can put a page's title block in <title> and in
its Open Graph tags. A {% block %} inside stays overridable by child templates."""

from __future__ import annotations

from django import template

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # Rendered output is already escaped (and marked safe); spaces collapsed.
        value = self.nodelist.render(context)
        context[self.name] = type(value)(" ".join(value.split()))
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
