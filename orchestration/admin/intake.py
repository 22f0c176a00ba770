"""The brief import and start-runs pages, served under the run admin's URLs.

Only orchestration may offer them, because they need more than one app (SPEC §2):
importing briefs from CSV or XLSX (validated against the packs production knows,
exactly as ``POST /api/v1/briefs/``, through :mod:`orchestration.resources` and
django-import-export) and starting runs for briefs selected in onboarding's brief
list, which links here by URL name. Every write goes through
:mod:`orchestration.api`; who may do what follows the role groups.

An upload is read within the import limits (:mod:`aicmo_site.kernel.imports`): its
size before it is read, its rows and cells as they are read; a refusal is the file's
form error and stores nothing. The preview lists at most ``AICMO_IMPORT_PREVIEW_ROWS``
rows. The confirm step imports only a file that the same session previewed (kept in
the session, not trusted from the form), and reads or deletes no other.

Both pages honour the user's account teams (:mod:`aicmo_site.kernel.scope`): an
imported row for a client outside them is a row error and nothing is stored; a brief
outside them is "not found" on the start-runs page and gets no run.
"""

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.forms import ConfirmImportForm
from import_export.tmp_storages import TempFolderStorage

from aicmo_site.kernel import imports as kernel_imports
from aicmo_site.kernel.errors import ApplicationError
from aicmo_site.kernel.exception_handler import trace_id_for
from aicmo_site.kernel.scope import scope_of
from onboarding import api as onboarding_api
from onboarding.dto import BriefData
from onboarding.errors import BriefNotFound
from orchestration import api as orchestration_api
from orchestration.admin import markup
from orchestration.resources import BRIEF_COLUMNS, FIRST_DATA_LINE, BriefImportResource

logger = logging.getLogger("aicmo.admin")

IMPORT_FORMATS = (kernel_imports.BoundedCSV, kernel_imports.BoundedXLSX)
FROM_ENCODING = kernel_imports.CSV_ENCODING  # a BOM is not part of the header
PENDING_KIND = "orchestration.brief"  # the session's pending brief imports
MAX_START = 100  # briefs per start: one admin list page
BRIEFS_URL = "admin:onboarding_brief_changelist"


class BriefIntake:
    """The brief import and start-runs pages (admin views; see the module docstring)."""

    import_template = "admin/orchestration/brief_import.html"
    start_template = "admin/orchestration/start_runs.html"

    def __init__(self, admin_site: admin.AdminSite) -> None:
        self.admin_site = admin_site

    def _context(self, request: HttpRequest, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "briefs_url": markup.url_or_none(BRIEFS_URL),
        }

    # import ---------------------------------------------------------------

    def _import_context(
        self, request: HttpRequest, form: kernel_imports.LimitedImportForm, **extra: Any
    ) -> dict[str, Any]:
        return {
            **self._context(request, gettext("Import briefs")),
            "form": form,
            "media": form.media,
            "fields_list": [("Briefs", list(BRIEF_COLUMNS))],
            "import_error_display": ("message",),
            "process_import_url": reverse("admin:orchestration_brief_process_import"),
            "first_data_line": FIRST_DATA_LINE,
            **extra,
        }

    def _import_form(self, request: HttpRequest) -> kernel_imports.LimitedImportForm:
        form = kernel_imports.LimitedImportForm(
            IMPORT_FORMATS,
            [BriefImportResource],
            data=request.POST or None,
            files=request.FILES or None,
        )
        form.fields["import_file"].help_text = (
            _(
                "A header row of the column names listed above, then one brief per "
                "row. List fields take items separated by ';'. Errors name the line "
                "of the file: the header is line 1, the first brief line 2."
            )
            + form.limits.help_text()
        )
        return form

    @staticmethod
    def _check_import_permission(request: HttpRequest) -> None:
        # The same permission as POST /api/v1/briefs/.
        if not request.user.has_perm("onboarding.add_brief"):
            raise PermissionDenied

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file and preview it (a dry run); confirm if every row is valid."""
        self._check_import_permission(request)
        form = self._import_form(request)
        extra: dict[str, Any] = {}
        if request.method == "POST" and form.is_valid():
            input_format = IMPORT_FORMATS[int(form.cleaned_data["format"])]()
            if not input_format.is_binary():
                input_format.encoding = FROM_ENCODING
            upload = form.cleaned_data["import_file"]
            storage = TempFolderStorage(
                encoding=None if input_format.is_binary() else FROM_ENCODING,
                read_mode=input_format.get_read_mode(),
            )
            storage.save(b"".join(upload.chunks()))
            result = self._dry_run(request, form, storage, input_format)
            if result is None or not self._clean(result):
                storage.remove()
            else:
                extra["confirm_form"] = ConfirmImportForm(
                    initial={
                        "import_file_name": storage.name,
                        "original_file_name": upload.name,
                        "format": form.cleaned_data["format"],
                        "resource": "",
                    }
                )
                kernel_imports.pending_import_add(
                    request,
                    kind=PENDING_KIND,
                    file_name=storage.name,
                    format=str(form.cleaned_data["format"]),
                )
            if result is not None:
                extra["result"] = result
                extra["preview_hidden"] = self._bound(result)
        return TemplateResponse(
            request, self.import_template, self._import_context(request, form, **extra)
        )

    @staticmethod
    def _clean(result: Any) -> bool:
        return not result.has_errors() and not result.has_validation_errors()

    @staticmethod
    def _bound(result: Any) -> int:
        limit = kernel_imports.ImportLimits.from_settings().preview_rows
        return kernel_imports.preview_bound(result, limit)

    def _dry_run(
        self,
        request: HttpRequest,
        form: kernel_imports.LimitedImportForm,
        storage: Any,
        input_format: Any,
    ) -> Any:
        try:
            dataset = input_format.create_dataset(storage.read())
        except kernel_imports.ImportFileRefused as exc:
            form.add_error("import_file", exc.message)  # names the limit
            return None
        except Exception as exc:  # noqa: BLE001 - any parse failure is the user's file
            form.add_error(
                "import_file",
                f"{type(exc).__name__} while reading the file: choose the format "
                "that matches it (CSV or XLSX).",
            )
            return None
        if not dataset or not dataset.headers:
            form.add_error(
                "import_file",
                "The file has no briefs: it needs a header row, then a row per brief.",
            )
            return None
        resource = BriefImportResource(scope=scope_of(request.user))
        return resource.import_data(dataset, dry_run=True)

    @property
    def process_import_view(self) -> Callable[[HttpRequest], HttpResponse]:
        """Return the confirm view (POST only)."""
        return require_POST(self._process_import)

    def _process_import(self, request: HttpRequest) -> HttpResponse:
        """Import the previewed file for real: every row, or nothing.

        Only a file this session previewed, in the format it was previewed in, is
        read; any other name is refused, and nothing is read or deleted.
        """
        self._check_import_permission(request)
        confirm = ConfirmImportForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, _("The import expired; upload the file again."))
            return HttpResponseRedirect(reverse("admin:orchestration_brief_import"))
        if not kernel_imports.pending_import_take(
            request,
            kind=PENDING_KIND,
            file_name=confirm.cleaned_data["import_file_name"],
            format=str(confirm.cleaned_data["format"]),
        ):
            messages.error(
                request,
                _(
                    "Nothing was imported: this import is not one you previewed in "
                    "this session, or it was already confirmed. Upload the file again."
                ),
            )
            return HttpResponseRedirect(reverse("admin:orchestration_brief_import"))
        input_format = IMPORT_FORMATS[int(confirm.cleaned_data["format"])]()
        binary = input_format.is_binary()
        if not binary:
            input_format.encoding = FROM_ENCODING
        storage = TempFolderStorage(
            name=confirm.cleaned_data["import_file_name"],
            encoding=None if binary else FROM_ENCODING,
            read_mode=input_format.get_read_mode(),
        )
        try:
            dataset = input_format.create_dataset(storage.read())
        except OSError:
            messages.error(request, _("The import expired; upload the file again."))
            return HttpResponseRedirect(reverse("admin:orchestration_brief_import"))
        except kernel_imports.ImportFileRefused as exc:  # the limits were lowered
            storage.remove()
            messages.error(request, f"Nothing was imported: {exc.message}")
            return HttpResponseRedirect(reverse("admin:orchestration_brief_import"))
        resource = BriefImportResource(scope=scope_of(request.user))
        result = resource.import_data(
            dataset,
            dry_run=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            file_name=confirm.cleaned_data["original_file_name"],
            user=request.user,
        )
        storage.remove()
        if not self._clean(result):
            messages.error(request, _("Nothing was imported: fix the file and retry."))
            hidden = self._bound(result)
            return TemplateResponse(
                request,
                self.import_template,
                self._import_context(
                    request,
                    self._import_form(request),
                    result=result,
                    preview_hidden=hidden,
                ),
            )
        self._report_import(request, resource.submitted)
        return HttpResponseRedirect(
            markup.url_or_none(BRIEFS_URL) or reverse("admin:index")
        )

    @staticmethod
    def _report_import(request: HttpRequest, briefs: list[BriefData]) -> None:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (
                    markup.output_url("brief_id", b.id) or "#",
                    b.id,
                    b.client_name,
                )
                for b in briefs
            ),
        )
        logger.info(
            "imported %s brief(s) by %s", len(briefs), request.user.get_username()
        )
        messages.success(
            request, format_html("Imported {} brief(s): {}.", len(briefs), links)
        )

    # start runs -------------------------------------------------------------

    def start_runs_view(self, request: HttpRequest) -> HttpResponse:
        """Confirm, then start a run for each brief (``orchestration.start_run``).

        A brief outside the user's account teams is listed as not found.
        """
        if not request.user.has_perm("orchestration.start_run"):
            raise PermissionDenied
        scope = scope_of(request.user)
        source = request.POST if request.method == "POST" else request.GET
        ids = [i for i in source.get("ids", "").split(",") if i.strip()][:MAX_START]
        briefs: list[BriefData] = []
        missing: list[str] = []
        for brief_id in dict.fromkeys(i.strip() for i in ids):
            try:
                briefs.append(onboarding_api.brief_get(brief_id=brief_id, scope=scope))
            except BriefNotFound:
                missing.append(brief_id)
        packs = orchestration_api.pack_keys()
        if request.method == "POST" and briefs:
            pack = request.POST.get("pack") or None
            if pack is not None and pack not in packs:
                raise PermissionDenied  # not offered by the form
            return self._start(request, briefs, pack)
        context = {
            **self._context(request, gettext("Start runs")),
            "briefs": briefs,
            "missing": missing,
            "ids": ",".join(b.id for b in briefs),
            "packs": packs,
        }
        return TemplateResponse(request, self.start_template, context)

    def _start(
        self, request: HttpRequest, briefs: list[BriefData], pack: str | None
    ) -> HttpResponse:
        trace_id = trace_id_for(request)
        scope = scope_of(request.user)
        started: list[str] = []
        for brief in briefs:
            try:
                run = orchestration_api.workflow_start(
                    brief_id=brief.id, pack=pack, trace_id=trace_id, scope=scope
                ).run
            except ApplicationError as exc:
                messages.error(request, f"{brief.id}: {exc.message}")
                continue
            started.append(run.id)
            link = format_html(
                '<a href="{}">{}</a>',
                reverse("admin:orchestration_workflowrun_change", args=[run.id]),
                run.id,
            )
            text = format_html(
                "Run {} for {} ({}): {}.", link, brief.client_name, brief.id, run.status
            )
            if run.error:
                text = format_html("{} {}", text, markup.error_text(run.error))
            level = messages.SUCCESS if run.error is None else messages.WARNING
            messages.add_message(request, level, text)
        logger.info(
            "started %s run(s) by %s trace=%s",
            len(started),
            request.user.get_username(),
            trace_id,
        )
        target = reverse("admin:orchestration_workflowrun_changelist")
        if started:
            target += "?" + urlencode({"id__in": ",".join(started)})
        return HttpResponseRedirect(target)
