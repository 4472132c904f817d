"""The forms about one document: who may read it (at upload, and on its page), and where
it comes from (its provenance). What a user may choose follows their roles: a focal point or
contributor files documents under their own country, a partner shares them with their
organisation, the Secretariat chooses any country and any partner."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envcoop.accounts.models import Membership, Role
from envcoop.accounts.roles import access_of
from envcoop.ingestion.models import Document, Visibility
from envcoop.ingestion.pipeline import Filing
from envcoop.registry.fields import PartialDateFormField
from envcoop.registry.models import Country, Organisation


def _countries(codes: frozenset[str] | None) -> QuerySet[Country]:
    countries = Country.objects.prefetch_related("labels").order_by("code")
    return countries if codes is None else countries.filter(code__in=codes)


def partner_organisations(document: Document | None = None) -> QuerySet[Organisation]:
    """The organisations a document may be shared with: those with a partner's membership
    (and those it is shared with already)."""
    partners = Membership.objects.filter(role=Role.PARTNER).values("organisation")
    condition = Q(pk__in=partners)
    if document is not None and document.pk:
        condition |= Q(pk__in=document.shared_with.values("pk"))
    return Organisation.objects.filter(condition).prefetch_related("labels").order_by("key")


class CountryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Country) -> str:
        return f"{obj.display_name} ({obj.code})"


class OrganisationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return str(obj.display_name)


class FilingForm(forms.Form):
    """Who may read a document. At upload (``document`` None) the uploader's roles decide
    the country and the partners; on the document's page, those who may change it choose."""

    # (not required: an upload that does not say is for members, as `envcoop ingest`'s)
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who may read it"),
        widget=forms.RadioSelect,
        initial=Visibility.MEMBERS.value,
        required=False,
    )
    country = CountryChoice(
        label=gettext_lazy("Country"),
        queryset=Country.objects.none(),
        required=False,
        to_field_name="code",
        help_text=gettext_lazy("Whose document it is: its focal points review what is read in it."),
    )
    shared_with = OrganisationChoices(
        label=gettext_lazy("Shared with these partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("They read it though it is for members only."),
    )

    def __init__(self, *args: Any, user: Any, document: Document | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.access = access_of(user)
        self.document = document
        own = self.access.focal_countries if document is not None else self.access.countries
        secretariat = self.access.secretariat
        self.fields["country"].queryset = _countries(None if secretariat else own)
        mine = sorted(own)
        if document is None:  # upload
            if not secretariat and not mine:  # a partner: no country of theirs to choose
                del self.fields["country"]
            elif mine:
                self.fields["country"].initial = mine[0]
            del self.fields["shared_with"]
        else:
            self.fields["visibility"].initial = document.visibility
            self.fields["country"].initial = document.country.code if document.country_id else None
            partners = partner_organisations(document)
            if partners.exists():
                self.fields["shared_with"].queryset = partners
                self.fields["shared_with"].initial = list(document.shared_with.all())
            else:  # nobody to share it with
                del self.fields["shared_with"]
        self.own = mine if not secretariat else []
        if self.own:  # their country's document (the one country they act for, unless said)
            self.fields["country"].empty_label = None
        self.fields["visibility"].choices = self._visibility_choices(mine)

    def _visibility_choices(self, mine: list[str]) -> list[tuple[str, str]]:
        choices = [
            (Visibility.PUBLIC.value, _("Public: anyone, without signing in")),
            (
                Visibility.MEMBERS.value,
                _("Members: anyone signed in (partners: when it is shared with them)"),
            ),
        ]
        if "country" in self.fields:
            if len(mine) == 1 and not self.access.secretariat:
                label = _("My country: %(country)s's focal points and contributors, and the "
                          "Secretariat") % {"country": self.fields["country"].queryset.get().display_name}  # fmt: skip
            else:
                label = _("One country: its focal points and contributors, and the Secretariat")
            choices.append((Visibility.COUNTRY.value, label))
        return choices

    def clean_visibility(self) -> str:
        if self.cleaned_data.get("visibility"):
            return self.cleaned_data["visibility"]
        if self.document is not None:
            raise forms.ValidationError(_("Choose who may read it."), code="required")
        return Visibility.MEMBERS.value

    def clean_country(self) -> Country | None:
        country = self.cleaned_data.get("country")
        if country is None and len(self.own) == 1:
            return Country.objects.get(code=self.own[0])
        if country is None and self.own:
            raise forms.ValidationError(_("Choose the country whose document it is."))
        return country

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("visibility") == Visibility.COUNTRY and not data.get("country"):
            self.add_error("country", _("Choose the country whose members may read it."))
        return data

    def filing(self) -> Filing:
        """The Filing of an upload (the form is valid)."""
        data = self.cleaned_data
        country = data.get("country")
        shared = ()
        if self.access.partner_organisations and data["visibility"] == Visibility.MEMBERS:
            shared = tuple(
                Organisation.objects.filter(pk__in=self.access.partner_organisations)
                .order_by("key")
                .values_list("key", flat=True)
            )
        return Filing(
            visibility=data["visibility"],
            country=country.code if country else None,
            shared_with=shared,
        )


class ProvenanceForm(forms.Form):
    """Where a document comes from, as a person knows it; the title as it should read."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=500, required=False)
    source_url = forms.URLField(
        label=gettext_lazy("Source address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=gettext_lazy("Where it was published (https://...)"),
    )
    publisher = forms.CharField(label=gettext_lazy("Publisher"), max_length=300, required=False)
    publication_date = PartialDateFormField(
        label=gettext_lazy("Publication date"),
        required=False,
        help_text=gettext_lazy(
            "YYYY, YYYY-MM or YYYY-MM-DD (common era): the document's date from now on, "
            "before the date read from its text"
        ),
    )

    @classmethod
    def of(cls, document: Document, data: Any = None) -> ProvenanceForm:
        initial = {name: getattr(document, name) for name in cls.base_fields}
        return cls(data, initial=initial)
