"""Operator views of the store directory (list, search, edit, probe, CSV import/export)."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket import numbers
from discountmarket.blueprints.forms import ActionForm, number_arg
from discountmarket.blueprints.ops import bp
from discountmarket.blueprints.ops.directory_forms import (
    ContactForm,
    ContactPlanForm,
    ImportForm,
    StoreForm,
    StoreSearchForm,
)
from discountmarket.models import ContactKind, Role, Store, StoreStatus
from discountmarket.security import role_required
from discountmarket.services import (
    directory,
    directory_csv,
    directory_listing,
    fanout,
    preferences,
    store_input,
)
from discountmarket.services.errors import ServiceError


def _store_or_404(store_id: int) -> Store:
    store = directory_listing.find_store(store_id)
    if store is None:
        abort(404)
    return store


@bp.route("/stores")
@role_required(Role.OPERATOR)
def stores():
    categories = directory_listing.all_categories()
    form = StoreSearchForm(request.args, categories=categories)
    form.validate()
    status = form.status.data if not form.status.errors else None
    category = form.category.data if not form.category.errors else None
    filters = directory_listing.StoreFilter(
        q=form.q.data or "",
        status=StoreStatus(status) if status else None,
        category_id=int(category) if category else None,
    )
    after = number_arg("after", numbers.ROW_ID)
    page = directory_listing.list_stores(filters, after=after)
    # The filters without the cursor, for the "next page" and "first page" links.
    query = {key: value for key, value in request.args.items() if key != "after" and value}
    return render_template(
        "ops/stores/list.html",
        form=form,
        page=page,
        after=after,
        query=query,
        filtered=any((filters.q, filters.status, filters.category_id)),
    )


@bp.route("/stores/new", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def new_store():
    return _edit(None)


@bp.route("/stores/<int:store_id>/edit", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def edit_store(store_id: int):
    return _edit(_store_or_404(store_id))


def _store_form(store: Store | None, *, submitted: bool = True) -> StoreForm:
    """The store form, filled from the request when submitted, else from the store."""
    categories = directory_listing.all_categories()
    if submitted and request.method == "POST":
        return StoreForm(categories=categories)
    form = StoreForm(formdata=None, obj=store, categories=categories)
    if store is not None:
        form.locale.data = store.locale
        form.status.data = store.status.value
        form.categories.data = [category.id for category in store.categories]
        form.competitors.data = ", ".join(other.domain for other in store.competitors)
    return form


def _edit(store: Store | None):  # type: ignore[no-untyped-def]
    form = _store_form(store)
    if form.validate_on_submit():
        data = directory.StoreInput(
            name=form.name.data,
            homepage=form.homepage.data,
            locale=form.locale.data,
            status=StoreStatus(form.status.data),
            category_ids=form.categories.data or [],
            new_category=form.new_category.data or "",
            competitors=store_input.split_list(form.competitors.data),
            timezone=form.timezone.data or "",
            business_hours=form.business_hours.data or "",
        )
        try:
            saved = directory.save_store(data, store)
        except directory.DirectoryInvalid as error:
            for name, message in error.errors.items():
                form[name].errors = [*form[name].errors, message]
        else:
            flash(_("Store %(name)s saved.", name=saved.name), "success")
            return redirect(url_for("ops.store_detail", store_id=saved.id))
    return render_template(
        "ops/stores/form.html",
        store=store,
        form=form,
        contact_form=ContactForm(),
        action_form=ActionForm(),
    )


@bp.route("/stores/<int:store_id>")
@role_required(Role.OPERATOR)
def store_detail(store_id: int):
    store = _store_or_404(store_id)
    return render_template(
        "ops/stores/detail.html",
        store=store,
        row=directory_listing.store_row(store),
        dispatches=directory_listing.recent_dispatches(store.id),
        action_form=ActionForm(),
        contact_plan=fanout.contact_plan(store),
        plan_form=ContactPlanForm(channel=store.contact_preference or ""),
    )


@bp.route("/stores/<int:store_id>/contact-plan", methods=["POST"])
@role_required(Role.OPERATOR)
def set_contact_plan(store_id: int):
    """The operator overrides how the store is contacted (audited as theirs)."""
    store = _store_or_404(store_id)
    form = ContactPlanForm()
    if form.validate_on_submit():
        preferences.set_store_contact_preference(store, form.channel.data or None, current_user)
        flash(_("How we contact %(name)s is saved.", name=store.name), "success")
    else:
        flash(_("Choose how this store is contacted."), "error")
    return redirect(url_for("ops.store_detail", store_id=store.id, _anchor="contact-plan"))


@bp.route("/stores/<int:store_id>/probe", methods=["POST"])
@role_required(Role.OPERATOR)
def probe_store(store_id: int):
    store = _store_or_404(store_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    directory.request_probe(store)
    flash(_("The site of %(name)s is being probed; reload in a minute.", name=store.name), "info")
    return redirect(url_for("ops.store_detail", store_id=store.id))


@bp.route("/stores/<int:store_id>/contacts", methods=["POST"])
@role_required(Role.OPERATOR)
def add_contact(store_id: int):
    store = _store_or_404(store_id)
    contact_form = ContactForm()
    if contact_form.validate_on_submit():
        try:
            directory.add_contact(
                store,
                ContactKind(contact_form.kind.data),
                contact_form.value.data,
                contact_form.level.data,
                contact_form.label.data or "",
            )
        except directory.DirectoryInvalid as error:
            for name, message in error.errors.items():
                contact_form[name].errors = [*contact_form[name].errors, message]
        else:
            flash(_("Contact added."), "success")
            return redirect(url_for("ops.edit_store", store_id=store.id) + "#contacts")
    # The edit page again, with the errors next to the contact's fields.
    html = render_template(
        "ops/stores/form.html",
        store=store,
        form=_store_form(store, submitted=False),
        contact_form=contact_form,
        action_form=ActionForm(),
    )
    return html, 400


@bp.route("/stores/<int:store_id>/contacts/<int:contact_id>/remove", methods=["POST"])
@role_required(Role.OPERATOR)
def remove_contact(store_id: int, contact_id: int):
    store = _store_or_404(store_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not directory.remove_contact(store, contact_id):
        abort(404)
    flash(_("Contact removed."), "info")
    return redirect(url_for("ops.edit_store", store_id=store.id) + "#contacts")


@bp.route("/stores/export.csv")
@role_required(Role.OPERATOR)
def export_stores():
    response = Response(
        stream_with_context(directory_csv.export_csv()), mimetype="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="stores.csv"'
    return response


@bp.route("/stores/import", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def import_stores():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        # Read one byte past the limit: enough to tell a file that is too large.
        data = form.file.data.stream.read(directory_csv.MAX_IMPORT_BYTES + 1)
        try:
            report = directory_csv.import_csv(directory_csv.decode_upload(data))
        except ServiceError as error:
            form.file.errors = [*form.file.errors, str(error)]
    return render_template(
        "ops/stores/import.html", form=form, report=report, columns=directory_csv.CSV_COLUMNS
    )
