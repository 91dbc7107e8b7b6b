"""Why a text holds personal data (:mod:`kg.privacy`): ``privacy.<kind> -> (French, English)``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "privacy.email": ("adresse électronique (donnée personnelle) : à retirer",
        "e-mail address (personal data): remove it"),
    "privacy.phone": ("numéro de téléphone (donnée personnelle) : à retirer",
        "phone number (personal data): remove it"),
    "privacy.nir": ("numéro de sécurité sociale (NIR, clé valide) : donnée personnelle sensible, à retirer",
        "French social-security number (NIR, valid key): sensitive personal data, remove it"),
    "privacy.iban": ("coordonnées bancaires (IBAN, clé valide) : donnée personnelle, à retirer",
        "bank details (IBAN, valid checksum): personal data, remove it"),
    "privacy.address": (
        "adresse postale (numéro et voie) : donnée personnelle, à retirer (la colonne territoire situe un acteur)",
        "postal address (number and street): personal data, remove it (the territory column locates an actor)"),
    "privacy.birth-date": ("date de naissance : donnée personnelle, à retirer",
        "birth date: personal data, remove it"),
    "privacy.person-in-text": ("nom d'une personne privée (civilité, famille, prénom et nom) : à retirer",
        "a private person's name (civility, family, first name and surname): remove it"),
    "privacy.named-person": (
        "les personnes accompagnées n'apparaissent que comme groupes : ce nom désigne une personne (donnez un nom "
        "de groupe, ex. « Groupe ressource RSA »)",
        "people receiving support appear only as groups: this name designates a person (give a group name, e.g. "
        "\"RSA resource group\")"),
    "privacy.private-person": (
        "ce nom désigne une personne privée : une personne n'est importée que dans un rôle public (type « personne "
        "» et catégorie publique), sinon donnez le nom de la structure",
        "this name designates a private person: a person is imported only in a public role (kind 'person' and a "
        "public category); otherwise give the organisation's name"),
}
