"""Personal data refused in a foreign RDF file (:mod:`loaders.rdf`): ``rdf.<code> -> (French, English)``.

``{reason}`` is a :mod:`kg.messages.privacy` reason. Personal data in a text or an IRI quarantines
that triple; a resource that is a private person is quarantined with the links to it; the rest of
the file is kept.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "rdf.personal-data": (
        "{reason} ; ce triplet est mis en quarantaine",
        "{reason}; this triple is quarantined"),
    "rdf.personal-data.expected": ("aucune donnée personnelle", "no personal data"),
    "rdf.personal-iri": (
        "{reason} (IRI {scheme}:) ; ce triplet est mis en quarantaine",
        "{reason} ({scheme}: IRI); this triple is quarantined"),
    "rdf.personal-iri.expected": ("aucune adresse électronique ni aucun numéro de téléphone",
                                  "no e-mail address or phone number"),
    "rdf.hidden-char": (
        "caractère invisible de direction ou de mise en forme U+{code} ; ce triplet est mis en quarantaine",
        "invisible text-direction or formatting character U+{code}; this triple is quarantined"),
    "rdf.hidden-char.expected": ("un texte sans caractère de contrôle invisible",
                                 "text without invisible control characters"),
    "rdf.named-person": (
        "{reason} ; le groupe et les liens vers lui sont mis en quarantaine",
        "{reason}; the group and the links to it are quarantined"),
    "rdf.named-person.expected": ("un nom de groupe (anc:category personnes-accompagnees)",
                                  "a group name (anc:category personnes-accompagnees)"),
    "rdf.person-not-public": (
        "personne privée : une personne n'est importée que dans un rôle public ; la ressource et les liens vers "
        "elle sont mis en quarantaine",
        "private person: a person is imported only in a public role; the resource and the links to it are "
        "quarantined"),
    "rdf.person-not-public.expected": (
        "anc:PublicRolePerson, ou anc:category parmi : {categories}",
        "anc:PublicRolePerson, or an anc:category among: {categories}"),
    "rdf.person-in-group-category": (
        "les personnes accompagnées n'apparaissent que comme groupes : cette ressource est une personne dans la "
        "catégorie personnes-accompagnees ; elle est mise en quarantaine avec les liens vers elle",
        "people receiving support appear only as groups: this resource is a person in the category "
        "personnes-accompagnees; it is quarantined with the links to it"),
    "rdf.person-in-group-category.expected": ("un groupe (anc:Group)", "a group (anc:Group)"),
    "rdf.anonymous-node": ("nœud anonyme [ ]", "anonymous node [ ]"),
}
