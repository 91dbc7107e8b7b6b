"""The committee check's verdicts, statuses and speakers (:mod:`kg.gaps`): ``key -> (French, English)``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # how a verdict is said (kg.gaps.model.SEVERITIES)
    "gaps.severity_ok": ("conforme", "ok"),
    "gaps.severity_warning": ("à surveiller", "warning"),
    "gaps.severity_failure": ("non conforme", "failure"),
    "gaps.severity_unknown": ("inconnu", "unknown"),
    # how a status is said about a rule (codes of the statement-status scheme)
    "gaps.status_attendu": ("attente du HCTS", "HCTS expectation"),
    "gaps.status_question-ouverte": ("grille de lecture de la recherche (question ouverte)",
        "research lens (an open question)"),
    "gaps.status_demande": ("demande des ateliers", "workshop request"),
    "gaps.status_perception": ("perception exprimée", "perception voiced"),
    "gaps.status_observe": ("fait observé", "observed fact"),
    # who said a passage (the speaker's kind, as the source names it)
    "gaps.speaker_hcts": ("HCTS", "HCTS"),
    "gaps.speaker_moine-sorita": ("Alexandre Moine et Nathalie Sorita (recherche)",
        "Alexandre Moine and Nathalie Sorita (research)"),
    "gaps.speaker_ateliers": ("participants des ateliers", "workshop participants"),
    "gaps.speaker_enquete": ("répondants de l'enquête exploratoire", "respondents to the exploratory survey"),
}
