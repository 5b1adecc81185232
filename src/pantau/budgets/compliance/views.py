"""`/pemda/<code>/kepatuhan/`: a Pemda's regulatory compliance record, and its edits.

Every signed-in user reads the record (aggregate, non-personal data). Only those
`can_edit_compliance` allows see the forms; a POST (or the edit page) from anyone else is
refused with 403 before anything is read or changed. The side effects live in
`pantau.budgets.compliance`; these views only translate between HTTP and those calls.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pantau.accounts.scope import can_edit_compliance
from pantau.budgets.compliance import services as compliance
from pantau.budgets.compliance.forms import EvidenceForm, PlanningForm, RegulationForm
from pantau.budgets.models import Evidence, Planning, Regulation
from pantau.core.uploads import LimitedUploadHandler
from pantau.core.vocabulary import Category
from pantau.regions.lookup import get_pemda
from pantau.regions.models import Region


def compliance_region(code: str) -> Region:
    return get_pemda(code, compliance.NO_RECORD)


def label(regulation: Regulation) -> str:
    return f"{regulation.get_kind_display()} {regulation.number}"


def page_url(region: Region, anchor: str = "") -> str:
    url = reverse("budgets:compliance", args=[region.code])
    return f"{url}#{anchor}" if anchor else url


class ComplianceView(View):
    """Resolves the Pemda in the URL (dotted or undotted) and refuses edits to others."""

    edits = False  # a GET that edits (the regulation edit page) is refused like a POST

    def dispatch(self, request: HttpRequest, code: str, *args, **kwargs) -> HttpResponse:
        self.region = compliance_region(code)  # a 404 first: no redirect to a district
        if request.method in ("GET", "HEAD") and self.region.code != code:
            match = request.resolver_match
            url = reverse(
                f"{match.namespace}:{match.url_name}",
                kwargs={**match.kwargs, "code": self.region.code},
            )
            return redirect(url, permanent=True)
        self.can_edit = can_edit_compliance(request.user, self.region.code)
        if (self.edits or request.method not in ("GET", "HEAD")) and not self.can_edit:
            return render(
                request, "budgets/compliance_refused.html", {"region": self.region}, status=403
            )
        return self.proceed(request, code, *args, **kwargs)

    def proceed(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return super().dispatch(request, *args, **kwargs)

    def page(self, request: HttpRequest, status: int = 200, **forms) -> HttpResponse:
        """The compliance page, with bound forms in place of the blank ones given."""
        return render(
            request,
            "budgets/compliance.html",
            page_context(self.region, self.can_edit, **forms),
            status=status,
        )


def page_context(region: Region, can_edit: bool, **forms) -> dict:
    labels = dict(Category.choices)
    regulations = list(Regulation.objects.filter(pemda=region).order_by("-issued_on", "-id"))
    for regulation in regulations:
        regulation.category_labels = [labels[c] for c in regulation.categories if c in labels]
    context = {
        "region": region,
        "can_edit": can_edit,
        "regulations": regulations,
        "plannings": Planning.objects.filter(pemda=region).order_by("-year"),
        "evidence_list": Evidence.objects.filter(pemda=region)
        .select_related("regulation")
        .order_by("-uploaded_at", "-id"),
        "max_size": compliance.human_size(compliance.evidence_max_bytes()),
    }
    if can_edit:
        context["regulation_form"] = forms.get("regulation_form") or RegulationForm(
            pemda_code=region.code
        )
        context["planning_form"] = forms.get("planning_form") or PlanningForm()
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm(
            pemda_code=region.code
        )
        context["rejected"] = forms.get("rejected")
    return context


class CompliancePageView(ComplianceView):
    """GET `/pemda/<code>/kepatuhan/`."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self.page(request)


class RegulationAddView(ComplianceView):
    """POST `/pemda/<code>/kepatuhan/regulasi/`."""

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = RegulationForm(request.POST, pemda_code=self.region.code)
        if form.is_valid():
            try:
                regulation = compliance.add_regulation(
                    request.user, self.region, form.cleaned_data, request=request
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(what)s dicatat.") % {"what": label(regulation)})
                return redirect(page_url(self.region, "regulasi"))
        return self.page(request, status=400, regulation_form=form)


class RegulationEditView(ComplianceView):
    """`/pemda/<code>/kepatuhan/regulasi/<id>/`: the edit form and its POST."""

    edits = True

    def get_regulation(self, pk: int) -> Regulation:
        # Looked up inside the Pemda in the URL: another Pemda's regulation is a 404.
        return get_object_or_404(Regulation, pk=pk, pemda=self.region)

    def get(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        regulation = self.get_regulation(pk)
        form = RegulationForm(pemda_code=self.region.code, regulation=regulation)
        return self.render(request, regulation, form)

    def post(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        regulation = self.get_regulation(pk)
        form = RegulationForm(request.POST, pemda_code=self.region.code, regulation=regulation)
        if form.is_valid():
            try:
                compliance.update_regulation(
                    request.user, regulation, form.cleaned_data, request=request
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(what)s diperbarui.") % {"what": label(regulation)})
                return redirect(page_url(self.region, "regulasi"))
        return self.render(request, regulation, form, status=400)

    def render(self, request, regulation, form, status: int = 200) -> HttpResponse:
        context = {"region": self.region, "regulation": regulation, "form": form}
        return render(request, "budgets/compliance_regulation.html", context, status=status)


class RegulationDeleteView(ComplianceView):
    """POST `/pemda/<code>/kepatuhan/regulasi/<id>/hapus/`."""

    def post(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        regulation = get_object_or_404(Regulation, pk=pk, pemda=self.region)
        what = label(regulation)
        compliance.delete_regulation(request.user, regulation, request=request)
        messages.success(request, _("%(what)s dihapus.") % {"what": what})
        return redirect(page_url(self.region, "regulasi"))


class PlanningView(ComplianceView):
    """POST `/pemda/<code>/kepatuhan/perencanaan/`."""

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = PlanningForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                compliance.set_planning(
                    request.user,
                    self.region,
                    year=data["year"],
                    in_rkpd=data["in_rkpd"],
                    in_apbd=data["in_apbd"],
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Perencanaan tahun %(year)s disimpan.") % {"year": data["year"]}
                )
                return redirect(page_url(self.region, "perencanaan"))
        return self.page(request, status=400, planning_form=form)


@method_decorator(csrf_exempt, name="dispatch")
class EvidenceUploadView(ComplianceView):
    """POST `/pemda/<code>/kepatuhan/bukti/`: an evidence PDF."""

    accepts_files = True  # pantau.core.uploads

    def proceed(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # The size limit must be in place before anything reads the body, and the CSRF
        # check reads it: csrf_exempt on dispatch, csrf_protect here (as in ingest).
        # Refused users never get this far, so their bodies are not read at all.
        limit = compliance.evidence_max_bytes()
        LimitedUploadHandler.install(request, limit=limit)
        return csrf_protect(super().proceed)(request, *args, **kwargs)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = EvidenceForm(request.POST, request.FILES, pemda_code=self.region.code)
        rejected = None
        if getattr(request, "upload_too_large", False):
            # The handler stopped reading the file, so the field arrives empty.
            rejected = compliance.too_large(compliance.evidence_max_bytes())
            form.fields["file"].error_messages["required"] = rejected.message_id
        if form.is_valid():
            data = form.cleaned_data
            try:
                stored = compliance.upload_evidence(
                    request.user,
                    self.region,
                    data["file"],
                    description=data["description"],
                    regulation=data["regulation"],
                    request=request,
                )
            except compliance.EvidenceRejected as error:
                rejected = error
                form.add_error("file", error.message_id)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if stored.created:
                    messages.success(request, _("Dokumen bukti disimpan."))
                else:
                    messages.info(
                        request,
                        _(
                            "Berkas yang sama sudah tersimpan untuk Pemda ini (%(name)s); "
                            "tidak disimpan dua kali."
                        )
                        % {"name": stored.evidence.original_name},
                    )
                return redirect(page_url(self.region, "bukti"))
        return self.page(request, status=400, evidence_form=form, rejected=rejected)


class EvidenceDownloadView(ComplianceView):
    """GET `/pemda/<code>/kepatuhan/bukti/<id>/unduh/`: the PDF, as an attachment, audited."""

    def get(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        evidence = get_object_or_404(Evidence, pk=pk, pemda=self.region)
        try:
            handle = compliance.open_evidence(request.user, evidence, request=request)
        except FileNotFoundError:
            raise Http404("evidence file missing") from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=compliance.download_name(evidence),
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private"
        return response


class EvidenceDeleteView(ComplianceView):
    """POST `/pemda/<code>/kepatuhan/bukti/<id>/hapus/`."""

    def post(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        evidence = get_object_or_404(Evidence, pk=pk, pemda=self.region)
        name = evidence.original_name
        compliance.delete_evidence(request.user, evidence, request=request)
        messages.success(request, _("Dokumen bukti %(name)s dihapus.") % {"name": name})
        return redirect(page_url(self.region, "bukti"))
