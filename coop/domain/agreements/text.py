"""Bokmål clause wording for host-municipality agreements (pure domain).

The wording functions take plain domain values, not the draft inputs, so that
``coop.domain.agreements.drafting`` can assemble a draft from them without an import cycle. The law
by date and the number formats live in ``coop.domain.agreements.law``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from coop.domain.agreements.law import (
    LawRegime,
    join_names,
    missing,
)
from coop.domain.costs.key_model import CostKey, KeyKind
from coop.domain.formatting import format_date, format_nok, format_share
from coop.domain.model import LegalForm, Municipality
from coop.domain.transition.policy_model import PersonnelPolicy


def form_name(form: LegalForm) -> str:
    """The legal form as a noun phrase, e.g. «administrativt vertskommunesamarbeid»."""
    if form is LegalForm.ADMINISTRATIVE:
        return "administrativt vertskommunesamarbeid"
    return "vertskommunesamarbeid med felles folkevalgt nemnd"


def term_text(lead: str, value: str | None) -> str:
    """A free-text term after its lead, or the placeholder that keeps its point open."""
    text = value.strip() if value else ""
    return f"{lead}: {text or missing(lead.lower())}"


PROMPT_MARK = "[VALGFRITT: "


def optional_text(lead: str, value: str | None) -> str:
    """A recommended clause, or a prompt that shows it was considered and left open."""
    text = value.strip() if value else ""
    return f"{lead}: {text}" if text else f"{lead}: {PROMPT_MARK}{lead.lower()}, ikke fylt ut]"


def effective_text(effective_from: date | None) -> str:
    """Point d: when tasks and authority move to the host."""
    when = format_date(effective_from) if effective_from else missing("overføringsdato")
    return f"Oppgavene og myndigheten overføres til vertskommunen fra og med {when}."


def informed_text(informed: str | None) -> str:
    """Point e: which host decisions the participants are told about, and how."""
    what = informed.strip() if informed else ""
    return (
        "Vertskommunen gir deltakerkommunene melding om disse vedtakene: "
        f"{what or missing('vedtak deltakerne skal ha melding om')}"
    )


def participants_text(
    members: Sequence[Municipality], numbers_then: Mapping[str, str] | None = None
) -> str:
    """Point a: every participant with the kommunenummer valid on the agreement's date."""
    then = numbers_then or {}
    named = [f"{m.name} kommune (kommunenummer {then.get(m.number, m.number)})" for m in members]
    return f"Deltakere i samarbeidet er {join_names(named)}."


def as_noun(name: str) -> str:
    """Service name inside a sentence: «Barnevern» → «barnevern», «IKT-drift» unchanged."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def host_text(host: Municipality, service_name: str) -> str:
    """Point b: which municipality is host."""
    return (
        f"{host.name} kommune er vertskommune og utfører oppgavene innen "
        f"{as_noun(service_name)} på vegne av deltakerkommunene."
    )


def basis_text(law: LawRegime, form: LegalForm) -> str:
    """Legal form and the sections the agreement rests on."""
    return (
        f"Samarbeidet er et {form_name(form)} etter {law.act} {law.ref(form.value)}, "
        f"jf. {law.citation}. "
        f"Avtalen er inngått etter {law.ref('agreement')}. Samarbeidet er ikke et eget "
        "rettssubjekt; tjenesten er en del av vertskommunens organisasjon, budsjett og regnskap."
    )


def delegation_text(law: LawRegime, form: LegalForm) -> str:
    """Point c: how decision authority moves; § 20-2 only for matters without principle."""
    if form is LegalForm.ADMINISTRATIVE:
        return (
            f"Kommunestyret i hver samarbeidskommune pålegger {law.chief_definite} i egen kommune "
            f"å delegere til {law.chief_definite} i vertskommunen myndighet til å treffe vedtak "
            "i enkeltsaker eller typer av saker som ikke har prinsipiell betydning, innenfor "
            "oppgavene i punkt 2.1. Saker av prinsipiell betydning avgjøres av hver kommune selv."
        )
    return (
        "Kommunestyret i hver deltakerkommune delegerer den samme myndigheten til en felles "
        "folkevalgt nemnd i vertskommunen. Nemnda kan treffe vedtak også i saker av prinsipiell "
        "betydning, innenfor oppgavene i punkt 2.1."
    )


def board_text(members_per_participant: int | None) -> str:
    """§ 20-3: the joint board's composition (at least two members per participant)."""
    count = (
        str(members_per_participant)
        if members_per_participant is not None
        else missing("antall medlemmer per deltaker")
    )
    return (
        f"Hver deltakerkommune velger {count} medlemmer med varamedlemmer til nemnda. "
        "Ledervervet kan gå på omgang mellom deltakerkommunene."
    )


def instruction_text(form: LegalForm) -> str:
    """Instruction, reversal and appeal: the partner keeps control of its own cases."""
    appeal = (
        "Samarbeidskommunen er klageinstans for enkeltvedtak vertskommunen treffer på dens vegne"
        if form is LegalForm.ADMINISTRATIVE
        else "Klager behandles av en særskilt klagenemnd der alle deltakerkommunene er representert"
    )
    return (
        "En samarbeidskommune kan gi vertskommunen instruks i saker som bare gjelder kommunen "
        "selv eller dens innbyggere, og kan omgjøre vedtak etter forvaltningsloven § 35 første "
        f"ledd. {appeal}, med mindre særlov gjør et statlig organ til klageinstans."
    )


def cost_key_text(key: CostKey) -> str:
    """Point f: the cost key with its reference date."""
    parts = []
    for component in key.components:
        weight = format_share(component.weight)
        if component.kind is KeyKind.EQUAL:
            parts.append(f"{weight} likt")
        elif component.kind is KeyKind.POPULATION:
            when = key.population_date  # CostKey requires it for population components
            at = f" per {format_date(when)}" if when is not None else ""
            parts.append(f"{weight} etter folketall{at}")
        elif component.kind is KeyKind.USAGE:
            parts.append(f"{weight} etter bruk ({component.metric})")
        else:
            fixed = ", ".join(
                f"{n}: {format_share(s)}" for n, s in sorted(component.fixed_shares.items())
            )
            parts.append(f"{weight} etter faste andeler ({fixed})")
    text = f"Utgiftene fordeles etter fordelingsnøkkelen «{key.name}»: {join_names(parts)}."
    return f"{text} {key.description}".strip() if key.description else text


def overhead_text(overhead_pct: Decimal) -> str:
    """Point f: host overhead, or plainly that none is charged (a hidden host subsidy)."""
    if overhead_pct > 0:
        pct = format_share(overhead_pct / 100)
        return (
            f"Vertskommunen legger et administrasjonstillegg på {pct} til netto driftsutgifter "
            "før fordeling."
        )
    return "Vertskommunen beregner ikke administrasjonstillegg."


def budget_text() -> str:
    """Point f: councils adopt the key and the rules; the yearly kroner are an illustration."""
    return (
        "Hver deltaker betaler sin andel etter fordelingsnøkkelen av netto driftsutgifter i "
        "budsjettet vertskommunen vedtar for tjenesten hvert år. Vedlegg 1 viser til "
        "illustrasjon hva nøkkelen gir for ett budsjettår."
    )


def akonto_text(frequency: str | None) -> str:
    """Point f: the a-konto plan."""
    when = frequency.strip() if frequency else missing("hvor ofte det betales a konto")
    return f"Deltakerkommunene betaler a konto {when} etter sin andel av vedtatt budsjett."


def settlement_text(terms: str | None) -> str:
    """Point f: year-end settlement against actual net cost."""
    base = (
        "Når vertskommunens regnskap er avlagt, fordeles de faktiske netto driftsutgiftene etter "
        "fordelingsnøkkelen. Forskjellen mot innbetalt a konto faktureres eller godskrives hver "
        "deltaker (årlig avregning)."
    )
    return f"{base} {terms.strip()}" if terms and terms.strip() else base


def withdrawal_text(law: LawRegime, notice_months: int | None) -> str:
    """Point g: withdrawal by written notice; the 2018 act's default is one year."""
    months = f"{notice_months} måneders" if notice_months is not None else missing("oppsigelsestid")
    cite = (
        f", jf. {law.act} {law.section_refs['withdrawal']}"
        if "withdrawal" in law.section_refs
        else ""
    )
    return (
        f"En deltaker kan tre ut av samarbeidet ved skriftlig oppsigelse med {months} frist{cite}."
    )


def dissolution_text(law: LawRegime) -> str:
    """Point h: dissolution by common consent."""
    if "dissolution" in law.section_refs:
        return (
            "Samarbeidet kan oppløses med umiddelbar virkning når alle deltakerne er enige, "
            f"jf. {law.act} {law.section_refs['dissolution']}."
        )
    return "Samarbeidet kan oppløses når alle deltakerne er enige om det."


def adoption_text(law: LawRegime) -> str:
    """Adoption by every council, the same text, and the notice to the state office."""
    return (
        "Avtalen trer i kraft når kommunestyret i hver deltakerkommune har vedtatt den med "
        "likelydende tekst. Endringer i avtalen må vedtas på samme måte. Vertskommunen sender "
        f"melding om samarbeidet til {law.state_office} når alle har vedtatt avtalen."
    )


def accession_text(names: Sequence[str]) -> str:
    """A member that may join later is not a party now: its accession is an amendment."""
    who = join_names([f"{n} kommune" for n in names])
    return (
        f"{who} kan slutte seg til samarbeidet senere. Tiltredelse er en endring av avtalen og "
        "gjelder først når kommunestyret i hver deltakerkommune, også den nye, har vedtatt den "
        "endrede avtalen med likelydende tekst."
    )


def personnel_texts(
    policy: PersonnelPolicy | None, reservation_days: int, host_name: str = "Vertskommunen"
) -> tuple[str, ...]:
    """Appendix 2: arbeidsmiljøloven chapter 16 in words, and the policy exactly as set.

    The policy's own description is a planning note and is never printed.
    """
    texts = [
        f"{host_name} blir ny arbeidsgiver for de ansatte som overføres. Overføringen er en "
        "virksomhetsoverdragelse etter arbeidsmiljøloven kapittel 16: de ansattes rettigheter og "
        "plikter etter arbeidsavtalen og arbeidsforholdet går over til den nye arbeidsgiveren "
        "(§ 16-2), og lønn og ansiennitet videreføres.",
        "Dersom kapittel 16 ikke gjelder direkte for hele overføringen, for eksempel fordi den "
        "gjelder utøvelse av offentlig myndighet, gir deltakerkommunene de ansatte de samme "
        "rettighetene etter denne avtalen: informasjon og drøfting, reservasjonsrett, "
        "fortrinnsrett og pensjon som beskrevet her.",
        "Den tidligere arbeidsgiveren (hver deltakerkommune for sine ansatte) informerer og "
        "drøfter overføringen med de tillitsvalgte så tidlig som mulig (arbeidsmiljøloven "
        "§ 16-5), og informerer de berørte ansatte (§ 16-6): tidspunktet for og grunnen til "
        "overføringen, de rettslige, økonomiske og sosiale følgene for de ansatte og planlagte "
        "tiltak for dem.",
        "En ansatt kan reservere seg mot å gå over til den nye arbeidsgiveren (arbeidsmiljøloven "
        "§ 16-3). Fristen settes av den tidligere arbeidsgiveren og er "
        f"{reservation_days} dager etter at informasjonen er gitt; den kan ikke være kortere "
        "enn 14 dager.",
        "En ansatt som har reservert seg og blir sagt opp fordi den tidligere arbeidsgiveren ikke "
        "har annet passende arbeid å tilby, har fortrinnsrett til ny stilling hos den tidligere "
        "arbeidsgiveren når vedkommende har vært ansatt der i til sammen minst 12 måneder de "
        "siste to årene. Fortrinnsretten gjelder i ett år (arbeidsmiljøloven § 16-3, jf. § 14-2). "
        "Den som ikke reserverer seg, har ikke denne fortrinnsretten.",
        "Den nye arbeidsgiveren sørger for at de ansatte som overføres, fortsatt er sikret "
        "pensjonsrettigheter i en kollektiv pensjonsordning (arbeidsmiljøloven § 16-2).",
    ]
    if policy is None:
        texts.append(f"Personalpolitiske retningslinjer: {missing('retningslinjer')}.")
        return tuple(texts)
    texts.append(travel_grant_text(policy))
    if policy.relocation_nok > 0:
        texts.append(
            "Ansatte som flytter på grunn av overføringen, får dekket faktiske flytteutgifter."
        )
    if policy.transition_grant_nok > 0:
        who = (
            "Alle ansatte som overføres,"
            if policy.transition_grant_to == "alle"
            else "Ansatte som overføres og flytter på grunn av overføringen,"
        )
        texts.append(
            f"{who} får et omstillingstilskudd på {format_nok(policy.transition_grant_nok)} "
            "som engangsbeløp."
        )
    return tuple(texts)


def travel_grant_text(policy: PersonnelPolicy) -> str:
    """Travel-grant bands in words, as the policy sets them (threshold, basis, duration)."""
    bands, parts = policy.bands, []
    inclusive = policy.threshold_inclusive
    for index, band in enumerate(bands):
        lo = _km(band.from_km)
        hi = _km(bands[index + 1].from_km) if index + 1 < len(bands) else None
        if hi is None:
            span = (
                (f"på {lo} km eller mer" if inclusive else f"over {lo} km")
                if index
                else ("uansett lengde")
            )
        elif index == 0:
            span = f"under {hi} km" if inclusive else f"til og med {hi} km"
        else:
            span = (
                f"fra {lo} km til under {hi} km"
                if inclusive
                else (f"over {lo} km til og med {hi} km")
            )
        parts.append(f"{format_nok(band.grant_nok)} ved reisevei {span}")
    distance = (
        "én vei mellom bosted og nytt arbeidssted"
        if policy.one_way_km
        else "samlet per dag, tur–retur mellom bosted og nytt arbeidssted"
    )
    if not policy.yearly:
        paid = "som engangsbeløp"
    else:
        years = "ett år" if policy.grant_years == 1 else f"{policy.grant_years} år"
        paid = f"per år i {years}"
    return f"Reisetilskuddet er {join_names(parts)} (reisevei {distance}), utbetalt {paid}."


def _km(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
