"""The site's header and footer, written in Python for every page (templates/base.html).

Through the template language they cost about a millisecond a page (a dozen translated strings, the
menu's loop, the account links), more than many pages' own content.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants.navigation import NavItem

ROLE_BADGES = {"secretariat": gettext_lazy("Secretariat"), "chair": gettext_lazy("Chair")}


def site_header(context: Any) -> SafeString:
    """The brand, the account links of a signed-in person (name, role, logging out) and the role's menu."""
    account = _account(context) if context.get("user") and context["user"].is_authenticated else ""
    return mark_safe(  # noqa: S308 (every value below is escaped)
        '<header class="site-header">\n'
        '    <div class="container site-header__inner">\n'
        f'      <a class="brand" href="{reverse("home")}">\n'
        '        <span class="brand__mark" aria-hidden="true">ATT</span>\n'
        '        <span class="brand__text">\n'
        f'          <span class="brand__name">{escape(_("WGTR advisory group"))}</span>\n'
        f'          <span class="brand__sub">{escape(_("Arms Trade Treaty · Transparency and Reporting"))}</span>\n'
        "        </span>\n"
        f"      </a>{account}\n"
        "    </div>\n"
        f'    <nav class="site-nav" aria-label="{escape(_("Main"))}">\n'
        '      <ul class="container site-nav__list">'
        f"{''.join(_menu_item(item) for item in context.get('nav') or [])}\n"
        "      </ul>\n"
        "    </nav>\n"
        "  </header>"
    )


def _account(context: Any) -> str:
    user, participant = context["user"], context.get("viewer_participant")
    name = (participant.full_name if participant is not None else "") or user.get_full_name()
    badge = ROLE_BADGES.get(context.get("role", ""))
    token = context.get("csrf_token")
    token = token if token and str(token) != "NOTPROVIDED" else ""  # as {% csrf_token %} decides
    return (
        '\n      <div class="account">\n'
        f'        <span class="account__who"><a class="account__link" href="{reverse("account")}">{escape(name)}'
        f'<span class="visually-hidden"> · {escape(_("account and sign-in security"))}</span></a>\n'
        + (f'          <span class="badge badge--role">{escape(badge)}</span>\n' if badge else "")
        + "        </span>\n"
        f'        <form method="post" action="{reverse("logout")}" class="inline-form">'
        + (format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token) if token else "")
        + "\n"
        f'          <button type="submit" class="link-button">{escape(_("Log out"))}</button>\n'
        "        </form>\n"
        "      </div>"
    )


def _menu_item(item: NavItem) -> str:
    current = ' aria-current="page"' if item.current else ""
    count = (
        f' <span class="nav-count">{item.count}<span class="visually-hidden"> {escape(_("waiting"))}</span></span>'
        if item.count
        else ""
    )
    return f'\n        <li><a href="{escape(item.url)}"{current}>{escape(item.label)}{count}</a></li>'


def site_footer(context: Any) -> SafeString:
    """Annex 1's reminders (personal capacity, confidentiality), the working language, the time zone
    the page's times are in, and the role's user guide."""
    guide = context.get("user_guide")
    times = _("Times are shown in %(tz)s.") % {"tz": timezone.get_current_timezone_name()}
    return mark_safe(  # noqa: S308 (every value below is escaped)
        '<footer class="site-footer">\n'
        '    <div class="container site-footer__inner">\n'
        "      <p>"
        + escape(
            _(
                "Participants speak in their personal expert capacity. Views are not attributed to any State or "
                "organisation (Annex 1, §11). Deliberations are confidential (§12)."
            )
        )
        + "</p>\n"
        f"      <p>{escape(_('Working language: English.'))} {escape(times)}"
        + (f' <a href="{escape(guide)}">{escape(_("User guide"))}</a>' if guide else "")
        + "</p>\n"
        "    </div>\n"
        "  </footer>"
    )
