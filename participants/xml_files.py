"""Writing XML exports: text every XML 1.0 parser accepts, namespaced elements, one declaration.

Pure helpers shared by the XML writers of the participant list and of the answers. Each export has a
published XML Schema under static/schemas/ (served at /static/schemas/), which the tests validate against.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

# Characters XML 1.0 cannot hold (most control characters); a pasted text may contain them.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def xml_text(value: Any) -> str:
    """A value as XML text: booleans as true/false, None as nothing, unusable characters dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(value))


class Writer:
    """Elements in one default namespace, the root naming where its schema is."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def root(self, name: str, *, schema_url: str = "", **attributes: Any) -> etree._Element:
        root = etree.Element(self.tag(name), nsmap={None: self.namespace, "xsi": XSI})
        if schema_url:
            root.set(f"{{{XSI}}}schemaLocation", f"{self.namespace} {schema_url}")
        for attribute, value in attributes.items():
            root.set(attribute, xml_text(value))
        return root

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def add(self, parent: etree._Element, name: str, text: Any = None, **attributes: Any) -> etree._Element:
        element = etree.SubElement(parent, self.tag(name))
        for attribute, value in attributes.items():
            element.set(attribute, xml_text(value))
        if text is not None:
            element.text = xml_text(text)
        return element


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
