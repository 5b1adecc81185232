"""`/pemda/<code>/anggaran/baru/`: record a Pemda's APBD allocation.

Every signed-in user may open the page and read the Pemda's budget status (aggregate data).
Only `can_edit_budget` (the Pemda's own officers, superusers) sees the form; a POST from
anyone else is refused with 403 before anything is read. The view translates between HTTP
and `allocations.record_allocation`, then recomputes that Pemda's need for the year.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pantau.accounts.scope import can_edit_budget
from pantau.budgets.allocations.forms import AllocationForm
from pantau.budgets.allocations.services import AllocationConflict, record_allocation
from pantau.budgets.choices import BudgetStatus, EntrySource, Stage
from pantau.budgets.models import Allocation
from pantau.budgets.need import refresh_needs
from pantau.budgets.status import budget_rows
from pantau.core import params
from pantau.core.vocabulary import Category
from pantau.regions.lookup import RegionNotFound, get_region
from pantau.regions.models import Region

HISTORY_ROWS = 20
FLAG_LABELS = {
    "review_over_budget": gettext_lazy("pagu jauh di atas kebutuhan: periksa"),
    "need_unknown": gettext_lazy("kebutuhan belum diketahui"),
    "realized_exceeds_allocation": gettext_lazy("realisasi melebihi pagu"),
}
SAVED = {
    "created": gettext_lazy("Anggaran %(year)s %(category)s tersimpan."),
    "replaced": gettext_lazy(
        "Anggaran %(year)s %(category)s tersimpan dan menggantikan yang sebelumnya "
        "(tetap ada di riwayat)."
    ),
    "unchanged": gettext_lazy(
        "Anggaran %(year)s %(category)s sudah tercatat dengan isian yang sama; "
        "tidak ada yang berubah."
    ),
    "history": gettext_lazy(
        "APBD perubahan %(year)s %(category)s sudah berlaku; APBD murni ini disimpan "
        "sebagai riwayat saja."
    ),
}


def pemda_region(code: str) -> Region:
    region = get_region(code)
    if not region.is_pemda:
        raise RegionNotFound(region.code)
    return region


class NewAllocationView(View):
    def dispatch(self, request: HttpRequest, code: str, *args, **kwargs) -> HttpResponse:
        self.region = pemda_region(code)
        self.can_edit = can_edit_budget(request.user, self.region.code)
        if request.method not in ("GET", "HEAD") and not self.can_edit:
            return render(request, "budgets/allocation_refused.html", {"region": self.region},
                          status=403)  # fmt: skip
        return super().dispatch(request, code, *args, **kwargs)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        year = _year(request.GET.get("tahun"))
        form = None
        if self.can_edit:
            form = AllocationForm(pemda_code=self.region.code, initial={"year": year})
        return self.page(request, form)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = AllocationForm(request.POST, pemda_code=self.region.code)
        if not form.is_valid():
            return self.page(request, form, status=400)
        values = form.values
        try:
            recorded = record_allocation(values, user=request.user, source=EntrySource.FORM)
        except AllocationConflict:
            form.add_error(None, _("Anggaran yang sama sedang dicatat pengguna lain; coba lagi."))
            return self.page(request, form, status=409)
        if recorded.status != "unchanged":
            refresh_needs(values.year, pemda=values.pemda)
        label = recorded.allocation.get_category_display()
        messages.success(request, SAVED[recorded.status] % {"year": values.year,
                                                            "category": label})  # fmt: skip
        for issue in recorded.warnings:
            if issue.code != "murni_after_perubahan":  # said in the message above
                messages.warning(request, issue.message())
        return redirect(f"{request.path}?tahun={values.year}")

    def page(self, request: HttpRequest, form: AllocationForm | None, status: int = 200):
        year = _year(request.GET.get("tahun"))
        history = (
            Allocation.objects.filter(pemda=self.region)
            .select_related("entered_by")
            .order_by("-year", "category", "-created_at", "-id")[:HISTORY_ROWS]
        )
        context = {
            "region": self.region,
            "form": form,
            "can_edit": self.can_edit,
            "year": year,
            "rows": labelled(budget_rows(self.region.code, year)),
            "history": history,
        }
        return render(request, "budgets/allocation_form.html", context, status=status)


def labelled(rows: list) -> list:
    """The rows with their status, flags, category and stage in the page's language."""
    statuses, categories = dict(BudgetStatus.choices), dict(Category.choices)
    stages = dict(Stage.choices)
    for row in rows:
        row.status_label = statuses[row.status]
        row.flag_labels = [FLAG_LABELS.get(flag, flag) for flag in row.flags]
        row.category_label = categories[row.category]
        row.stage_label = stages.get(row.stage, "")
    return rows


def _year(text: str | None) -> int:
    return params.year(text) or timezone.localdate().year
