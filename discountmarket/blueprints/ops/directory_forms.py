"""Forms of the operator's store directory: search, store, contact, CSV import."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField, SelectMultipleField, StringField, URLField
from wtforms.validators import DataRequired, Length, Optional

from discountmarket.blueprints.forms import strip_text, whole_number
from discountmarket.config import SUPPORTED_LOCALES
from discountmarket.labels import choices, label
from discountmarket.models import ContactKind


class StoreSearchForm(FlaskForm):
    """The list's filters: a GET form (bookmarkable, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Name or domain"),
        validators=[Optional(), Length(max=200)],
        filters=[strip_text],
        render_kw={"type": "search"},
    )
    status = SelectField(_l("Status"), validators=[Optional()], choices=[])
    category = SelectField(_l("Category"), validators=[Optional()], choices=[])

    def __init__(self, *args, categories=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice("", _l("Any status")), *choices("store_status")]
        self.category.choices = [SelectChoice("", _l("Any category"))] + [
            SelectChoice(str(category.id), category.name) for category in categories
        ]


class StoreForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip_text]
    )
    homepage = URLField(
        _l("Homepage"),
        validators=[DataRequired(), Length(max=2048)],
        filters=[strip_text],
        render_kw={"placeholder": "https://", "inputmode": "url"},
    )
    locale = SelectField(
        _l("Language of messages"),
        choices=[SelectChoice(code, label(code, "locale")) for code in SUPPORTED_LOCALES],
        default="en",
    )
    status = SelectField(_l("Status"), choices=choices("store_status"), default="unverified")
    categories = SelectMultipleField(_l("Categories"), coerce=whole_number, choices=[])
    new_category = StringField(
        _l("New category"), validators=[Optional(), Length(max=100)], filters=[strip_text]
    )
    competitors = StringField(
        _l("Competitors"),
        validators=[Optional(), Length(max=4000)],
        filters=[strip_text],
        render_kw={"placeholder": "shop.example, other.example"},
    )
    timezone = StringField(
        _l("Time zone (empty: the site default)"),
        validators=[Optional(), Length(max=64)],
        filters=[strip_text],
        render_kw={"placeholder": "Europe/Prague"},
    )
    business_hours = StringField(
        _l("Business hours (empty: the site default)"),
        validators=[Optional(), Length(max=40)],
        filters=[strip_text],
        render_kw={"placeholder": "mon-fri 09-18"},
    )

    def __init__(self, *args, categories=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.categories.choices = [
            SelectChoice(category.id, category.name) for category in categories
        ]


class ContactForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice(ContactKind.EMAIL.value, _l("E-mail")),
            SelectChoice(ContactKind.PHONE.value, _l("Phone")),
        ],
    )
    value = StringField(
        _l("Address or number"),
        validators=[DataRequired(), Length(max=254)],
        filters=[strip_text],
    )
    level = SelectField(
        _l("Level"),
        coerce=whole_number,
        choices=[SelectChoice(0, _l("Front line")), SelectChoice(1, _l("Senior"))],
        default=0,
    )
    label = StringField(
        _l("Label"),
        validators=[Optional(), Length(max=200)],
        filters=[strip_text],
        render_kw={"placeholder": _l("e.g. Head of e-commerce")},
    )


class ContactPlanForm(FlaskForm):
    """An operator's override of how a store is contacted (the store's own choice, made for
    it: after a call, say)."""

    channel = SelectField(_l("How we contact this store"), choices=choices("contact_preference"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])
