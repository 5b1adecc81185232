"""Who may see what: the one place that answers it (UU PDP 27/2022).

- Aggregates (counts, coverage shares, budgets) of any region are open to every
  signed-in user: they are the figures shared in monev meetings and rankings.
- Person-level data (names, NIK) is open only inside the user's region subtree,
  and never to viewers. Uploads likewise.
- An unmasked NIK is shown only to the Pemda and BPJS officers of that region,
  who hold the data; the national team sees lists with masked NIKs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from pantau.accounts.choices import Role
from pantau.regions.codes import is_within, try_canonical_code

if TYPE_CHECKING:
    from pantau.accounts.models import User

PERSON_DATA_ROLES = (Role.NATIONAL, Role.PEMDA, Role.BPJS)
UPLOAD_ROLES = (Role.PEMDA, Role.BPJS)
NIK_ROLES = (Role.PEMDA, Role.BPJS)


def scope_code(user: User) -> str | None:
    """The region code whose subtree `user` sees; None means the whole country."""
    return user.scope_code


def in_scope(user: User, code: str) -> bool:
    return is_within(code, scope_code(user))


def can_view_person_data(user: User, code: str) -> bool:
    """May `user` see names and records of people in region `code`?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.role in PERSON_DATA_ROLES and in_scope(user, code)


def can_upload(user: User) -> bool:
    """Does `user` hold an uploading role at all? Each target is then checked with
    `can_upload_for`; this only decides whether the upload wizard (and its link) opens."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.role in UPLOAD_ROLES


def can_upload_members(user: User) -> bool:
    """May `user` upload membership extracts? They come from BPJS Ketenagakerjaan: its
    officers may; a Pemda uploads its own worker lists only."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.role == Role.BPJS


def can_upload_members_for(user: User, code: str) -> bool:
    """May `user` upload a membership extract covering region `code`? A branch's extract
    covers its own region or a part of it, never a wider one (docs/engine.md)."""
    return can_upload_members(user) and in_scope(user, code)


def can_upload_for(user: User, code: str) -> bool:
    """May `user` upload lists for the region (a Pemda: its own, or inside its own)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.role in UPLOAD_ROLES and in_scope(user, code)


def can_view_nik(user: User, code: str) -> bool:
    """May `user` see full NIKs of people in region `code` (others see them masked)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.role in NIK_ROLES and in_scope(user, code)


def _contains_all(scope: str | None, codes) -> bool:
    """Does the subtree of `scope` hold every code? A None code is the whole country."""
    return all(scope is None if code is None else is_within(code, scope) for code in codes)


def _is_uploader(user: User, uploader_id: int | None) -> bool:
    """The user who uploaded the file, while still holding an uploading role."""
    return uploader_id is not None and uploader_id == user.pk and user.role in UPLOAD_ROLES


def can_view_upload_rows(user: User, uploader_id: int | None, people_regions) -> bool:
    """May `user` see the person-level rows of an upload (preview, rejected rows, error
    report)?

    `people_regions` are the regions of the file's people (a None among them: the whole
    country). Its uploader may, and every person-data role whose region contains all of
    them (the national team: always); nobody else, whoever the file was uploaded for.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or _is_uploader(user, uploader_id):
        return True
    return user.role in PERSON_DATA_ROLES and _contains_all(scope_code(user), people_regions)


def can_view_upload_niks(user: User, uploader_id: int | None, people_regions) -> bool:
    """May `user` see the upload's rows with whole NIKs (the error report)? Its uploader,
    who sent them, and the Pemda and BPJS officers whose region contains all the people."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or _is_uploader(user, uploader_id):
        return True
    return user.role in NIK_ROLES and _contains_all(scope_code(user), people_regions)


def can_start_upload(user: User, uploader_id: int | None) -> bool:
    """May `user` start, or confirm, the import of an upload? Its uploader, or an uploading
    role of national scope (BPJS's national staff; superusers). Seeing an upload is not
    enough: a province officer sees its regencies' uploads but does not import them."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or _is_uploader(user, uploader_id):
        return True
    return user.role in UPLOAD_ROLES and scope_code(user) is None


def can_edit_compliance(user: User, code: str) -> bool:
    """May `user` change the regulatory compliance record (regulations, RKPD/APBD planning,
    evidence PDFs) of Pemda `code`?

    Only that Pemda's own officers (role `pemda` whose region is exactly `code`: the
    province's officers do not edit a regency's record) and superusers. Everyone signed in
    may read the record: it is aggregate, non-personal data.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.role == Role.PEMDA and user.region_id == code


def can_edit_budget(user: User, code: str) -> bool:
    """May `user` enter or correct the APBD allocations of Pemda `code`?

    Only that Pemda's own officers: a `pemda` user whose region *is* the Pemda (dotted or
    undotted code). A province officer does not enter its regencies' budgets, nor a regency
    officer its province's: each government answers for its own APBD. Superusers may
    (corrections on a Pemda's behalf). Everyone else, the national team included, reads
    budgets (aggregates, open to all) but never edits them.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.role != Role.PEMDA or user.region_id is None:
        return False
    return try_canonical_code(code) == user.region_id


def _is_province_officer(user: User) -> bool:
    return user.role == Role.PEMDA and user.region_id is not None and "." not in user.region_id


def can_hold_meeting(user: User, codes) -> bool:
    """May `user` record a monev meeting covering the regions `codes` (and its findings and
    actions)? The coordinators: the national team anywhere, a province's officers inside
    their province. Everyone signed in reads meetings and actions (aggregate records)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.NATIONAL:
        return True
    return _is_province_officer(user) and _contains_all(user.region_id, codes)


def can_download_pack(user: User, codes, attendee_ids) -> bool:
    """May `user` download a meeting's briefing pack (aggregates only, but the meeting's
    working paper)? Its participants: whoever may hold the meeting, an attendee with an
    account, and the officers of a region the meeting covers (a region inside theirs, or
    theirs inside one of the meeting's)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if can_hold_meeting(user, codes) or user.pk in set(attendee_ids):
        return True
    own = scope_code(user)
    return any(is_within(code, own) or (own is not None and is_within(own, code)) for code in codes)


def can_work_on_action(user: User, owner_area: str | None, owned_by_agency: bool) -> bool:
    """May `user` move a follow-up action along (in progress, done), comment on it and
    attach evidence? The owner's side: a Pemda's officers for actions owned by a Pemda in
    their region, a BPJS officer for those owned by an agency working in their region;
    and whoever may verify it (`can_verify_action`). `owner_area`: the owning Pemda's code,
    or the agency's region (None: a national agency)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if can_verify_action(user, owner_area):
        return True
    if owner_area is None:
        return False
    expected = Role.BPJS if owned_by_agency else Role.PEMDA
    return user.role == expected and in_scope(user, owner_area)


def can_verify_action(user: User, owner_area: str | None) -> bool:
    """May `user` verify an action done, drop it or reopen it? The national team, or the
    officers of the province above the owner; nobody verifies their own Pemda's action."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.NATIONAL:
        return True
    return (_is_province_officer(user) and owner_area is not None
            and owner_area != user.region_id and in_scope(user, owner_area))  # fmt: skip


def region_q(user: User, field: str) -> Q:
    """A filter keeping rows whose region code (in `field`) lies in the user's subtree."""
    code = scope_code(user)
    if code is None:
        return Q()
    return Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})


def mask_nik(nik: str) -> str:
    """`6402051203850001` → `640205**********`: region part kept, birth date and serial hidden.

    The whole serial is hidden because pages and exports show the birth date (and the
    region) beside the NIK: with only the region shown a masked NIK stands for 10,000
    NIKs even to someone who knows the birth date and sex (docs/access.md). Keeping the
    last two digits, as before, left 100.
    """
    if len(nik) != 16:
        return "*" * len(nik)
    return nik[:6] + "*" * 10
