"""The experience profile (ervaringsprofiel): one learner's recognised competencies on paper.

A standalone HTML page the learner prints or saves as PDF and takes to an accredited RPL (EVC)
provider: per competency the level recognised, the reasoning per behaviour indicator and the
evidence. Headings come from the ``talent`` catalog (English, Swedish, Dutch); every text from
the data is escaped, and only http(s) evidence links become links.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .._errors import InputError
from ..i18n import catalog_language, format_date, translate
from ._issuer import Issuer
from ._ob3 import urn
from ._recognised import RecognisedCompetency

__all__ = ["render_experience_profile"]

_CSS = """
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 2rem;
  line-height: 1.45; max-width: 60rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .25rem; border-bottom: 2px solid #1d4f91; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #6b6b6b; padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #e8eef7; }
dl { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.meta, footer { color: #3d3d3d; }
a { color: #1d4f91; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  section.competency { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; word-break: break-all; }
}
"""


def _competency(item: RecognisedCompetency, language: str, issuer: Issuer | None) -> list[str]:
    e = html.escape

    def t(message_id: str, **params: object) -> str:
        return e(translate(message_id, language, **params))

    parts = [
        '<section class="competency">',
        f"<h2>{e(item.competency_name)}</h2>",
        "<dl>",
        f"<dt>{t('profile.level')}</dt><dd>{e(item.level_name)}</dd>",
        f"<dt>{t('profile.outcome')}</dt><dd>{t('profile.outcome.' + item.outcome)}</dd>",
        f"<dt>{t('profile.framework')}</dt><dd>{e(item.framework_name)}</dd>",
        f"<dt>{t('profile.decided')}</dt>"
        f"<dd>{e(format_date(item.issued_at.date(), language))}</dd>",
    ]
    if issuer is not None:
        credential = urn(issuer.id, "credential", item.decision_id)
        parts.append(f"<dt>{t('profile.credential')}</dt><dd>{e(credential)}</dd>")
    parts.append("</dl>")
    if item.competency_description:
        parts.append(f"<p>{e(item.competency_description)}</p>")
    if item.level_description:
        parts.append(f"<p><em>{e(item.level_description)}</em></p>")
    parts.append(f"<h3>{t('profile.reasoning_heading')}</h3>")
    if item.reasons:
        parts += [
            "<table>",
            f'<thead><tr><th scope="col">{t("profile.indicator")}</th>'
            f'<th scope="col">{t("profile.reasoning")}</th></tr></thead><tbody>',
        ]
        parts += [
            f'<tr><th scope="row">{e(r.indicator)}</th><td>{e(r.reason)}</td></tr>'
            for r in item.reasons
        ]
        parts.append("</tbody></table>")
    else:
        parts.append(f"<p>{t('profile.no_reasons')}</p>")
    parts.append(f"<h3>{t('profile.evidence')}</h3>")
    if item.evidence:
        parts.append("<ul>")
        for piece in item.evidence:
            name = e(piece.name)
            if piece.url:
                name = f'<a href="{e(piece.url, quote=True)}">{name}</a>'
            dated = t("profile.evidence_dated", date=format_date(piece.date, language))
            text = f" {e(piece.description)}" if piece.description else ""
            parts.append(f"<li>{name} ({dated}).{text}</li>")
        parts.append("</ul>")
    else:
        parts.append(f"<p>{t('profile.no_evidence')}</p>")
    parts.append("</section>")
    return parts


def render_experience_profile(
    recognised: Sequence[RecognisedCompetency], language: str, issuer: Issuer | None = None
) -> str:
    """One learner's experience profile as a print-ready HTML page in ``language``.

    InputError when the list holds more than one learner (each learner gets their own page).
    """
    language = catalog_language(language)
    learners = {item.learner_id for item in recognised}
    if len(learners) > 1:
        raise InputError(f"an experience profile is one learner's; this list holds {len(learners)}")
    e = html.escape
    title = translate("profile.title", language)
    name = recognised[0].learner_name if recognised else ""
    heading = f"{title}: {name}" if name else title
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(heading)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{e(heading)}</h1>",
    ]
    if recognised:
        parts.append(f"<p>{e(translate('profile.intro', language, name=name))}</p>")
    else:
        parts.append(f"<p>{e(translate('profile.none', language))}</p>")
    ordered = sorted(recognised, key=lambda item: (item.competency_name, item.issued_at))
    for item in ordered:
        parts += _competency(item, language, issuer)
    parts.append("</main>")
    if issuer is not None and recognised:
        latest = max(item.issued_at for item in recognised).date()
        issued = translate(
            "profile.issued_by", language, issuer=issuer.name, date=format_date(latest, language)
        )
        parts.append(f'<footer><p class="meta">{e(issued)}</p></footer>')
    parts.append("</body></html>\n")
    return "\n".join(parts)
