"""Resolving references to framework components ("framework-key:2") and action lines."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from envcoop.registry.models import ActionLine, Component


def components_from_refs(
    refs: Iterable[str] | None, *, field: str = "components"
) -> list[Component]:
    """Components written as "<framework key>:<number>", e.g. "asean-china-sap-2021-2025:2"."""
    found: list[Component] = []
    for ref in refs or []:
        framework_key, _, number = str(ref).rpartition(":")
        if not framework_key or not number.isdigit():
            raise ValidationError({field: f"{ref!r}: write <framework key>:<component number>"})
        component = Component.objects.filter(
            framework__key=framework_key, number=int(number)
        ).first()
        if component is None:
            raise ValidationError({field: f"no component {number} in framework {framework_key!r}"})
        if component not in found:
            found.append(component)
    return found


def action_lines_from_refs(
    refs: Iterable[str] | None, *, field: str = "action_lines"
) -> list[ActionLine]:
    """Action lines written as "<framework key>:<component number>:<code>"."""
    found: list[ActionLine] = []
    for ref in refs or []:
        parts = str(ref).split(":")
        if len(parts) != 3 or not parts[1].isdigit():
            raise ValidationError({field: f"{ref!r}: write <framework key>:<component>:<code>"})
        line = ActionLine.objects.filter(
            component__framework__key=parts[0], component__number=int(parts[1]), code=parts[2]
        ).first()
        if line is None:
            raise ValidationError({field: f"no action line {ref!r}"})
        if line not in found:
            found.append(line)
    return found
