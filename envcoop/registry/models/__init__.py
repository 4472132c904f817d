"""The registry's models, one module per kind of record."""

from envcoop.registry.models.agreements import Agreement, AgreementKind, AgreementStatus
from envcoop.registry.models.areas import Area, AreaCode, Term, Vocabulary
from envcoop.registry.models.base import Label, LabelKind, Labelled, Record, Text, pick_label
from envcoop.registry.models.events import Event, EventMode, EventSeries, Frequency
from envcoop.registry.models.former_keys import FormerKey
from envcoop.registry.models.frameworks import (
    ActionLine,
    Component,
    Framework,
    FrameworkKind,
    FrameworkStatus,
)
from envcoop.registry.models.geography import (
    Country,
    CountryGroup,
    CountryGroupCode,
    CountryMembership,
)
from envcoop.registry.models.organisations import Organisation, OrganisationType
from envcoop.registry.models.priorities import Priority, PriorityKind
from envcoop.registry.models.projects import (
    ActivityStatus,
    Fund,
    OrganisationRole,
    Project,
    ProjectParticipation,
)

__all__ = [
    "ActionLine",
    "ActivityStatus",
    "Agreement",
    "AgreementKind",
    "AgreementStatus",
    "Area",
    "AreaCode",
    "Component",
    "Country",
    "CountryGroup",
    "CountryGroupCode",
    "CountryMembership",
    "Event",
    "EventMode",
    "EventSeries",
    "FormerKey",
    "Framework",
    "FrameworkKind",
    "FrameworkStatus",
    "Frequency",
    "Fund",
    "Label",
    "LabelKind",
    "Labelled",
    "Organisation",
    "OrganisationRole",
    "OrganisationType",
    "Priority",
    "PriorityKind",
    "Project",
    "ProjectParticipation",
    "Record",
    "Term",
    "Text",
    "Vocabulary",
    "pick_label",
]
